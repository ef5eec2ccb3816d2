"""The document commands as a user runs them: info, clean, segment."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from align.cli import app

from conftest import CORPUS

runner = CliRunner()
SEED003 = str(next(CORPUS.glob("003_*.txt")))
SEED002 = str(next(CORPUS.glob("002_*.txt")))


def test_info_reports_encoding_language_script_and_removals():
    result = runner.invoke(app, ["info", SEED003, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["encoding"] == "utf-8"
    assert (summary["language"], summary["script"]) == ("zh", "Hant")
    assert summary["removed"]["disclaimer"] >= 1
    assert summary["sentences"] > 20


def test_clean_lists_each_removal_with_its_line_and_rule():
    result = runner.invoke(app, ["clean", SEED002, "--json"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    navigation = [r for r in rows if r["rule"] == "navigation"]
    assert navigation[0]["line"] == 1 and "首页" in navigation[0]["text"]
    assert any(r["rule"] == "disclaimer" and "版权及免责声明" in r["text"] for r in rows)


def test_clean_writes_cleaned_text_atomically_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "clean.txt"
    assert runner.invoke(app, ["clean", SEED002, "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("马化腾在南方日报撰文") and "版权及免责声明" not in text
    out.write_text("my edits", encoding="utf-8")
    result = runner.invoke(app, ["clean", SEED002, "-o", str(out)])
    assert result.exit_code == 3
    assert out.read_text(encoding="utf-8") == "my edits"
    assert runner.invoke(app, ["clean", SEED002, "-o", str(out), "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8") == text


def test_segment_json_has_ids_spans_text_and_key():
    result = runner.invoke(app, ["segment", SEED003, "--json"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    original = open(SEED003, encoding="utf-8").read()
    assert [r["id"] for r in rows] == list(range(len(rows)))
    first = rows[0]
    assert first["text"] == "關于“產業互聯網”,馬化騰兩會建議了啥?"
    assert first["key"] == '关于"产业互联网",马化腾两会建议了啥?'
    assert original[first["start"] : first["end"]].startswith("關于“產業(yè)")


def test_missing_file_is_a_clean_error(tmp_path):
    result = runner.invoke(app, ["info", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
