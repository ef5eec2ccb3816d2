"""The output folder's ledger, pair discovery for batch mode, one task's failures, and a build that rewrites nothing."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace

import pytest

from align.core.errors import InputError, OutputExistsError
from align.job.discover import pairs_from_tsv, pairs_in_folders
from align.job.ledger import LEDGER, LEGACY, Ledger, bytes_sha256
from align.job.tasks import PairTask, run_task

from conftest import CORPUS


def test_ledger_knows_its_own_files_and_refuses_others(tmp_path):
    ledger = Ledger(tmp_path)
    assert ledger.put("a.txt", b"one") and not ledger.put("a.txt", b"one")  # same bytes: not rewritten
    assert ledger.put("a.txt", b"two")  # its own file: replaced
    (tmp_path / "a.txt").write_bytes(b"edited by hand")
    with pytest.raises(OutputExistsError):
        ledger.put("a.txt", b"three")
    (tmp_path / "b.txt").write_bytes(b"someone else's")
    with pytest.raises(OutputExistsError):
        Ledger(tmp_path).put("b.txt", b"mine")
    assert Ledger(tmp_path).put("b.txt", b"mine", force=True)
    assert (tmp_path / "a.txt").read_bytes() == b"edited by hand"


def test_ledger_survives_a_kill(tmp_path):
    ledger = Ledger(tmp_path)
    ledger.put("x.tmx", b"old")
    ledger.finish("x.tmx", {"status": "ok", "outputs": {"x.tmx": bytes_sha256(b"old")}, "signature": "s"})
    # killed after recording the new hash as pending, before the rename: the old file is still ours
    ledger._record({"file": "x.tmx", "sha256": bytes_sha256(b"new"), "pending": True})
    with (tmp_path / LEDGER).open("a", encoding="utf-8") as handle:
        handle.write('{"task": "y.tmx", "sta')  # and a record cut short
    again = Ledger(tmp_path)
    assert again.accepts("x.tmx") and again.fresh("x.tmx", {"signature": "s"}) is not None
    assert again.fresh("x.tmx", {"signature": "other"}) is None
    again.finish("z.tmx", {"status": "failed"})
    lines = (tmp_path / LEDGER).read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line) for line in lines)  # the cut line is gone, nothing glued to it
    assert Ledger(tmp_path).task("z.tmx")["status"] == "failed"


def test_the_ledger_of_older_builds_is_folded_in(tmp_path):
    (tmp_path / "report.json").write_text("{}", encoding="utf-8")
    (tmp_path / LEGACY).write_text(json.dumps({"report.json": bytes_sha256(b"{}")}), encoding="utf-8")
    ledger = Ledger(tmp_path)
    assert ledger.accepts("report.json") and not (tmp_path / LEGACY).exists() and (tmp_path / LEDGER).is_file()


def test_pairs_by_name_and_language_tags(tmp_path):
    for path in ("zh/001", "en/001", "zh/a.zh.txt", "en/a.en.txt", "zh/b_zh.html", "en/b_en.html", "zh/lonely.txt", "zh/.hidden"):
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    pairs, unpaired = pairs_in_folders(tmp_path / "zh", tmp_path / "en")
    assert [(p.name, p.zh.name, p.en.name) for p in pairs] == [
        ("001", "001", "001"), ("a", "a.zh.txt", "a.en.txt"), ("b", "b_zh.html", "b_en.html")]
    assert unpaired == [str(tmp_path / "zh" / "lonely.txt")]


def test_pairs_tsv_errors_name_the_line(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("zh\ten\nzh/a.zh.txt\ten/a.en.txt\n/abs/b\t/abs/c\tb\n", encoding="utf-8")
    pairs = pairs_from_tsv(tsv)
    assert [(p.name, str(p.zh), str(p.en)) for p in pairs] == [
        ("a", str(tmp_path / "zh" / "a.zh.txt"), str(tmp_path / "en" / "a.en.txt")), ("b", "/abs/b", "/abs/c")]
    for text, message in (("a\tb\nc\n", "pairs.tsv:2"), ("a\tb\tx\nc\td\tx\n", "already used at line 1"),
                          ("a\tb\t../x\n", "plain file name"), ("# nothing\n", "no pairs")):
        tsv.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=message):
            pairs_from_tsv(tsv)


def test_a_task_never_raises(tmp_path):
    missing = run_task(PairTask("m", str(tmp_path / "no.zh"), str(tmp_path / "no.en"), str(tmp_path / "m.tmx"), fast=True))
    assert missing.status == "failed" and "not found" in missing.error and missing.exit_code == 2
    (tmp_path / "a.zh").write_text("今天天气很好。\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("今天天气很好。\n", encoding="utf-8")
    same = run_task(PairTask("a", str(tmp_path / "a.zh"), str(tmp_path / "a.en"), str(tmp_path / "a.tmx"), fast=True, presplit=True))
    assert same.status == "failed" and "both Chinese" in same.error
    bad = run_task(PairTask("a", str(tmp_path / "a.zh"), str(tmp_path / "a.en"), str(tmp_path / "a.tmx"), fmt="nope", fast=True))
    assert bad.status == "failed" and bad.error
    (tmp_path / "b.en").write_text("The weather is fine today, and we walk in the park. " * 20 + "\n", encoding="utf-8")
    mismatch = PairTask("b", str(tmp_path / "a.zh"), str(tmp_path / "b.en"), str(tmp_path / "b.tmx"), fast=True, presplit=True)
    assert "differ" in run_task(mismatch).error  # far from a translation's lengths: refused...
    assert run_task(replace(mismatch, allow_mismatch=True)).status == "ok"  # ...unless forced (--force)


def test_a_second_build_rewrites_nothing(tmp_path):
    from align.job.build import build

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    exports = tmp_path / "exports"
    first = build(corpus, exports, fast=True)
    assert first.pairs and "mined/002_692b37b96702f906__000_0b1bca0a7bab6d19.tmx" in first.written

    def snapshot():
        return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in exports.rglob("*") if p.is_file()}

    before = snapshot()
    second = build(corpus, exports, fast=True)
    assert second.written == [] and snapshot() == before
    assert second.pairs == first.pairs and second.consistency == first.consistency and second.outputs == first.outputs
    os.utime(corpus / "002_692b37b96702f906.txt")  # touched, not changed: still nothing to do
    assert build(corpus, exports, fast=True).written == []
