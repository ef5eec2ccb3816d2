"""Names and terms written several ways in one English document (no Chinese side): seed 004's think tank."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from align.cli.app import app
from glossary.drift import drift, related


@pytest.fixture(scope="module")
def seed_004(shared_dir):
    return next((shared_dir / "seeds").glob("004_*.txt"))


def test_seed_004_writes_one_think_tank_three_ways_with_counts_and_places(seed_004):
    text = seed_004.read_text(encoding="utf-8")
    (cluster,) = drift(text)
    assert [(f.text, f.count) for f in cluster.forms] == [
        ("Federation of Industry and Commerce Think Tank", 3),
        ("Federation of Industry Think Tank", 2),
        ("Federation of Trade Unions Think Tank", 1),
    ]
    lines = text.splitlines()
    for form in cluster.forms:
        for place in form.places:
            line, column = (int(x) for x in place.split(":"))
            assert lines[line - 1][column - 1:].startswith(form.text)
    assert cluster.proposed == "Federation of Industry and Commerce Think Tank"


def test_different_bodies_sharing_words_are_not_one_cluster():
    assert not related("China Industrial Internet Research Institute", "China Industrial Internet Think Tank Committee")
    assert not related("Tencent Research Institute", "Outlook Think Tank Research Institute")
    assert related("Internet of Things", "Internet-of-things")
    text = "The Ministry of Commerce met the Ministry of Education. The Ministry of Commerce agreed."
    assert drift(text) == []


def test_scan_command_reports_the_drift_as_json(seed_004):
    result = CliRunner().invoke(app, ["glossary", "scan", str(seed_004), "--json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (cluster,) = data["drift"]
    assert [(f["text"], f["count"]) for f in cluster["forms"]][0] == ("Federation of Industry and Commerce Think Tank", 3)
    drifted = [f for f in data["findings"] if f["rule"] == "name-drift"]
    assert {f["found"] for f in drifted} == {"Federation of Industry Think Tank (×2)", "Federation of Trade Unions Think Tank (×1)"}


def test_score_on_an_english_document_reports_the_drift(seed_004, tmp_path):
    result = CliRunner().invoke(app, ["score", str(seed_004), "--json"])
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.output)["documents"]
    (cluster,) = report["drift"]
    assert {(f["text"], f["count"]) for f in cluster["forms"]} == {
        ("Federation of Industry and Commerce Think Tank", 3), ("Federation of Industry Think Tank", 2),
        ("Federation of Trade Unions Think Tank", 1)}
    assert any(f["rule"] == "forbidden-rendering" for f in report["findings"])
    mixed = CliRunner().invoke(app, ["score", str(seed_004), str(tmp_path / "x.tmx")])
    assert mixed.exit_code == 4


def test_score_refuses_a_chinese_document_as_english(shared_dir):
    chinese = next((shared_dir / "seeds").glob("002_*.txt"))
    result = CliRunner().invoke(app, ["score", str(chinese)])
    assert result.exit_code == 2 and "mostly Chinese" in result.output
