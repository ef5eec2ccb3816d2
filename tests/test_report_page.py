"""The consistency report as a page: figures, per-term bars, collisions, histogram, findings, reference scores."""

from __future__ import annotations

import html
import re

from typer.testing import CliRunner

from align.cli import app
from align.core.bitext import Bead, Bitext
from glossary import consistency, load_default
from glossary.report_page import confidence_histogram, render_report_page
from tests.exports_sample import sample_bitext


def _corpus() -> Bitext:
    beads = [
        Bead((0,), (0,), "工业互联网很重要。", "The Industrial Internet matters.", 0.95, (), "1", {"reviewed": "reviewed"}),
        Bead((1,), (1,), "工业互联网在发展。", "The industrial internet grows.", 0.72, (), "2", {"reviewed": "rejected"}),
        Bead((2,), (2,), "工业互联网<平台>。", "An <Industrial Internet> platform & more.", 0.31, (), "3"),
        Bead((3,), (3,), "没有数字。", "No numbers.", None, (), "4"),
    ]
    return Bitext(beads, zh_name="a.zh.txt", en_name="a.en.txt")


def _visible(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_page_has_figures_term_bars_histogram_findings_and_marks():
    bitext = _corpus()
    report = consistency([bitext], load_default()).to_dict()
    page = render_report_page(report, bitext.beads, title="Report <1>")
    text = _visible(page)
    assert "<title>Report &lt;1&gt;</title>" in page
    assert "consistency index" in text and "glossary adherence" in text
    assert "工业互联网" in text and "Industrial Internet ×" in text  # the term's bar and its renderings with counts
    assert page.count('class="stack"') == len(report["concepts"])
    assert "reviewed 1 1 rejected, 2 not yet" in text
    assert "1 bead(s) without a confidence" in text
    for rule, count in report["findings"].items():
        assert re.search(rf">{re.escape(rule)}</text>.*?>{count}</text>", page)
    assert "An <Industrial Internet> platform" not in page  # only escaped text, and no script, no network
    assert "<script" not in page and not re.search(r"https?://|@import|url\(", page)


def test_histogram_counts_each_bead_in_its_tenth():
    chart = confidence_histogram([0.05, 0.95, 0.97, 1.0, None, 0.5])
    titles = dict(re.findall(r"<title>([^:]+): (\d+)</title>", chart))
    assert titles["0–0.1"] == "1" and titles["0.9–1"] == "3" and titles["0.5–0.6"] == "1" and titles["0.1–0.2"] == "0"
    assert confidence_histogram([None, None]) == ""


def test_score_writes_the_page_with_reference_scores_and_signatures(tmp_path):
    sample_bitext().to_tmx(str(tmp_path / "x.tmx"))
    result = CliRunner().invoke(app, ["score", str(tmp_path / "x.tmx"), "--reference", str(tmp_path / "x.tmx"),
                                      "--html", str(tmp_path / "report.html"), "--json"])
    assert result.exit_code == 0, result.output
    text = _visible((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert "BLEU 100.00 nrefs:1|case:mixed" in text and "chrF" in text and "TER 0.00" in text
    again = CliRunner().invoke(app, ["score", str(tmp_path / "x.tmx"), "--html", str(tmp_path / "report.html")])
    assert again.exit_code == 3  # never overwritten without --force
