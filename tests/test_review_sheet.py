"""The XLSX review sheet for people: layout, long texts, unpack limits, ODS, edited and merged rows."""

from __future__ import annotations

import warnings
import zipfile

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from align.cli import app
from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.formats import import_review, read_bitext, write_bitext
from align.formats.xlsx import UnpackLimits, read_review
from align.formats.xlsx import limits as unpack
from tests.exports_sample import same_beads, sample_bitext


def _edit(path, edits):
    book = load_workbook(path)
    sheet = book["review"]
    for (row, column), value in edits.items():
        sheet.cell(row=row, column=[c.value for c in sheet[1]].index(column) + 1).value = value
    book.save(path)


def test_sheet_is_laid_out_to_be_read_and_printed(tmp_path):
    long_en = "The industrial Internet connects machines, people and data across the whole value chain. " * 4
    bitext = Bitext([Bead((0,), (0,), "工业互联网" * 30, long_en, 0.9, (), "1"), Bead((1,), (1,), "短。", "Short.", 0.4, (), "2")])
    write_bitext(bitext, tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx")["review"]
    assert sheet["D2"].alignment.wrap_text and sheet["E2"].alignment.wrap_text and sheet["D2"].alignment.vertical == "top"
    # a long row is tall enough for its lines (150 CJK characters in a 48-wide column: 7 lines at least)
    assert sheet.row_dimensions[2].height >= 7 * 15 and sheet.row_dimensions[3].height <= 20
    assert sheet.column_dimensions["D"].width >= 40 and sheet.column_dimensions["E"].width >= 50
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert sheet.column_dimensions[chr(ord("A") + header.index("fingerprint"))].hidden


def test_a_text_over_the_cell_limit_travels_in_continuation_columns_and_comes_back_whole(tmp_path):
    zh = ("工业互联网𠀀" * 7000)[:41000]  # astral characters count two in Excel's limit
    en = "x" * 70000
    bitext = Bitext([Bead((0,), (0,), zh, en, 0.9, (), "1"), Bead((1,), (1,), "短。", "Short.", 0.4, (), "2")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "truncated to 32767 characters" from pandas or openpyxl
        write_bitext(bitext, tmp_path / "long.xlsx")
    sheet = load_workbook(tmp_path / "long.xlsx")["review"]
    header = [c.value for c in sheet[1]]
    assert "zh (continued 2)" in header and "en (continued 3)" in header
    assert all(len(str(c.value or "").encode("utf-16-le")) // 2 <= 32767 for row in sheet.iter_rows() for c in row)
    back = read_bitext(tmp_path / "long.xlsx")
    assert back[0].zh_text == zh and back[0].en_text == en and back[1].en_text == "Short."
    assert "zh (continued 2)" not in back[0].meta
    result = CliRunner().invoke(app, ["import", str(tmp_path / "long.xlsx"), "-o", str(tmp_path / "long.jsonl")])
    assert result.exit_code == 0, result.output
    assert read_bitext(tmp_path / "long.jsonl")[0].zh_text == zh


def _bomb(path, declared: int):
    """A workbook-shaped zip with one part that inflates to ``declared`` bytes of zeros."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * declared)


def test_a_workbook_that_would_unpack_past_the_limits_is_refused_before_reading(tmp_path, monkeypatch):
    _bomb(tmp_path / "bomb.xlsx", 3 * 2**20)
    with pytest.raises(InputError, match="sheet1.xml would unpack to 3.0 MB"):
        read_review(tmp_path / "bomb.xlsx", limits=UnpackLimits(member=2**20, total=2**21))
    # through the command: exit 2, one line, nothing written (the setting made small for the test)
    monkeypatch.setattr(unpack, "DEFAULT_LIMITS", UnpackLimits(member=2**20, total=2**21))
    result = CliRunner().invoke(app, ["import", str(tmp_path / "bomb.xlsx"), "-o", str(tmp_path / "out.tmx")])
    assert result.exit_code == 2 and "refusing to read it" in result.output
    assert not (tmp_path / "out.tmx").exists()
    # a genuine sheet is well under the limits
    write_bitext(sample_bitext(), tmp_path / "fine.xlsx")
    assert len(read_review(tmp_path / "fine.xlsx", limits=UnpackLimits(member=2**20, total=2**21))[0]) == 5


def test_merge_across_a_rejected_row_is_refused_naming_the_rows(tmp_path):
    beads = [Bead((i,), (i,), f"第{i}句。", f"Sentence {i}.", 0.9, (), str(i + 1)) for i in range(4)]
    write_bitext(Bitext(beads), tmp_path / "r.xlsx")
    _edit(tmp_path / "r.xlsx", {(3, "status"): "reject", (4, "status"): "merge"})
    with pytest.raises(InputError, match=r"row 4: 'merge' would join Chinese sentences 0 and 2 of row 2, which are not adjacent "
                                         r"\(row 3 between them was rejected\)"):
        import_review(tmp_path / "r.xlsx", tmp_path / "out.tmx")
    assert not (tmp_path / "out.tmx").exists()
    _edit(tmp_path / "r.xlsx", {(3, "status"): None})
    bitext, summary = read_review(tmp_path / "r.xlsx")
    assert [b.id for b in bitext] == ["1", "2+3", "4"] and summary["merged"] == 1


def test_an_ods_saved_by_libreoffice_imports_like_the_xlsx(tmp_path):
    import pandas as pd

    write_bitext(sample_bitext(), tmp_path / "review.xlsx")
    # what LibreOffice does on "save as .ods": same sheets, numbers stored as numbers (ids 1, 2... and order as floats)
    sheets = pd.read_excel(tmp_path / "review.xlsx", sheet_name=None, dtype=object, keep_default_na=False)
    review = sheets["review"]
    for column in ("id", "order"):
        review[column] = [float(v) if str(v).isdigit() else v for v in review[column]]
    review["zh_ids"] = [float(v) if str(v).isdigit() else v for v in review["zh_ids"]]
    with pd.ExcelWriter(tmp_path / "review.ods", engine="odf") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    assert same_beads(read_bitext(tmp_path / "review.ods"), read_bitext(tmp_path / "review.xlsx"))
    for target in ("back.jsonl", "back.tmx"):
        result = CliRunner().invoke(app, ["import", str(tmp_path / "review.ods"), "-o", str(tmp_path / target)])
        assert result.exit_code == 0, result.output
    assert same_beads(read_bitext(tmp_path / "back.jsonl"), read_bitext(tmp_path / "review.xlsx"))
    # a memory keeps every row the reviewer kept, whatever its confidence, but no one-sided row (3 and 4)
    assert [b.id for b in read_bitext(tmp_path / "back.tmx")] == ["1", "2", "5"]


def test_reviewed_marks_become_a_column_of_the_sheet(tmp_path):
    bitext = sample_bitext()
    bitext.beads[0] = bitext.beads[0].with_(meta={**bitext.beads[0].meta, "reviewed": "reviewed"})
    write_bitext(bitext, tmp_path / "m.xlsx")
    header = [c.value for c in load_workbook(tmp_path / "m.xlsx")["review"][1]]
    assert "reviewed" in header
    assert read_bitext(tmp_path / "m.xlsx")[0].meta["reviewed"] == "reviewed"


def test_ods_written_by_bitext_reads_back_the_same_beads(tmp_path):
    write_bitext(sample_bitext(), tmp_path / "x.ods")
    back = read_bitext(tmp_path / "x.ods")
    assert same_beads(back, sample_bitext()) and back.signature == sample_bitext().signature
