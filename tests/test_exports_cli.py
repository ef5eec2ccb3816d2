"""``bitext convert`` and ``bitext import`` as a user runs them: messages, exit codes, files."""

from __future__ import annotations

import sys

import pytest

from align.cli import main
from align.formats import read_bitext, write_bitext
from align.formats.tmx import validate_tmx

from exports_sample import same_beads, sample_bitext


def run(monkeypatch, capsys, *args):
    monkeypatch.setattr(sys, "argv", ["bitext", *map(str, args)])
    code = 0
    try:
        main()
    except SystemExit as exit:
        code = exit.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_convert_between_formats(tmp_path, monkeypatch, capsys):
    write_bitext(sample_bitext(), tmp_path / "x.jsonl")
    code, out, err = run(monkeypatch, capsys, "convert", tmp_path / "x.jsonl", tmp_path / "x.tmx", "--zh-lang", "zh_TW",
                         "--min-confidence", "0", "--keep-omissions")
    assert code == 0 and "wrote" in out and "(5 units)" in out
    assert validate_tmx(tmp_path / "x.tmx") == []
    back = read_bitext(tmp_path / "x.tmx")
    assert same_beads(sample_bitext(), back) and back.zh_lang == "zh-TW"
    code, out, err = run(monkeypatch, capsys, "convert", tmp_path / "x.tmx", tmp_path / "train", "--format", "moses", "--min-confidence", "0.5")
    assert code == 0 and (tmp_path / "train.zh").read_text(encoding="utf-8").count("\n") == 3


def test_convert_refuses_overwrite_and_bad_input(tmp_path, monkeypatch, capsys):
    write_bitext(sample_bitext(), tmp_path / "x.tmx")
    before = (tmp_path / "x.tmx").read_bytes()
    code, out, err = run(monkeypatch, capsys, "convert", tmp_path / "x.tmx", tmp_path / "x.tmx")
    assert code == 3 and "use --force" in err and (tmp_path / "x.tmx").read_bytes() == before
    (tmp_path / "cut.tmx").write_bytes(before[: len(before) // 3])
    code, out, err = run(monkeypatch, capsys, "convert", tmp_path / "cut.tmx", tmp_path / "y.xlsx")
    assert code == 2 and err.startswith("error: ") and "malformed TMX at line" in err and "Traceback" not in err
    assert not (tmp_path / "y.xlsx").exists()
    code, out, err = run(monkeypatch, capsys, "convert", tmp_path / "x.tmx", tmp_path / "y.docx")
    assert code == 4 and "--format" in err


def test_convert_shows_warnings(tmp_path, monkeypatch, capsys):
    from align.core.bitext import Bead, Bitext

    Bitext(beads=[Bead((0,), (0,), "铃\x07", "bell", 0.9, (), "9")]).to_jsonl(tmp_path / "c.jsonl")
    code, out, err = run(monkeypatch, capsys, "convert", tmp_path / "c.jsonl", tmp_path / "c.tmx")
    assert code == 0 and "warning: bead 9: removed 1 XML-illegal character(s) (U+0007)" in err


def test_import_reviewed_sheet(tmp_path, monkeypatch, capsys):
    from openpyxl import load_workbook

    write_bitext(sample_bitext(), tmp_path / "review.xlsx")
    book = load_workbook(tmp_path / "review.xlsx")
    book["review"]["H4"] = "reject"  # column H = status
    book.save(tmp_path / "review.xlsx")
    code, out, err = run(monkeypatch, capsys, "import", tmp_path / "review.xlsx", "-o", tmp_path / "reviewed.tmx")
    # rows a reviewer kept go in whatever their confidence (5: 0.0); the one-sided row 4 is no translation
    assert code == 0 and "3 units from 5 rows (1 rejected" in out
    assert [b.id for b in read_bitext(tmp_path / "reviewed.tmx")] == ["1", "2", "5"]
    code, out, err = run(monkeypatch, capsys, "import", tmp_path / "review.xlsx", "-o", tmp_path / "reviewed.tmx")
    assert code == 3


@pytest.mark.parametrize("command", ["convert", "import"])
def test_help_has_examples(monkeypatch, capsys, command):
    code, out, err = run(monkeypatch, capsys, command, "--help")
    assert code == 0 and "Examples" in out and "bitext " + command in out
