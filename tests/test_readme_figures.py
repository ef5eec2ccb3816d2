"""The README's figure table is exactly what bench/readme_figures.py builds from bench/results/ (no benchmark runs here)."""

from __future__ import annotations

import difflib
import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"


@pytest.fixture(scope="module")
def figures():
    spec = importlib.util.spec_from_file_location("readme_figures", BENCH / "readme_figures.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("readme_figures", module)
    spec.loader.exec_module(module)
    return module


def test_readme_table_matches_bench_results(figures):
    _, current, _ = figures.split((ROOT / "README.md").read_text(encoding="utf-8"))
    wanted = figures.table(BENCH / "results")
    diff = "\n".join(difflib.unified_diff(current.splitlines(), wanted.splitlines(), "README.md", "from bench/results/", lineterm=""))
    assert current == wanted, f"README.md's figures disagree with bench/results/; run python bench/readme_figures.py\n{diff}"


def test_every_result_says_how_it_was_made():
    for path in sorted((BENCH / "results").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        # bench/record.py writes all of these; bench/fit_aligner.py writes its own layout (command, date, one section per mode)
        keys = ("command", "date", "cores", "figures") if "figures" in record else ("command", "date")
        for key in keys:
            assert record.get(key) not in (None, ""), f"{path.name}: no {key!r}"
        assert record["command"].startswith("python bench/"), f"{path.name}: command {record['command']!r}"


def test_check_reports_a_stale_readme(figures, tmp_path, capsys):
    readme = tmp_path / "README.md"
    results = tmp_path / "results"
    shutil.copytree(BENCH / "results", results)
    readme.write_text("# x\n\n" + figures.table(results) + "\n\nafter\n", encoding="utf-8")
    assert figures.main(["--check", "--readme", str(readme), "--results", str(results)]) == 0

    record = {"command": "python bench/segment.py", "date": "2000-01-01T00:00:00+00:00", "cores": 64, "script": "bench/segment.py",
              "figures": {"throughput": [{"text": "zh-Hans", "split_mb_per_s": 1.0, "read_mb_per_s": None}], "agreement": []}}
    (results / "segment.json").write_text(json.dumps(record), encoding="utf-8")
    capsys.readouterr()
    assert figures.main(["--check", "--readme", str(readme), "--results", str(results)]) == 1
    out = capsys.readouterr().out
    assert "+| Segmentation | `python bench/segment.py` | 1.0 MB/s split | 2000-01-01 |" in out

    assert figures.main(["--readme", str(readme), "--results", str(results)]) == 0  # rewrites the block only
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# x\n\n") and text.endswith("\n\nafter\n") and "| 1.0 MB/s split | 2000-01-01 |" in text
    assert figures.main(["--check", "--readme", str(readme), "--results", str(results)]) == 0


def test_a_missing_result_is_said_not_invented(figures, tmp_path):
    block = figures.table(tmp_path)
    assert block.count("no result yet") == len(figures.ROWS)


def test_readme_setup_commands_unchanged():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[:6] == [
        "# bitext",
        "",
        "```bash",
        "python3.11 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/bitext build",
        ".venv/bin/python -m pytest",
        "```",
    ]
