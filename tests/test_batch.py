"""Batch mode of bitext align: folders or a TSV of pairs into one output folder, failures, re-runs, resuming, processes, Dask."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from align.cli.app import app
from align.job.batch import BatchOptions, run_batch
from align.job.discover import pairs_in_folders
from align.job.ledger import LEDGER
from align.job.tasks import run_task

CHAPTERS = ("001", "002", "003")
FAST = BatchOptions(fmt="tmx", presplit=True, fast=True)


def _excerpt(shared, chapter: str, beads: int = 8) -> tuple[str, str]:
    """The sentences of the first ``beads`` gold beads of a MAC-Dev chapter: a short pair that is a translation."""
    mac = shared / "benchmarks" / "mac-dev"
    gold = (mac / "gold" / f"{chapter}.align").read_text(encoding="utf-8").splitlines()[:beads]
    zh_ids = [int(i) for line in gold for i in re.findall(r"\d+", line.split(":")[0])]
    en_ids = [int(i) for line in gold for i in re.findall(r"\d+", line.split(":")[1])]
    zh = (mac / "zh" / chapter).read_text(encoding="utf-8").splitlines()[: max(zh_ids) + 1]
    en = (mac / "en" / chapter).read_text(encoding="utf-8").splitlines()[: max(en_ids) + 1]
    return "\n".join(zh) + "\n", "\n".join(en) + "\n"


@pytest.fixture()
def folders(tmp_path, shared_dir):
    for side in ("zh", "en"):
        (tmp_path / side).mkdir()
    for chapter in CHAPTERS:
        zh, en = _excerpt(shared_dir, chapter)
        (tmp_path / "zh" / chapter).write_text(zh, encoding="utf-8")
        (tmp_path / "en" / chapter).write_text(en, encoding="utf-8")
    return tmp_path


def _cli(*args: str):
    return CliRunner().invoke(app, list(args))


def _snapshot(folder) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in sorted(folder.iterdir()) if path.is_file()}


def _batch(folders, out, **kwargs):
    pairs, unpaired = pairs_in_folders(folders / "zh", folders / "en")
    options = kwargs.pop("options", FAST)
    return run_batch(pairs, out, options, unpaired=unpaired, jobs=kwargs.pop("jobs", 1), **kwargs)


def test_folders_pair_by_name_one_output_per_pair(folders):
    run = _cli("align", str(folders / "zh"), str(folders / "en"), "-o", str(folders / "out"), "--presplit", "--fast",
               "--format", "align", "--jobs", "1", "--json")
    assert run.exit_code == 0, run.output
    summary = json.loads(run.stdout)
    assert [row["name"] for row in summary["pairs"]] == list(CHAPTERS)
    assert {row["status"] for row in summary["pairs"]} == {"ok"} and summary["exit_code"] == 0
    assert sorted(p.name for p in (folders / "out").iterdir()) == [LEDGER, "001.align", "002.align", "003.align"]
    first = (folders / "out" / "001.align").read_text().splitlines()
    assert first and all(re.fullmatch(r"\[[\d,]*\]:\[[\d,]*\]", line) for line in first)
    assert all(row["document_score"] > 0.3 for row in summary["pairs"]), summary  # translations, not a mix-up


def test_a_failed_pair_is_reported_and_the_others_written(folders):
    (folders / "zh" / "004").write_bytes(b"\x00\x01\x02\x03 binary \x00")
    (folders / "en" / "004").write_bytes(b"")
    (folders / "zh" / "005").write_text("没有英文的文件。\n", encoding="utf-8")
    run = _cli("align", str(folders / "zh"), str(folders / "en"), "-o", str(folders / "out"), "--presplit", "--fast",
               "-j", "1", "--json")
    assert run.exit_code == 2
    summary = json.loads(run.stdout)
    rows = {row["name"]: row for row in summary["pairs"]}
    assert rows["004"]["status"] == "failed" and "binary" in rows["004"]["error"]
    assert [rows[c]["status"] for c in CHAPTERS] == ["ok"] * 3
    assert summary["unpaired"] == [str(folders / "zh" / "005")]
    assert sorted(p.name for p in (folders / "out").glob("*.tmx")) == ["001.tmx", "002.tmx", "003.tmx"]
    table = _cli("align", str(folders / "zh"), str(folders / "en"), "-o", str(folders / "out2"), "--presplit", "--fast",
                 "-j", "1", "-q")
    assert table.exit_code == 2 and "failed" in table.stdout and "004" in table.stdout


def test_pairs_tsv(folders):
    (folders / "pairs.tsv").write_text("# zh\ten\tname\nzh/001\ten/001\tfirst\n\nzh/003\ten/003\n", encoding="utf-8")
    run = _cli("align", "--pairs", str(folders / "pairs.tsv"), "-o", str(folders / "out"), "--presplit", "--fast",
               "--format", "jsonl", "-j", "1", "--json")
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in (folders / "out").glob("*.jsonl")) == ["003.jsonl", "first.jsonl"]
    (folders / "bad.tsv").write_text("zh/001\ten/001\nzh/002 en/002\n", encoding="utf-8")
    bad = _cli("align", "--pairs", str(folders / "bad.tsv"), "-o", str(folders / "out"), "--fast")
    assert bad.exit_code == 2 and "bad.tsv:2" in bad.output
    both = _cli("align", str(folders / "zh"), str(folders / "en"), "--pairs", str(folders / "pairs.tsv"), "-o", "x")
    assert both.exit_code == 4


def test_second_run_skips_everything_and_rewrites_nothing(folders):
    out = folders / "out"
    assert _batch(folders, out).exit_code == 0
    before = _snapshot(out)
    again = _batch(folders, out)
    assert [r.status for r in again.results] == ["skipped"] * 3 and again.exit_code == 0
    assert [r.beads for r in again.results] == [r["beads"] for r in json.loads(json.dumps([r.to_dict() for r in again.results]))]
    assert _snapshot(out) == before  # bytes and modification times, the ledger's included
    changed = _batch(folders, out, options=BatchOptions(fmt="tmx", presplit=True, fast=True, min_confidence=0.5))
    assert [r.status for r in changed.results] == ["ok"] * 3  # other output options: run again


def test_a_killed_batch_resumes_and_a_failed_pair_is_retried(folders, shared_dir):
    out = folders / "out"
    calls = []

    def dies_on_the_second(task):
        calls.append(task.name)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the batch is killed while aligning 002
        return run_task(task)

    with pytest.raises(KeyboardInterrupt):
        _batch(folders, out, runner=dies_on_the_second)
    assert sorted(p.name for p in out.glob("*.tmx")) == ["001.tmx"]
    resumed = _batch(folders, out)
    assert [r.status for r in resumed.results] == ["skipped", "ok", "ok"]
    (out / "003.tmx").unlink()  # an output removed: that pair runs again
    (folders / "en" / "002").write_bytes(b"")  # and a pair that fails...
    third = _batch(folders, out)
    assert [r.status for r in third.results] == ["skipped", "failed", "ok"] and third.exit_code == 2
    (folders / "en" / "002").write_text(_excerpt(shared_dir, "002")[1], encoding="utf-8")
    fourth = _batch(folders, out)  # ...is retried once fixed
    assert [r.status for r in fourth.results] == ["skipped", "ok", "skipped"]


def test_an_edited_output_is_never_overwritten_without_force(folders):
    out = folders / "out"
    _batch(folders, out)
    (out / "001.tmx").write_text("my corrections\n", encoding="utf-8")
    refused = _batch(folders, out)
    assert [r.status for r in refused.results] == ["failed", "skipped", "skipped"]
    assert refused.exit_code == 3 and "use --force" in refused.results[0].error
    assert (out / "001.tmx").read_text(encoding="utf-8") == "my corrections\n"
    forced = _batch(folders, out, force=True)
    assert [r.status for r in forced.results] == ["ok", "skipped", "skipped"] and forced.exit_code == 0
    assert (out / "001.tmx").read_bytes().startswith(b"<?xml")
    stranger = folders / "other"
    stranger.mkdir()
    (stranger / "002.tmx").write_text("someone else's file\n", encoding="utf-8")  # a folder with no ledger
    run = _cli("align", str(folders / "zh"), str(folders / "en"), "-o", str(stranger), "--presplit", "--fast", "-j", "1", "-q")
    assert run.exit_code == 3
    assert (stranger / "002.tmx").read_text(encoding="utf-8") == "someone else's file\n"


def test_two_processes_write_the_same_bytes_as_one(folders, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the batch's one TMX date
    one = _batch(folders, folders / "one", jobs=1)
    two = _batch(folders, folders / "two", jobs=2)
    assert [r.status for r in one.results] == [r.status for r in two.results] == ["ok"] * 3
    for chapter in CHAPTERS:
        assert (folders / "one" / f"{chapter}.tmx").read_bytes() == (folders / "two" / f"{chapter}.tmx").read_bytes()


def test_a_dask_cluster_runs_the_same_tasks(folders, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pairs, _ = pairs_in_folders(folders / "zh", folders / "en")
    _batch(folders, folders / "here", jobs=1)
    # worker processes, as on a real cluster: the tasks, the models' loading and the results cross process boundaries
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = run_batch(pairs[:2], folders / "cluster", FAST, dask=cluster.scheduler_address)
        assert [r.status for r in report.results] == ["ok", "ok"]
        again = run_batch(pairs[:2], folders / "cluster", FAST, dask=cluster.scheduler_address)
        assert [r.status for r in again.results] == ["skipped", "skipped"]
    for chapter in CHAPTERS[:2]:
        assert (folders / "cluster" / f"{chapter}.tmx").read_bytes() == (folders / "here" / f"{chapter}.tmx").read_bytes()
