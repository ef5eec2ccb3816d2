"""The HTML review page: complete, escaped, banded, self-contained, atomic."""

from __future__ import annotations

import html
import json
import re
import warnings
from html.parser import HTMLParser

import pytest

from align.core.bitext import Bead, Bitext
from align.core.errors import OutputExistsError
from align.formats.base import ExportWarning
from align.formats.html import render_html, write_html


def _bitext() -> Bitext:
    beads = [
        Bead((0,), (0,), "產業互聯網是數字經濟的高級階段。", "The industrial Internet is an advanced stage.", 0.97, ("length", "lexical"), "1"),
        Bead((1,), (1, 2), "他说：“<script>alert('x')</script> & 5 < 6”", 'He said "<b>bold</b>" & 5 < 6. Then he left.', 0.62, ("merge",), "2", {"note": "check <this>"}),
        Bead((2,), (), "这句没有译文。", "", 0.2, ("omission",), "3"),
        Bead((), (3,), "", "An English sentence with no source.", None, ("omission",), "4"),
        Bead((3, 4), (4,), "第一句。第二句。", "Both sentences in one.", 0.45, ("length",), "5", {"status": "ok"}),
    ]
    return Bitext(
        beads,
        signature={"aligner": "bitext-0.1.0", "model": "use-m3", "bands": "0.5/0.9"},
        zh_name="ma<huateng>.zh.txt",
        en_name="ma-huateng.en.txt",
        zh_lang="zh-TW",
        document_score=0.88,
        details={"paragraphs-used": "yes", "reestimated-words": "<12>"},
    )


def _blob(page: str, name: str = "bitext-data") -> dict:
    """The JSON a browser would parse from the page's data script (found with an HTML tokenizer, like a browser)."""
    collector = _Scripts()
    collector.feed(page)
    collector.close()
    return json.loads(collector.scripts[name])


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: dict[str, str] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._current: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._current = attributes.get("id") or "code"
            self.scripts[self._current] = ""

    def handle_endtag(self, tag):
        if tag == "script":
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self.scripts[self._current] += data


def _rows(page: str) -> list[dict]:
    return _blob(page)["rows"]


def test_every_bead_text_is_in_the_page_data_and_markup_in_texts_cannot_escape(tmp_path):
    bitext = _bitext()
    path = tmp_path / "review.html"
    assert write_html(bitext, path) == 5
    page = path.read_text(encoding="utf-8")
    rows = _rows(page)
    assert [row["zh"] for row in rows] == [bead.zh_text for bead in bitext.beads]
    assert [row["en"] for row in rows] == [bead.en_text for bead in bitext.beads]
    # the only elements are ours: three scripts (data, config, code), and the bead's <script> is not one of them
    parser = _Scripts()
    parser.feed(page)
    assert [tag for tag, _ in parser.tags].count("script") == 3
    assert "</script>alert" not in page and "<b>bold" not in page
    assert "ma&lt;huateng&gt;.zh.txt" in page
    assert rows[1]["note"] == "check <this>"
    assert "textContent" in parser.scripts["code"] and "innerHTML" not in parser.scripts["code"]


def test_rows_carry_their_confidence_band_kind_and_omissions():
    rows = _rows(render_html(_bitext()))
    assert [row["band"] for row in rows] == ["high", "medium", "low", "unknown", "low"]
    assert [row["omission"] for row in rows] == [False, False, True, True, False]
    assert [row["conf"] for row in rows] == [0.97, 0.62, 0.2, None, 0.45]
    assert [row["kind"] for row in rows] == ["1-1", "1-2", "1-0", "0-1", "2-1"]
    assert rows[4]["zhIds"] == "3,4" and rows[3]["zhIds"] == ""


def test_bands_follow_the_given_thresholds():
    rows = _rows(render_html(_bitext(), bands=(0.3, 0.6)))
    assert [row["band"] for row in rows] == ["high", "high", "low", "unknown", "medium"]


def test_header_names_documents_signature_and_counters_that_filter():
    page = render_html(_bitext(), title="Ma Huateng 2020")
    text = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))
    assert "<title>Ma Huateng 2020</title>" in page
    assert "ma<huateng>.zh.txt" in text and "ma-huateng.en.txt" in text
    assert "aligner:bitext-0.1.0|model:use-m3|bands:0.5/0.9" in text
    assert "Document score 0.880" in text
    assert "Details paragraphs-used: yes; reestimated-words: <12>" in text
    for chip in ("1-1: 1", "1-2: 1", "1-0: 1", "0-1: 1", "2-1: 1", "≥ 0.9: 1", "0.5 – 0.9: 1", "< 0.5: 2", "unknown: 1"):
        assert chip in text, chip
    assert "Omissions 2" in text
    assert 'data-filter="kind" data-value="1-2"' in page and 'data-filter="band" data-value="low"' in page


def test_page_is_self_contained_and_has_the_controls():
    page = render_html(_bitext())
    parser = _Scripts()
    parser.feed(page)
    for tag, attrs in parser.tags:
        for name in ("src", "href"):
            assert name not in attrs, (tag, attrs)
    assert not re.search(r"https?://|@import|url\(", page)
    ids = {attrs.get("id") for _, attrs in parser.tags}
    assert {"search", "below", "use-below", "sort", "sort-conf", "pager", "shown", "beads"} <= ids
    assert _blob(page, "bitext-config") == {"mode": "static"}


def test_search_key_lets_simplified_queries_find_traditional_text():
    assert "产业互联网是数字经济的高级阶段" in _rows(render_html(_bitext()))[0]["key"]


def test_glossary_findings_go_with_their_bead():
    findings = [{"bead": "1", "rule": "wrong-case", "term": "產業互聯網", "expected": "industrial Internet",
                 "found": "industrial Internet", "severity": "warning"}]
    rows = _rows(render_html(_bitext(), findings=findings))
    assert rows[0]["findings"][0]["rule"] == "wrong-case" and rows[0]["findings"][0]["term"] == "產業互聯網"
    assert all(not row["findings"] for row in rows[1:])
    assert '<b>Findings</b> <span class="chip" data-filter="findings">1</span>' in render_html(_bitext(), findings=findings)


def test_refuses_to_overwrite_without_force_and_leaves_the_old_file(tmp_path):
    path = tmp_path / "review.html"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_html(_bitext(), path)
    assert path.read_text(encoding="utf-8") == "old"
    write_html(_bitext(), path, force=True)
    assert "產業互聯網" in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["review.html"]  # no temporary file left


def test_text_utf8_cannot_hold_is_replaced_with_a_warning(tmp_path):
    bitext = _bitext()
    bitext.beads[0] = bitext.beads[0].with_(en_text="bad \udcff byte")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_html(bitext, tmp_path / "x.html")
    assert any(issubclass(w.category, ExportWarning) and "bead 1" in str(w.message) for w in caught)
    assert "bad \ufffd byte" in (tmp_path / "x.html").read_text(encoding="utf-8")


def test_empty_bitext_still_gives_a_page(tmp_path):
    path = tmp_path / "empty.html"
    assert write_html(Bitext([]), path) == 0
    assert "0 beads" in path.read_text(encoding="utf-8")


def test_bitext_write_dispatches_html_by_extension(tmp_path):
    path = tmp_path / "review.htm"
    assert _bitext().write(str(path), min_confidence=0.5) == 3  # unknown confidence is kept by the filter
    rows = _rows(path.read_text(encoding="utf-8"))
    assert [row["conf"] for row in rows] == [0.97, 0.62, None]
