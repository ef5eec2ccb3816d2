"""OpenDocument text and EPUB: reading order, headings, notes, tables and tracked changes."""

from __future__ import annotations

from office_files import write_epub, write_odt

from align import read_document

ODT_BODY = (
    '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info/>'
    "<text:p>Removed sentence.</text:p></text:deletion></text:changed-region></text:tracked-changes>"
    '<text:h text:outline-level="1">第一章 开始</text:h>'
    "<text:p>他走进房间<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>房间在二楼。</text:p></text:note-body></text:note>，坐了下来。<text:change text:change-id=\"ct1\"/></text:p>"
    "<text:list><text:list-item><text:p>第一项</text:p></text:list-item><text:list-item><text:p>第二项</text:p></text:list-item></text:list>"
    "<table:table><table:table-row><table:table-cell><text:p>城市</text:p></table:table-cell>"
    "<table:table-cell><text:p>人口</text:p></table:table-cell></table:table-row></table:table>"
    "<text:p>最后<text:s text:c=\"2\"/>一段。</text:p>"
)


def test_odt_headings_notes_tables_and_tracked_changes(tmp_path):
    doc = read_document(write_odt(tmp_path / "story.odt", ODT_BODY, header="页眉"))
    assert doc.format == "odt" and doc.lang == "zh"
    assert [(p.role, doc.original[p.start : p.end]) for p in doc.paragraphs] == [
        ("heading", "第一章 开始"),
        ("", "他走进房间，坐了下来。"),  # the note's text follows the body, not inside the sentence
        ("list-item", "第一项"),
        ("list-item", "第二项"),
        ("table-row", "城市\t人口"),
        ("", "最后  一段。"),  # text:s c="2" is two spaces
        ("footnote", "房间在二楼。"),
    ]
    assert "Removed" not in doc.original
    assert doc.left_out == {"tracked-deletion": 1, "header": 1}


def test_epub_chapters_in_spine_order_without_navigation_or_titles(tmp_path):
    chapters = [
        ("c1.xhtml", "<h1>Chapter Two</h1><p>The second chapter.</p>"),
        ("c2.xhtml", "<h1>Chapter One</h1><p>It was a bright cold day.</p><p>The clocks were striking thirteen.</p>"),
    ]
    doc = read_document(write_epub(tmp_path / "novel.epub", chapters, spine=[1, 0], title="The Novel"))
    assert doc.format == "epub"
    assert [(p.role, doc.original[p.start : p.end]) for p in doc.paragraphs] == [
        ("heading", "Chapter One"),
        ("", "It was a bright cold day."),
        ("", "The clocks were striking thirteen."),
        ("heading", "Chapter Two"),
        ("", "The second chapter."),
    ]
    assert "The Novel" not in doc.original and "Contents" not in doc.original
    assert doc.left_out == {"table-of-contents": 1}
