"""Word documents: a MAC-Dev chapter as .docx aligns as well as the same chapter as plain text; what Word
files hold besides body text (footnotes, tables, tracked changes, headers) is read or left out as a user expects."""

from __future__ import annotations

import zipfile

import pytest
from office_files import deleted, footnote_reference, inserted, paragraph, run, table, write_docx

from align import read_document
from align.aligner import align
from align.aligner.evaluate import read_align, score
from align.core.errors import InputError


def _chapter(shared_dir, chapter: str, beads: int):
    base = shared_dir / "benchmarks" / "mac-dev"
    if not base.is_dir():
        pytest.skip(f"{base} is missing")
    gold = read_align(base / "gold" / f"{chapter}.align")[:beads]
    nz = max(i for s, _ in gold for i in s) + 1
    ne = max(j for _, t in gold for j in t) + 1
    zh = (base / "zh" / chapter).read_text(encoding="utf-8").splitlines()[:nz]
    en = (base / "en" / chapter).read_text(encoding="utf-8").splitlines()[:ne]
    return gold, zh, en


def _line_of(doc, lines: list[str]) -> list[int]:
    """The benchmark line each sentence of ``doc`` came from (one paragraph per line)."""
    kept = [k for k, line in enumerate(lines) if line.strip()]
    return [kept[doc.sentences[p.sentence_ids[0]].paragraph] for p in doc.paragraphs for _ in p.sentence_ids]


def _on_gold_lines(bitext, zh_lines, en_lines) -> list:
    """Beads in benchmark line ids; beads sharing a line (a line our segmenter split) are merged."""
    zh_of, en_of = _line_of(bitext.zh_doc, zh_lines), _line_of(bitext.en_doc, en_lines)
    merged: list[tuple[set, set]] = []
    for bead in bitext.beads:
        zs, es = {zh_of[i] for i in bead.zh_ids}, {en_of[j] for j in bead.en_ids}
        if merged and (zs & merged[-1][0] or es & merged[-1][1]):
            merged[-1][0].update(zs)
            merged[-1][1].update(es)
        else:
            merged.append((zs, es))
    return [(sorted(z), sorted(e)) for z, e in merged]


def test_macdev_chapter_as_docx_aligns_as_well_as_plain_text(shared_dir, tmp_path):
    gold, zh_lines, en_lines = _chapter(shared_dir, "004", 60)
    f1 = {}
    for kind in ("txt", "docx"):
        paths = {}
        for lang, lines in (("zh", zh_lines), ("en", en_lines)):
            path = tmp_path / f"{lang}.{kind}"
            if kind == "txt":
                path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
            else:
                write_docx(path, [paragraph(line) for line in lines])
            paths[lang] = path
        zh, en = read_document(paths["zh"], "zh"), read_document(paths["en"], "en")
        assert zh.format == ("docx" if kind == "docx" else "text")
        bitext = align(zh, en, fast=True)
        test = _on_gold_lines(bitext, zh_lines, en_lines)
        f1[kind] = score([gold], [[(tuple(z), tuple(e)) for z, e in test]])["strict"]["f1"]
    assert f1["txt"] >= 0.75
    assert f1["docx"] >= f1["txt"] - 0.02, f1


def _sample(tmp_path):
    return write_docx(
        tmp_path / "report.docx",
        [
            paragraph("Annual Report", style="1"),  # Chinese Word's id for "heading 1"
            paragraph("Revenue grew by a third.", inner=footnote_reference(1)),
            paragraph("", inner=run("The board ") + inserted("unanimously ") + deleted("narrowly ") + run("approved the plan.")),
            table([["Region", "Sales"], ["North", "120"]]),
            paragraph("Outlook", style="Heading2"),
            paragraph("We expect steady growth next year."),
        ],
        footnotes=["Audited figures."],
        header="CONFIDENTIAL DRAFT",
        footer="Page 1",
    )


def test_docx_reading_order_roles_and_what_is_left_out(tmp_path):
    doc = read_document(_sample(tmp_path))
    blocks = [(p.role, doc.original[p.start : p.end]) for p in doc.paragraphs]
    assert blocks == [
        ("heading", "Annual Report"),
        ("", "Revenue grew by a third."),
        ("", "The board unanimously approved the plan."),  # insertion kept, deletion left out
        ("table-row", "Region\tSales"),
        ("table-row", "North\t120"),
        ("heading", "Outlook"),
        ("", "We expect steady growth next year."),
        ("footnote", "Audited figures."),
    ]
    assert "CONFIDENTIAL" not in doc.original and "narrowly" not in doc.original
    assert doc.left_out == {"tracked-deletion": 1, "header": 1, "footer": 1}
    assert doc.format == "docx" and doc.lang == "en"
    for sentence in doc.sentences:  # spans point into the extracted text
        assert doc.original[sentence.start : sentence.end] == sentence.text


def test_a_word_file_named_txt_is_read_as_word_and_a_text_named_docx_is_refused(tmp_path):
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(_sample(tmp_path).read_bytes())
    assert read_document(renamed).format == "docx"
    fake = tmp_path / "notes.docx"
    fake.write_text("Just some text, saved with the wrong name.\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a Word document.*plain text"):
        read_document(fake)


def test_zip_bomb_and_corrupt_docx_are_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (20 * 2**20) + b"/>")  # 20 MB of spaces in ~20 KB: 1000:1
    with pytest.raises(InputError, match="zip bomb"):
        read_document(bomb)
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(_sample(tmp_path).read_bytes()[:300])
    with pytest.raises(InputError, match="not a Word document"):
        read_document(corrupt)


def test_entities_are_not_expanded_or_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    body = paragraph("Before the entity.") + '<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
    path = write_docx(tmp_path / "xxe.docx", [body])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = parts["word/document.xml"].decode()
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    parts["word/document.xml"] = document.replace("?>\n", "?>\n" + doctype, 1).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    doc = read_document(path)
    assert "TOP SECRET" not in doc.original
    assert doc.texts() == ["Before the entity."]


def test_links_content_controls_ruby_and_text_boxes(tmp_path):
    ruby = ('<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhōng</w:t></w:r></w:rt>'
            '<w:rubyBase><w:r><w:t>中</w:t></w:r></w:rubyBase></w:ruby></w:r>')
    text_box = ('<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
                '<w:txbxContent><w:p><w:r><w:t>Sidebar text.</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></w:r>')
    body = [
        paragraph("", inner=ruby + run("国制造业正在升级。")),
        paragraph("", inner='<w:hyperlink r:id="rId9">' + run("See the report") + "</w:hyperlink>" + run(" for details.")),
        "<w:sdt><w:sdtPr/><w:sdtContent>" + paragraph("Inside a content control.") + "</w:sdtContent></w:sdt>",
        paragraph("Figure below.", inner=text_box),
    ]
    doc = read_document(write_docx(tmp_path / "mixed.docx", body))
    assert [doc.original[p.start : p.end] for p in doc.paragraphs] == [
        "中国制造业正在升级。",  # the pinyin over 中 is not part of the sentence
        "See the report for details.",
        "Inside a content control.",
        "Figure below.",
    ]
    assert doc.left_out == {"text-box": 1}


def test_beads_from_headings_footnotes_and_tables_say_so_in_the_tmx(tmp_path):
    from align.formats import write_bitext

    zh = write_docx(tmp_path / "zh.docx", [paragraph("年度报告", style="1"), paragraph("收入增长了三分之一。", inner=footnote_reference(1)),
                                           table([["地区", "销量"]])], footnotes=["数字经过审计。"])
    en = write_docx(tmp_path / "en.docx", [paragraph("Annual Report", style="Heading2"), paragraph("Revenue grew by a third.", inner=footnote_reference(1)),
                                           table([["Region", "Sales"]])], footnotes=["The figures are audited."])
    bitext = align(read_document(zh, "zh"), read_document(en, "en"), fast=True, allow_mismatch=True)
    roles = [(b.meta.get("zh-role"), b.meta.get("en-role")) for b in bitext.beads]
    assert roles == [("heading", "heading"), (None, None), ("table-row", "table-row"), ("footnote", "footnote")]
    write_bitext(bitext, tmp_path / "report.tmx")
    assert '<prop type="x-zh-role">footnote</prop>' in (tmp_path / "report.tmx").read_text(encoding="utf-8")


def test_table_of_contents_and_hidden_text_are_left_out(tmp_path):
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>{0&gt;</w:t></w:r>'  # a CAT tool's hidden segment tag
    body = [
        paragraph("Introduction\t3", style="11"),  # "toc 1": repeats a heading with its page number
        paragraph("Outlook\t7", style="11"),
        paragraph("Introduction", style="1"),
        paragraph("", inner=hidden + run("The plan is simple.")),
    ]
    doc = read_document(write_docx(tmp_path / "toc.docx", body))
    assert [doc.original[p.start : p.end] for p in doc.paragraphs] == ["Introduction", "The plan is simple."]
    assert doc.left_out == {"table-of-contents-entry": 2, "hidden-text": 1}


def test_a_document_written_by_python_docx_from_words_own_template(tmp_path):
    docx = pytest.importorskip("docx")  # the test extra installs python-docx: Word's default template, real styles
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Quarterly Review"
    document.sections[0].footer.paragraphs[0].text = "Internal"
    document.add_heading("季度回顾", level=1)
    document.add_paragraph("本季度收入增长了百分之十二。成本保持稳定。")
    document.add_paragraph("第一项", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("地区", "收入"), ("华东", "120")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_heading("展望", level=2)
    document.add_paragraph("我们预计明年继续增长。")
    document.save(tmp_path / "review.docx")
    doc = read_document(tmp_path / "review.docx")
    assert doc.lang == "zh" and doc.format == "docx"
    assert [(p.role, doc.original[p.start : p.end]) for p in doc.paragraphs] == [
        ("heading", "季度回顾"),
        ("", "本季度收入增长了百分之十二。成本保持稳定。"),
        ("", "第一项"),
        ("table-row", "地区\t收入"),
        ("table-row", "华东\t120"),
        ("heading", "展望"),
        ("", "我们预计明年继续增长。"),
    ]
    assert doc.texts()[1:3] == ["本季度收入增长了百分之十二。", "成本保持稳定。"]
    assert doc.left_out == {"header": 1, "footer": 1} and "Quarterly" not in doc.original
