"""``bitext review``: the page, and the editor's refusals before it serves (bad ids, output exists, port in use)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from typer.testing import CliRunner

from align.cli import app
from align.core.bitext import Bead, Bitext

GLOSSARY = Path(__file__).resolve().parents[1] / "glossary" / "data" / "industrial_internet.tsv"


def _write(path, beads):
    Bitext(beads, zh_name="a.zh").to_jsonl(str(path))


def test_review_html_writes_the_page_with_glossary_findings(tmp_path):
    _write(tmp_path / "x.jsonl", [Bead((0,), (0,), "产业互联网很重要。", "The industrial internet matters.", 0.8, (), "1")])
    result = CliRunner().invoke(app, ["review", str(tmp_path / "x.jsonl"), "--html", str(tmp_path / "x.html"), "-g",
                                      str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="bitext-data">', 1)[1].split("</script>", 1)[0])
    assert data["rows"][0]["findings"] and data["rows"][0]["findings"][0]["term"]
    again = CliRunner().invoke(app, ["review", str(tmp_path / "x.jsonl"), "--html", str(tmp_path / "x.html")])
    assert again.exit_code == 3


def test_review_refuses_ids_that_do_not_match_before_serving(tmp_path):
    _write(tmp_path / "bad.jsonl", [Bead((1,), (0,), "一。", "One.", None, (), "1"), Bead((0,), (1,), "二。", "Two.", None, (), "2")])
    result = CliRunner().invoke(app, ["review", str(tmp_path / "bad.jsonl"), "--serve", "--no-browser"])
    assert result.exit_code == 2 and "bead 2: Chinese sentence 0 comes after sentence 1" in result.output
    assert not (tmp_path / "bad.reviewed.jsonl").exists()


def test_review_says_what_to_do_and_refuses_a_port_in_use(tmp_path):
    _write(tmp_path / "x.jsonl", [Bead((0,), (0,), "一。", "One.", None, (), "1")])
    assert CliRunner().invoke(app, ["review", str(tmp_path / "x.jsonl")]).exit_code == 4
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["review", str(tmp_path / "x.jsonl"), "--serve", "--no-browser", "--port", str(port)])
    assert result.exit_code == 4 and f"cannot listen on 127.0.0.1:{port}" in result.output
