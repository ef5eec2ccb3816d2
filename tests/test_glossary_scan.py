from pathlib import Path

import pytest

from glossary import load_default, scan

SEEDS = Path("/work/shared/seeds")


def seed(number: str) -> str:
    return next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tb():
    return load_default()


def summary(findings):
    return sorted({(f.rule, f.term, f.found.replace("’", "'")) for f in findings})


pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="seed documents not available")


def test_seed_000_findings_are_what_a_reviewer_wants(tb):
    assert summary(scan(seed("000"), tb)) == [
        ("forbidden-rendering", "中央网信办", "central network information office"),
        ("forbidden-rendering", "数据要素", "Data elements"),
        ("forbidden-rendering", "数据要素", "data elements"),
        ("wrong-case", "5G", "5g"),
        ("wrong-case", "国家发展改革委", "national development and Reform Commission"),
        ("wrong-case", "国家统计局", "National Bureau of statistics"),
        ("wrong-case", "基础设施即服务", "IAAs"),
        ("wrong-case", "物联网", "Internet of things"),
    ]


def test_seed_001_my_country_and_two_cases_of_industrial_internet(tb):
    findings = scan(seed("001"), tb)
    assert summary(findings) == [
        ("forbidden-rendering", "我国", "my country's"),
        ("inconsistent-case", "产业互联网 / 工业互联网", "industrial Internet ×14, Industrial Internet ×11"),
    ]
    assert sum(f.rule == "forbidden-rendering" for f in findings) == 6


def test_seed_004(tb):
    assert summary(scan(seed("004"), tb)) == [
        ("forbidden-rendering", "我国", "my country"),
        ("forbidden-rendering", "我国", "my country's"),
        ("forbidden-rendering", "我国", "our country"),
        ("inconsistent-case", "产业互联网 / 工业互联网", "industrial Internet ×17, Industrial Internet ×4"),
        ("name-drift", "Federation of Industry and Commerce Think Tank", "Federation of Industry Think Tank (×2)"),
        ("name-drift", "Federation of Industry and Commerce Think Tank", "Federation of Trade Unions Think Tank (×1)"),
    ]


def test_locations_point_at_the_finding(tb):
    text = seed("001")
    lines = text.splitlines()
    for finding in scan(text, tb):
        if finding.rule == "forbidden-rendering":
            line, column = map(int, finding.bead.split(":"))
            assert lines[line - 1][column - 1:].startswith(finding.found)


def test_names_sentence_openers_and_headlines_are_not_case_findings(tb):
    text = (
        "The China Industrial Internet Research Institute met.\n"
        "Industrial Internet is an advanced stage of the digital economy.\n"
        "He spoke at the “Industrial Internet Helps the Digital Economy” seminar.\n"
        "The industrial Internet grows.\n"
    )
    assert scan(text, tb) == []


def test_variant_spelling_is_reported(tb):
    findings = scan("The Guangdong Hong Kong Macao Greater Bay Area grows.", tb)
    assert [(f.rule, f.found) for f in findings] == [("variant-spelling", "Guangdong Hong Kong Macao Greater Bay Area")]


def test_scan_reads_a_document_like_a_string(tb, tmp_path):
    from align import read_document

    document = read_document(SEEDS / next(SEEDS.glob("001_*.txt")).name, "en")
    assert summary(scan(document, tb)) == summary(scan(seed("001"), tb))


def test_cli_scan(tmp_path):
    import json

    from typer.testing import CliRunner

    from align.cli.app import app

    path = tmp_path / "report.en.txt"
    path.write_text("My country's digital economy grew. The 5g network expanded.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["glossary", "scan", str(path), "--json"])
    assert result.exit_code == 1
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["forbidden-rendering", "wrong-case"]
    assert CliRunner().invoke(app, ["glossary", "scan", str(path), "--rules-typo"]).exit_code != 0
