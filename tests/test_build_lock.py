"""One build at a time per exports folder, and the mining threshold of the main job."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.core.errors import FolderBusyError
from align.job.build import build
from align.job.lock import LOCK, exports_lock

from conftest import CORPUS, REPO

runner = CliRunner()


def _small_corpus(tmp_path, names=("001_c1337831e128b1af.txt", "004_ac438887a82c07fe.txt")):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["file"] in names]
    for row in rows:  # relations to documents left out go
        row["related_to"] = ";".join(other for other in row["related_to"].split(";") if other in names)
        row["relation"] = row["relation"] if row["related_to"] else "none"
    with (corpus / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for name in names:
        shutil.copy(CORPUS / name, corpus / name)
    return corpus


def test_a_second_build_on_the_same_exports_is_refused_and_writes_nothing(tmp_path):
    corpus, exports = _small_corpus(tmp_path), tmp_path / "exports"
    with exports_lock(exports):
        with pytest.raises(FolderBusyError, match=rf"being written by another bitext build \(pid {os.getpid()}"):
            build(corpus, exports, fast=True)
        assert sorted(p.name for p in exports.iterdir()) == [LOCK]
    assert not (exports / LOCK).exists()  # released when the build ends
    build(corpus, exports, fast=True)
    assert (exports / "report.json").is_file() and not (exports / LOCK).exists()


def test_the_cli_refuses_with_exit_3_while_another_process_builds(tmp_path):
    corpus, exports = _small_corpus(tmp_path), tmp_path / "exports"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from align.job.lock import exports_lock
            with exports_lock({str(exports)!r}):
                print("locked", flush=True)
                sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        holder_pid = json.loads((exports / LOCK).read_text(encoding="utf-8"))["pid"]
        assert holder_pid == holder.pid
        result = runner.invoke(app, ["build", "--corpus", str(corpus), "--exports", str(exports), "--fast", "--jobs", "1"])
        assert result.exit_code == 3, result.output
        message = " ".join(result.output.split())
        assert f"pid {holder.pid}" in message and "Traceback" not in result.output
        assert not (exports / "report.json").exists()
    finally:
        holder.communicate("\n", timeout=30)
    result = runner.invoke(app, ["build", "--corpus", str(corpus), "--exports", str(exports), "--fast", "--jobs", "1"])
    assert result.exit_code == 0, result.output


def test_a_lock_left_by_a_killed_build_is_taken_over(tmp_path):
    corpus, exports = _small_corpus(tmp_path), tmp_path / "exports"
    killed = subprocess.Popen([sys.executable, "-c", "pass"])
    killed.wait()  # its pid is gone
    exports.mkdir()
    (exports / LOCK).write_text(json.dumps({"pid": killed.pid, "host": "here", "started": "yesterday"}) + "\n", encoding="utf-8")
    report = build(corpus, exports, fast=True)
    assert report.documents and not (exports / LOCK).exists()


def test_the_threshold_decides_which_mined_pairs_are_exported(tmp_path):
    from align.formats import read_bitext

    corpus = _small_corpus(tmp_path, ("000_0b1bca0a7bab6d19.txt", "003_d1ca78e905d0fb4b.txt"))
    strict = build(corpus, tmp_path / "strict", fast=True)
    loose = build(corpus, tmp_path / "loose", fast=True, min_confidence=0.3)
    name = "003_d1ca78e905d0fb4b__000_0b1bca0a7bab6d19.jsonl"
    kept = {b.confidence for b in read_bitext(tmp_path / "strict" / "mined" / name)}
    more = {b.confidence for b in read_bitext(tmp_path / "loose" / "mined" / name)}
    assert all(c >= 0.9 for c in kept) and min(more) < 0.9 and len(more) > len(kept)
    assert strict.consistency["beads"] == strict.pairs[0]["confident"] == len(kept)
    # the loose build's headline still counts only the beads at or above its own threshold
    assert loose.consistency["beads"] == loose.pairs[0]["confident"] == sum(c >= 0.3 for c in more)
    assert json.loads((tmp_path / "loose" / "consistency.json").read_text(encoding="utf-8"))["summary"]["min confidence"] == 0.3


def test_build_help_documents_the_threshold_and_the_lock():
    result = runner.invoke(app, ["build", "--help"], env={"COLUMNS": "200"})
    text = " ".join(result.output.split())
    assert "--min-confidence" in text and "0.9" in text and "exit code 3" in text


def test_two_builds_started_together_leave_one_consistent_exports_folder(tmp_path):
    corpus, exports = _small_corpus(tmp_path), tmp_path / "exports"
    command = [sys.executable, "-m", "align", "build", "--corpus", str(corpus), "--exports", str(exports), "--fast", "--jobs", "1", "--json"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    results = [(run.returncode, out, err) for run, (out, err) in zip(runs, outputs)]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 0], [0, 3]), results  # both ran, one after the other, or the second was refused
    for code, out, err in results:
        assert "Traceback" not in err
        if code == 3:
            assert "being written by another bitext build" in " ".join(err.split()) and not out
    # the folder is what one build writes: a third run finds every output as its ledger says and rewrites nothing
    third = build(corpus, exports, fast=True)
    assert third.written == [] and not (exports / LOCK).exists()


def test_exports_that_cannot_be_written_or_a_bad_glossary_stop_the_build_before_any_work(tmp_path):
    corpus = _small_corpus(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "--corpus", str(corpus), "--exports", str(blocker / "exports"), "--fast"])
    said = " ".join(result.output.split())
    assert result.exit_code == 2 and "a-file" in said and ("is not a folder" in said or "cannot write the exports there" in said)
    exports = tmp_path / "exports"
    result = runner.invoke(app, ["build", "--corpus", str(corpus), "--exports", str(exports), "-g", str(tmp_path / "none.tsv")])
    assert result.exit_code == 2 and not exports.exists()
