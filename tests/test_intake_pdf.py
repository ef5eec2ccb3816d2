"""PDF: two columns read in order, running heads and page numbers marked as removals, hyphenation undone;
scans and password-protected files refused with a reason."""

from __future__ import annotations

import pytest

from align import read_document
from align.core.errors import InputError

fpdf = pytest.importorskip("fpdf")  # the test extra installs fpdf2

LEFT = [
    "The committee met on Monday to dis-",
    "cuss the budget for next year.",
    "Members agreed that spending on",
    "schools should rise.",
    "",
    "A second paragraph starts here, and the",
]
RIGHT = [
    "plan was approved by every member.",
    "",
    "The right column ends with a well-",
    "known fact about the weather.",
]


def _two_column_pdf(path, pages: int = 3):
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(10, 8)
        pdf.cell(190, 5, "Annual Review 2024", align="C")
        pdf.set_font("Helvetica", size=16)
        pdf.set_xy(10, 30)
        pdf.cell(190, 8, f"Chapter {number}: Budget matters")
        pdf.set_font("Helvetica", size=11)
        for column, x in ((LEFT, 10), (RIGHT, 110)):
            for k, line in enumerate(column):
                pdf.set_xy(x, 50 + 6 * k)
                pdf.cell(90, 6, line)
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(10, 285)
        pdf.cell(190, 5, f"- {number} -", align="C")
    pdf.output(str(path))
    return path


def test_two_columns_read_in_order_with_heads_removed_and_hyphens_undone(tmp_path):
    doc = read_document(_two_column_pdf(tmp_path / "review.pdf"))
    assert doc.format == "pdf" and doc.lang == "en"
    page = [doc.paragraph_text(p) for p in doc.paragraphs][:5]
    assert page == [
        "Chapter 1: Budget matters",
        "The committee met on Monday to discuss the budget for next year.",
        "Members agreed that spending on schools should rise.",
        "A second paragraph starts here, and the plan was approved by every member.",  # across the column break
        "The right column ends with a well-known fact about the weather.",
    ]
    rules = [r.rule for r in doc.removals]
    assert rules.count("running-header") == 3 and rules.count("page-number") == 3
    assert all("Annual Review" not in s.text and s.text != "- 2 -" for s in doc.sentences)
    assert doc.left_out == {"line-end-hyphen": 3}
    for sentence in doc.sentences:
        assert doc.original[sentence.start : sentence.end] == sentence.text


def test_a_single_page_keeps_its_heading_but_drops_the_page_number(tmp_path):
    doc = read_document(_two_column_pdf(tmp_path / "one.pdf", pages=1))
    assert [r.rule for r in doc.removals] == ["page-number"]
    assert doc.paragraph_text(doc.paragraphs[0]) == "Annual Review 2024"  # once is not a running head


def test_a_scan_without_text_layer_is_refused(tmp_path):
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")  # what a scanned page is to a text extractor: no text
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(InputError, match="no text layer.*OCR"):
        read_document(tmp_path / "scan.pdf")


def test_a_password_protected_pdf_is_refused(tmp_path):
    pdf = fpdf.FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(100, 10, "Hidden text.")
    pdf.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(InputError, match="encrypted with a password"):
        read_document(tmp_path / "locked.pdf")


def test_a_truncated_pdf_is_refused(tmp_path):
    data = _two_column_pdf(tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match="cut.pdf"):
        read_document(tmp_path / "cut.pdf")


CJK_FONTS = ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]


def test_chinese_lines_wrapped_anywhere_join_without_spaces(tmp_path):
    from pathlib import Path

    font = next((f for f in CJK_FONTS if Path(f).is_file()), None)
    if font is None:
        pytest.skip("no CJK font on this machine (Debian: fonts-wqy-zenhei)")
    pdf = fpdf.FPDF(format=(148, 210))
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=font, collection_font_number=0)
    pdf.set_font("cjk", size=11)
    lines = ["工业互联网是新一代信息技术与制造业深度", "融合的产物。它正在改变企业的生产方式，", "也在重塑全球产业格局。", "第二段从这里开始，讨论数据安全。"]
    for number in (1, 2):
        pdf.add_page()
        pdf.set_xy(10, 6)
        pdf.cell(128, 5, "工业互联网白皮书", align="C")
        for k, line in enumerate(lines):  # 7 mm apart: pdfminer makes each line a box of its own
            pdf.set_xy(10, 30 + 7 * k)
            pdf.cell(128, 7, line)
        pdf.set_xy(10, 200)
        pdf.cell(128, 5, f"第 {number} 页", align="C")
    pdf.output(str(tmp_path / "zh.pdf"))
    doc = read_document(tmp_path / "zh.pdf")
    assert doc.lang == "zh"
    assert [doc.paragraph_text(p) for p in doc.paragraphs][:2] == [
        "工业互联网是新一代信息技术与制造业深度融合的产物。它正在改变企业的生产方式，也在重塑全球产业格局。",
        "第二段从这里开始，讨论数据安全。",
    ]
    assert sorted({r.rule for r in doc.removals}) == ["page-number", "running-header"] and len(doc.removals) == 4


def test_a_full_width_paragraph_does_not_widen_the_columns_below_it(tmp_path):
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(10, 30)
    pdf.cell(190, 6, "This introduction runs across the whole page, above both of the columns that follow it.")
    for column, x in ((["The left column holds a paragraph", "whose lines stop well before the", "middle of the page."], 10),
                      (["The right column holds another one,", "also wrapped at the column edge."], 110)):
        for k, line in enumerate(column):
            pdf.set_xy(x, 50 + 6 * k)
            pdf.cell(90, 6, line)
    pdf.output(str(tmp_path / "intro.pdf"))
    doc = read_document(tmp_path / "intro.pdf")
    assert [doc.paragraph_text(p) for p in doc.paragraphs] == [
        "This introduction runs across the whole page, above both of the columns that follow it.",
        "The left column holds a paragraph whose lines stop well before the middle of the page.",
        "The right column holds another one, also wrapped at the column edge.",
    ]
