"""The HTML review page: complete, escaped, banded, self-contained, atomic."""

from __future__ import annotations

import html
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


class _Collector(HTMLParser):
    """Parses the page the way a browser tokenizer would; collects text per cell and all tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[dict[str, str]] = []
        self._cell: str | None = None
        self._row: dict[str, str] | None = None
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "tr" and "data-conf" in attributes:
            self._row = {"class": attributes.get("class") or "", "data-conf": attributes.get("data-conf") or "", "title": attributes.get("title") or ""}
            self.rows.append(self._row)
        elif tag == "td" and self._row is not None:
            self._cell = (attributes.get("class") or "").split()[0]
            self._row[self._cell] = ""
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        elif self._row is not None and self._cell is not None:
            self._row[self._cell] += data


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


def test_every_bead_text_is_on_the_page_and_markup_in_texts_stays_text(tmp_path):
    bitext = _bitext()
    path = tmp_path / "review.html"
    assert write_html(bitext, path) == 5
    page = path.read_text(encoding="utf-8")
    parsed = _parse(page)
    assert len(parsed.rows) == 5
    for bead, row in zip(bitext.beads, parsed.rows):
        if bead.zh_text:
            assert row["zh"] == bead.zh_text
        if bead.en_text:
            assert row["en"] == bead.en_text
    # the texts read back exactly (so <b> was no tag); the only script element is ours
    assert [tag for tag, _ in parsed.tags].count("script") == 1
    assert "alert" not in parsed.scripts[0]
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "ma&lt;huateng&gt;.zh.txt" in page
    assert parsed.rows[1]["title"] == "note=check <this>"  # attribute escaped, reads back exactly


def test_rows_carry_their_confidence_band_and_omissions_are_marked():
    parsed = _parse(render_html(_bitext()))
    classes = [row["class"].split() for row in parsed.rows]
    assert classes[0] == ["high"]
    assert classes[1] == ["medium"]
    assert classes[2] == ["low", "omission"]
    assert classes[3] == ["unknown", "omission"]
    assert classes[4] == ["low"]
    assert parsed.rows[2]["en"] == "— omitted —"
    assert parsed.rows[3]["zh"] == "— omitted —"
    assert [row["data-conf"] for row in parsed.rows] == ["0.97", "0.62", "0.2", "", "0.45"]


def test_bands_follow_the_given_thresholds():
    parsed = _parse(render_html(_bitext(), bands=(0.3, 0.6)))
    assert [row["class"].split()[0] for row in parsed.rows] == ["high", "high", "low", "unknown", "medium"]


def test_header_names_documents_signature_and_counts():
    page = render_html(_bitext(), title="Ma Huateng 2020")
    text = re.sub(r"<[^>]+>", " ", page)
    text = html.unescape(re.sub(r"\s+", " ", text))
    assert "<title>Ma Huateng 2020</title>" in page
    assert "ma<huateng>.zh.txt" in text and "ma-huateng.en.txt" in text
    assert "aligner:bitext-0.1.0|model:use-m3|bands:0.5/0.9" in text
    assert "Document score 0.880" in text
    assert "Details paragraphs-used: yes; reestimated-words: <12>" in text
    for chip in ("1-1: 1", "1-2: 1", "1-0: 1", "0-1: 1", "2-1: 1", "≥ 0.9: 1", "0.5 – 0.9: 1", "< 0.5: 2", "unknown: 1"):
        assert chip in text, chip
    assert "Omissions 2" in text


def test_page_is_self_contained_and_has_the_filters():
    page = render_html(_bitext())
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        for name in ("src", "href"):
            assert name not in attrs, (tag, attrs)
    assert not re.search(r"https?://|@import|url\(", page)
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    assert {"search", "below", "use-below", "omissions", "shown"} <= ids


def test_search_key_lets_simplified_queries_find_traditional_text():
    page = render_html(_bitext())
    first_row = re.search(r'<tr class="high"[^>]*>', page).group()
    assert "产业互联网是数字经济的高级阶段" in html.unescape(first_row)


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
    rows = _parse(path.read_text(encoding="utf-8")).rows
    assert [row["data-conf"] for row in rows] == ["0.97", "0.62", ""]
