"""The main job over the corpus: outputs, re-runs, and never clobbering a user's file."""

from __future__ import annotations

import json
import shutil

import pytest

from align.core.errors import OutputExistsError
from align.job.build import build

from conftest import CORPUS


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    exports = tmp_path_factory.mktemp("exports")
    report = build(CORPUS, exports, fast=True)
    return exports, report


def test_every_document_is_segmented(built):
    exports, report = built
    names = sorted(p.name for p in CORPUS.glob("0*.txt"))
    assert sorted(d["file"] for d in report.documents) == names
    for name in names:
        rows = [json.loads(line) for line in (exports / "segmented" / name.replace(".txt", ".jsonl")).open(encoding="utf-8")]
        assert rows and {"id", "start", "end", "text", "key"} <= set(rows[0])
    by_name = {d["file"]: d for d in report.documents}
    assert by_name["003_d1ca78e905d0fb4b.txt"]["script"] == "Hant"


def test_comparable_pairs_are_mined_not_aligned(built):
    exports, report = built
    pairs = {(p["zh"], p["en"]): p for p in report.pairs}
    pair = pairs[("002_692b37b96702f906.txt", "000_0b1bca0a7bab6d19.txt")]
    assert pair["relation"] == "comparable"
    # Mining keeps only the few sentences that correspond, not a full alignment of 62 × 54 sentences.
    assert 0 < pair["beads"] <= 15
    assert (exports / "mined" / "002_692b37b96702f906__000_0b1bca0a7bab6d19.tmx").is_file()
    assert not (exports / "aligned").exists()


def test_glossary_scan_flags_my_country(built):
    exports, report = built
    texts = json.dumps(report.glossary, ensure_ascii=False).lower()
    assert "my country" in texts
    assert (exports / "glossary" / "scan.jsonl").is_file()
    assert json.loads((exports / "report.json").read_text(encoding="utf-8"))["documents"]


def test_term_consistency_is_scored_over_the_mined_pairs(built):
    exports, report = built
    consistency = json.loads((exports / "consistency.json").read_text(encoding="utf-8"))
    assert consistency["summary"]["bitexts"] == len(report.pairs)
    assert report.consistency["beads"] == sum(p["beads"] for p in report.pairs)


def test_rerun_is_safe_but_a_user_edit_is_never_overwritten(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("manifest.csv", "001_c1337831e128b1af.txt", "004_ac438887a82c07fe.txt"):
        shutil.copy(CORPUS / name, corpus / name)
    manifest = (corpus / "manifest.csv").read_text(encoding="utf-8").splitlines()
    kept = [manifest[0]] + [line for line in manifest[1:] if line.startswith(("001_", "004_"))]
    (corpus / "manifest.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    exports = tmp_path / "exports"
    build(corpus, exports, fast=True)
    build(corpus, exports, fast=True)  # a re-run replaces its own files
    edited = exports / "segmented" / "001_c1337831e128b1af.jsonl"
    edited.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        build(corpus, exports, fast=True)
    assert edited.read_text(encoding="utf-8") == "my notes\n"
    build(corpus, exports, fast=True, force=True)
    assert edited.read_text(encoding="utf-8") != "my notes\n"
