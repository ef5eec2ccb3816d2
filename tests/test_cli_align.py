"""bitext align / bitext evaluate from the command line: outputs, overwrite refusal, JSON summaries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ZH = "今天天气很好。\n我们去公园散步。\n公园里有很多人。\n"
EN = "The weather is fine today.\nWe go for a walk in the park.\nThere are many people in the park.\n"


def _bitext(*args, cwd):
    return subprocess.run([sys.executable, "-c", "from align.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture()
def pair(tmp_path):
    (tmp_path / "a.zh").write_text(ZH, encoding="utf-8")
    (tmp_path / "a.en").write_text(EN, encoding="utf-8")
    return tmp_path


def test_align_writes_align_file_and_refuses_overwrite(pair):
    out = pair / "a.align"
    run = _bitext("align", "a.zh", "a.en", "--presplit", "--fast", "-o", str(out), "--json", cwd=pair)
    assert run.returncode == 0, run.stderr
    assert out.read_text().splitlines() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    summary = json.loads(run.stdout)
    assert summary["beads"] == 3 and "cedict:" in summary["signature"]
    assert summary["paragraphs"] == "not used: one paragraph on a side"
    again = _bitext("align", "a.zh", "a.en", "--presplit", "--fast", "-o", str(out), cwd=pair)
    assert again.returncode == 3 and again.stderr.startswith("error:")
    forced = _bitext("align", "a.zh", "a.en", "--presplit", "--fast", "-o", str(out), "--force", "-q", cwd=pair)
    assert forced.returncode == 0, forced.stderr


def test_align_jsonl_and_evaluate(pair):
    run = _bitext("align", "a.zh", "a.en", "--presplit", "--fast", "-o", "a.jsonl", "-q", cwd=pair)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in (pair / "a.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert any("今天" in json.dumps(r, ensure_ascii=False) for r in rows)
    (pair / "gold").mkdir()
    (pair / "auto").mkdir()
    (pair / "gold" / "a.align").write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n")
    _bitext("align", "a.zh", "a.en", "--presplit", "--fast", "-o", "auto/a.align", "-q", cwd=pair)
    scored = _bitext("evaluate", "--gold", "gold", "--auto", "auto", "--json", cwd=pair)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["overall"]["strict"]["f1"] == 1.0


def test_same_language_is_exit_code_2(pair):
    (pair / "b.en").write_text(EN, encoding="utf-8")
    run = _bitext("align", "b.en", "a.en", "--presplit", "--fast", "-o", "x.align", cwd=pair)
    assert run.returncode == 2
    assert "English" in run.stderr and "Traceback" not in run.stderr


def test_a_huge_file_against_a_tiny_one_is_refused_before_it_is_read(pair):
    (pair / "huge.zh").write_text(ZH * 40_000, encoding="utf-8")  # 2 MB of Chinese against 3 short lines
    run = _bitext("align", "huge.zh", "a.en", "--presplit", "--fast", "-o", str(pair / "h.align"), cwd=pair)
    assert run.returncode == 2
    assert "differ" in run.stderr and "bitext mine" in run.stderr and "--force" in run.stderr
    assert not (pair / "h.align").exists()
