"""Every bad document a translator may be sent gives exit 2, one line on stderr, no traceback, no output file;
``bitext info`` says which format a document was read as and what its reader left out."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import zipfile

import pytest
from office_files import deleted, paragraph, run, write_docx

from align.cli import main

EN = "The weather is fine today.\nWe go for a walk in the park.\n"


def _bitext(monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["bitext", *args])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main()
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def _zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (20 * 2**20) + b"/>")


def _corrupt_docx(path):
    write_docx(path, [paragraph("Some text that will be cut off.")])
    path.write_bytes(path.read_bytes()[:200])


def _text_named_docx(path):
    path.write_text("Only text, with the wrong name.\n", encoding="utf-8")


def _docx_without_text(path):
    write_docx(path, [paragraph("")])


def _encrypted_pdf(path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_encryption(owner_password="o", user_password="u")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(100, 10, "Secret.")
    pdf.output(str(path))


def _scanned_pdf(path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50, style="F")
    pdf.output(str(path))


def _srt_without_timing(path):
    path.write_text("1\nHello.\n", encoding="utf-8")


def _epub_without_package(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("META-INF/container.xml", "<container><rootfiles/></container>")


def _malformed_docx_xml(path):
    write_docx(path, ["<w:p><w:r><w:t>unclosed"])


BAD = {
    "bomb.docx": (_zip_bomb, "zip bomb"),
    "corrupt.docx": (_corrupt_docx, "not a Word document"),
    "text.docx": (_text_named_docx, "plain text"),
    "empty.docx": (_docx_without_text, "holds no text"),
    "malformed.docx": (_malformed_docx_xml, "malformed XML"),
    "locked.pdf": (_encrypted_pdf, "encrypted"),
    "scan.pdf": (_scanned_pdf, "no text layer"),
    "broken.srt": (_srt_without_timing, "malformed srt cue"),
    "nopackage.epub": (_epub_without_package, "names no package document"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_document_exits_2_with_one_line_and_writes_nothing(tmp_path, monkeypatch, name):
    make, reason = BAD[name]
    bad = tmp_path / name
    make(bad)
    (tmp_path / "good.en.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out.tmx"
    code, _, err = _bitext(monkeypatch, "align", str(bad), str(tmp_path / "good.en.txt"), "-o", str(out))
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"error: {bad}") and reason in err
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_info_shows_format_parts_and_what_was_left_out(tmp_path, monkeypatch):
    path = write_docx(
        tmp_path / "memo.docx",
        [paragraph("Memo", style="1"), paragraph("", inner=run("We ") + deleted("never ") + run("agree."))],
        footnotes=["See the minutes.", "Draft only."],
        header="Company",
        footer="1",
    )
    code, out, _ = _bitext(monkeypatch, "info", str(path), "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["format"] == "docx"
    assert summary["parts"] == {"heading": 1, "footnote": 2}
    assert summary["left_out"] == {"tracked-deletion": 1, "header": 1, "footer": 1}
    code, out, _ = _bitext(monkeypatch, "info", str(path))
    assert "2 footnote" in out and "1 header" in out and "docx" in out


def test_an_old_doc_or_password_protected_office_file_gets_told_what_to_do(tmp_path, monkeypatch):
    path = tmp_path / "contract.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))  # the Compound File header Word encrypts into
    code, _, err = _bitext(monkeypatch, "info", str(path))
    assert code == 2 and "password-protected Office file" in err and "save it as .docx" in err


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from align.read import reader

    monkeypatch.setattr(reader, "MAX_BYTES", 1024)  # the real limit is 512 MB; the check is the same
    path = write_docx(tmp_path / "big.docx", [paragraph("A long report. " * 200)])
    code, _, err = _bitext(monkeypatch, "info", str(path))
    assert code == 2 and "over the" in err and "limit for one document" in err


def test_segment_json_gives_each_sentence_its_paragraph_role(tmp_path, monkeypatch):
    path = write_docx(tmp_path / "r.docx", [paragraph("Results", style="1"), paragraph("Sales rose. Costs fell.")], footnotes=["Unaudited."])
    code, out, _ = _bitext(monkeypatch, "segment", str(path), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [(r["role"], r["text"]) for r in rows] == [
        ("heading", "Results"), ("", "Sales rose."), ("", "Costs fell."), ("footnote", "Unaudited.")
    ]
