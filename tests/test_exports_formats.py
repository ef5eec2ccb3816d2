"""TSV, CSV, JSONL, Moses, .align and the XLSX review sheet: round trips and bad input."""

from __future__ import annotations

import pytest

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError, OutputExistsError, UsageError
from align.formats import ExportWarning, import_review, read_bitext, write_bitext
from align.formats.tmx import read_tmx, validate_tmx

from exports_sample import same_beads, sample_bitext


@pytest.mark.parametrize("ext", ["tsv", "csv", "jsonl", "xlsx"])
def test_beads_round_trip(tmp_path, ext):
    original = sample_bitext()
    path = tmp_path / f"x.{ext}"
    assert write_bitext(original, path) == 5
    back = read_bitext(path)
    assert same_beads(original, back)
    write_bitext(back, tmp_path / f"y.{ext}")
    assert same_beads(original, read_bitext(tmp_path / f"y.{ext}"))


@pytest.mark.parametrize("ext", ["jsonl", "xlsx"])
def test_header_round_trips_where_the_format_has_room(tmp_path, ext):
    original = sample_bitext()
    write_bitext(original, tmp_path / f"x.{ext}")
    back = read_bitext(tmp_path / f"x.{ext}")
    assert back.signature == original.signature
    assert back.details == original.details
    assert (back.zh_name, back.en_name, back.zh_lang, back.document_score) == ("report.zh.txt", "report.en.txt", "zh-CN", 0.88)


def test_tsv_quotes_only_what_needs_it_and_bom_is_optional(tmp_path):
    write_bitext(sample_bitext(), tmp_path / "x.tsv")
    lines = (tmp_path / "x.tsv").read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("id\tzh_ids\ten_ids\tzh\ten\tconfidence\treasons")
    assert '\t他说：“R&D 投入<增加>了 3.5%。”\tHe said R&D spending <rose> by 3.5% & "more".\t' in lines[2]
    write_bitext(sample_bitext(), tmp_path / "b.csv", bom=True)
    assert (tmp_path / "b.csv").read_bytes().startswith(b"\xef\xbb\xbfid,zh_ids")
    assert not (tmp_path / "x.tsv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert same_beads(sample_bitext(), read_bitext(tmp_path / "b.csv"))


def test_pandas_reads_our_csv(tmp_path):
    import pandas as pd

    write_bitext(sample_bitext(), tmp_path / "x.csv", bom=True)
    frame = pd.read_csv(tmp_path / "x.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame["en"]) == [b.en_text for b in sample_bitext()]


def test_tabular_without_text_columns_is_refused(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("id\tchinese\tenglish\n1\t你好\thello\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column\\(s\\) zh, en"):
        read_bitext(path)


def test_moses_line_aligned_and_reads_back_pairs(tmp_path):
    with pytest.warns(ExportWarning, match="bead 5: line break"):
        assert write_bitext(sample_bitext(), tmp_path / "corpus", fmt="moses") == 5
    zh = (tmp_path / "corpus.zh").read_text(encoding="utf-8").split("\n")
    en = (tmp_path / "corpus.en").read_text(encoding="utf-8").split("\n")
    assert len(zh) == len(en) == 6 and zh[2] == "這句話沒有翻譯。" and en[2] == "" and en[4] == "Two sentences. On two lines."
    back = read_bitext(tmp_path / "corpus.en", fmt="moses")
    assert [(b.zh_text, b.en_text) for b in back][:4] == [(b.zh_text, b.en_text) for b in sample_bitext()][:4]
    with pytest.raises(OutputExistsError):
        write_bitext(sample_bitext(), tmp_path / "corpus.zh", fmt="moses")


def test_moses_with_different_line_counts_is_refused(tmp_path):
    (tmp_path / "c.zh").write_text("一\n二\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("one\n", encoding="utf-8")
    with pytest.raises(InputError, match="c.zh has 2 lines but .*c.en has 1"):
        Bitext.read_moses(tmp_path / "c")


def test_align_format_round_trips_ids(tmp_path):
    write_bitext(sample_bitext(), tmp_path / "x.align")
    assert (tmp_path / "x.align").read_text().splitlines() == ["[0]:[0]", "[1,2]:[1]", "[3]:[]", "[]:[2]", "[4]:[3,4]"]
    back = read_bitext(tmp_path / "x.align")
    assert [(b.zh_ids, b.en_ids) for b in back] == [(b.zh_ids, b.en_ids) for b in sample_bitext()]
    (tmp_path / "bad.align").write_text("[0]:[0]\n0 -> 1\n")
    with pytest.raises(InputError, match="line 2: expected an alignment like"):
        read_bitext(tmp_path / "bad.align")


def test_jsonl_bad_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "x.jsonl"
    write_bitext(sample_bitext(), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3][:20]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match="x.jsonl: line 4: not JSON"):
        read_bitext(path)


def test_unknown_extension_asks_for_format(tmp_path):
    with pytest.raises(UsageError, match="give --format"):
        write_bitext(sample_bitext(), tmp_path / "x.docx")


def test_min_confidence_and_zh_output_apply_to_every_format(tmp_path):
    for ext in ("tsv", "csv", "jsonl", "xlsx"):
        write_bitext(sample_bitext(), tmp_path / f"f.{ext}", min_confidence=0.6, zh_output="traditional")
        back = read_bitext(tmp_path / f"f.{ext}")
        assert [b.id for b in back] == ["1", "2", "4"], ext
        assert back[0].zh_text.startswith("工業互聯網"), ext
    write_bitext(sample_bitext(), tmp_path / "m", fmt="moses", min_confidence=0.6, zh_output="traditional")
    assert (tmp_path / "m.zh").read_text(encoding="utf-8").startswith("工業互聯網")


# --- the XLSX review sheet -------------------------------------------------

def test_review_sheet_layout(tmp_path):
    from openpyxl import load_workbook

    bitext = sample_bitext()
    bitext.beads.append(Bead((5,), (5,), "公式", "=SUM(A1:A9)", 0.95, (), "6"))
    write_bitext(bitext, tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx")["review"]
    header = [c.value for c in sheet[1]]
    assert header[:9] == ["id", "zh_ids", "en_ids", "zh", "en", "confidence", "reasons", "status", "note"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    colours = [sheet.cell(row=r, column=4).fill.start_color.rgb[-6:] for r in range(2, 8)]
    assert colours == ["C6EFCE", "FFEB9C", "FFC7CE", "EDEDED", "FFC7CE", "C6EFCE"]  # high, medium, low, unknown
    assert sheet.cell(row=7, column=5).data_type == "s" and sheet.cell(row=7, column=5).value == "=SUM(A1:A9)"
    assert sheet.cell(row=3, column=9).value == "check 3.5%"  # meta note is the note column
    assert any("ok,reject,merge" in dv.formula1 for dv in sheet.data_validations.dataValidation)


def _review(path, edits):
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["review"]
    for (row, column), value in edits.items():
        col = [c.value for c in sheet[1]].index(column) + 1
        sheet.cell(row=row, column=col).value = value
    book.save(path)


def test_import_applies_fix_reject_and_merge(tmp_path):
    sheet = tmp_path / "review.xlsx"
    write_bitext(sample_bitext(), sheet)
    _review(sheet, {
        (2, "en"): "The Industrial Internet results from deep integration of IT and manufacturing.",  # fix
        (2, "status"): "ok",
        (4, "status"): "reject",
        (5, "status"): "Merge with previous",  # bead 4 joins bead 2, the nearest kept row above
        (6, "note"): "two sentences kept together",
    })
    summary = import_review(sheet, tmp_path / "reviewed.tmx")
    assert summary == {"rows": 5, "kept": 3, "rejected": 1, "merged": 1, "added": 0, "edited": 1, "written": 3}
    assert validate_tmx(tmp_path / "reviewed.tmx") == []
    back = read_tmx(tmp_path / "reviewed.tmx")
    assert [b.id for b in back] == ["1", "2+4", "5"]
    assert back[0].en_text.startswith("The Industrial Internet results") and back[0].meta["status"] == "ok"
    # the edited row is marked, and the aligner's confidence (about the old text) is gone
    assert back[0].meta["edited"] == "text" and back[0].confidence is None and "edited" in back[0].reasons
    merged = back[1]
    assert merged.zh_ids == (1, 2) and merged.en_ids == (1, 2)
    assert merged.en_text == 'He said R&D spending <rose> by 3.5% & "more". An added English sentence 😀 with 𠀀.'
    assert merged.confidence == 0.62 and "merge" in merged.reasons and merged.meta["status"] == "merged"
    assert back[2].meta["note"] == "two sentences kept together"
    assert back.signature == sample_bitext().signature  # the about sheet carries it through
    assert back.details == sample_bitext().details
    # a re-exported reviewed sheet imports to the same thing (status "merged" is not a new merge)
    write_bitext(back, tmp_path / "again.xlsx")
    assert same_beads(back, read_bitext(tmp_path / "again.xlsx"))


def test_import_refuses_deleted_column_and_unknown_status_without_writing(tmp_path):
    from openpyxl import load_workbook

    sheet = tmp_path / "review.xlsx"
    write_bitext(sample_bitext(), sheet)
    book = load_workbook(sheet)
    book["review"].delete_cols(5)  # the translator deleted the English column
    book.save(tmp_path / "cut.xlsx")
    with pytest.raises(InputError, match="column\\(s\\) en missing from the review sheet"):
        import_review(tmp_path / "cut.xlsx", tmp_path / "out.tmx")
    _review(sheet, {(3, "status"): "maybe"})
    with pytest.raises(InputError, match="row 3: unknown status 'maybe'"):
        import_review(sheet, tmp_path / "out.tmx")
    _review(sheet, {(3, "status"): None, (2, "status"): "merge"})
    with pytest.raises(InputError, match="row 2: 'merge' joins a row to the kept row above it"):
        import_review(sheet, tmp_path / "out.tmx")
    (tmp_path / "fake.xlsx").write_text("not a workbook")
    with pytest.raises(InputError, match="not a readable XLSX workbook"):
        import_review(tmp_path / "fake.xlsx", tmp_path / "out.tmx")
    assert not (tmp_path / "out.tmx").exists()


def test_xlsx_control_characters_are_removed_with_a_warning(tmp_path):
    bitext = Bitext(beads=[Bead((0,), (0,), "响铃\x07", "bell", 0.9, (), "7")])
    with pytest.warns(ExportWarning, match="bead 7: removed 1 XML-illegal"):
        write_bitext(bitext, tmp_path / "c.xlsx")
    assert read_bitext(tmp_path / "c.xlsx")[0].zh_text == "响铃"


def test_sorting_the_sheet_while_reviewing_changes_nothing(tmp_path):
    from openpyxl import load_workbook

    sheet_path = tmp_path / "sorted.xlsx"
    write_bitext(sample_bitext(), sheet_path)
    book = load_workbook(sheet_path)
    sheet = book["review"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    rows.sort(key=lambda r: -(r[5] if r[5] is not None else -1))  # by confidence, highest first, as a reviewer does
    assert [r[0] for r in rows] == ["1", "2", "3", "5", "4"]
    for row_index, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            sheet.cell(row=row_index, column=col).value = value
    sheet.cell(row=5, column=8).value = "merge"  # bead 5, shown below bead 3; in the document it follows bead 4
    book.save(sheet_path)
    back = read_bitext(sheet_path)
    assert [b.id for b in back] == ["1", "2", "3", "4+5"]
    assert back[3].en_ids == (2, 3, 4)
