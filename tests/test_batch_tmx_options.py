"""Batch mode's TMX options: --keep-omissions for every pair, --penalty-tmx FOLDER with one penalty memory per pair,
recorded in the output folder's ledger (a re-run rewrites nothing, a killed batch resumes)."""

from __future__ import annotations

import json

import pytest
from lxml import etree
from test_batch import _excerpt
from typer.testing import CliRunner

from align.cli.app import app
from align.job.batch import BatchOptions, run_batch
from align.job.discover import pairs_in_folders
from align.job.tasks import run_task

CHAPTERS = ("001", "002")
THRESHOLD = 0.9  # high enough that both short excerpts have beads on each side of it


@pytest.fixture()
def folders(tmp_path, shared_dir):
    for side in ("zh", "en", "penalty"):
        (tmp_path / side).mkdir()
    for chapter in CHAPTERS:
        zh, en = _excerpt(shared_dir, chapter, beads=12)
        (tmp_path / "zh" / chapter).write_text(zh, encoding="utf-8")
        (tmp_path / "en" / chapter).write_text(en, encoding="utf-8")
    return tmp_path


def _align(folders, *extra: str):
    return CliRunner().invoke(app, ["align", str(folders / "zh"), str(folders / "en"), "-o", str(folders / "out"),
                                    "--presplit", "--fast", "-j", "1", "--min-confidence", str(THRESHOLD), *extra])


def _confidences(path) -> list[float]:
    units = etree.parse(str(path)).getroot().iter("tu")
    return [float(tu.findtext("prop[@type='x-confidence']")) for tu in units]


def _confidences_of(snapshot, path) -> list[float]:
    units = etree.fromstring(snapshot[str(path)][0]).iter("tu")
    return [float(tu.findtext("prop[@type='x-confidence']")) for tu in units]


def _snapshot(*folders) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for f in folders for p in sorted(f.iterdir()) if p.is_file()}


def test_each_pair_gets_a_penalty_memory_of_the_beads_below_the_threshold(folders):
    run = _align(folders, "--penalty-tmx", str(folders / "penalty"), "--json")
    assert run.exit_code == 0, run.output
    pairs = json.loads(run.stdout)["pairs"]
    assert sorted(p.name for p in (folders / "penalty").iterdir()) == ["001.tmx", "002.tmx"]
    below_somewhere = False
    for row in pairs:
        main, penalty = _confidences(folders / "out" / f"{row['name']}.tmx"), _confidences(folders / "penalty" / f"{row['name']}.tmx")
        assert all(c >= THRESHOLD for c in main) and all(c < THRESHOLD for c in penalty)
        assert len(main) + len(penalty) == row["beads"]  # no omission in these excerpts: every bead is in one memory
        below_somewhere = below_somewhere or bool(penalty)
        if penalty:  # the warning names the real file, not a temporary one
            assert any(str(folders / "penalty" / f"{row['name']}.tmx") in warning for warning in row["warnings"])
    assert below_somewhere
    before = _snapshot(folders / "out", folders / "penalty")
    again = _align(folders, "--penalty-tmx", str(folders / "penalty"), "--json")
    assert [row["status"] for row in json.loads(again.stdout)["pairs"]] == ["skipped", "skipped"]
    assert _snapshot(folders / "out", folders / "penalty") == before  # bytes and modification times
    (folders / "penalty" / "002.tmx").unlink()  # a penalty memory removed: its pair runs again
    third = _align(folders, "--penalty-tmx", str(folders / "penalty"), "--json")
    assert [row["status"] for row in json.loads(third.stdout)["pairs"]] == ["skipped", "ok"]
    assert _confidences(folders / "penalty" / "002.tmx") == _confidences_of(before, folders / "penalty" / "002.tmx")


def test_a_killed_batch_resumes_with_its_penalty_memories(folders):
    pairs, _ = pairs_in_folders(folders / "zh", folders / "en")
    options = BatchOptions(fmt="tmx", presplit=True, fast=True, min_confidence=THRESHOLD,
                           penalty_folder=str(folders / "penalty"))
    calls = []

    def dies_on_the_second(task):
        calls.append(task.name)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return run_task(task)

    with pytest.raises(KeyboardInterrupt):
        run_batch(pairs, folders / "out", options, jobs=1, runner=dies_on_the_second)
    assert sorted(p.name for p in (folders / "penalty").iterdir()) == ["001.tmx"]
    resumed = run_batch(pairs, folders / "out", options, jobs=1)
    assert [r.status for r in resumed.results] == ["skipped", "ok"]
    assert sorted(p.name for p in (folders / "penalty").iterdir()) == ["001.tmx", "002.tmx"]


def test_keep_omissions_reaches_every_pair(folders):
    (folders / "zh" / "001").write_text((folders / "zh" / "001").read_text(encoding="utf-8")
                                        + "这一句在英文里没有翻译，只是多出来的一个注释而已。\n", encoding="utf-8")
    assert _align(folders, "--min-confidence", "0").exit_code == 0
    dropped = etree.parse(str(folders / "out" / "001.tmx")).getroot()
    assert _align(folders, "--min-confidence", "0", "--keep-omissions").exit_code == 0
    for chapter in CHAPTERS:
        header = etree.parse(str(folders / "out" / f"{chapter}.tmx")).getroot().find("header")
        assert "omissions:kept" in header.findtext("prop[@type='x-export']")
    kept = etree.parse(str(folders / "out" / "001.tmx")).getroot()
    one_sided = [tu for tu in kept.iter("tu") if len(tu.findall("tuv")) < 2 or any(not "".join(s.itertext()).strip() for s in tu.iter("seg"))]
    assert one_sided and len(list(kept.iter("tu"))) == len(list(dropped.iter("tu"))) + len(one_sided)


def test_a_penalty_folder_that_cannot_take_the_memories_is_refused_before_work(folders):
    missing = _align(folders, "--penalty-tmx", str(folders / "nowhere"))
    assert missing.exit_code == 2 and "nowhere" in missing.stderr and "does not exist" in missing.stderr
    assert not (folders / "out").exists()
    same = _align(folders, "--penalty-tmx", str(folders / "out"))
    assert same.exit_code == 4 and not (folders / "out").exists()
    other_format = _align(folders, "--penalty-tmx", str(folders / "penalty"), "--format", "align")
    assert other_format.exit_code == 4 and "TMX" in other_format.stderr
    (folders / "penalty" / "002.tmx").write_text("someone else's memory\n", encoding="utf-8")
    stranger = _align(folders, "--penalty-tmx", str(folders / "penalty"))
    assert stranger.exit_code == 3 and "--force" in stranger.stdout + stranger.stderr
    assert (folders / "penalty" / "002.tmx").read_text(encoding="utf-8") == "someone else's memory\n"
