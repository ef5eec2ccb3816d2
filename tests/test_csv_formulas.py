"""CSV/TSV formula injection (OWASP): cells a spreadsheet would run are written with a leading ', read back exact."""

from __future__ import annotations

import csv
import sys

import pytest

from align.cli import main
from align.core.bitext import Bead, Bitext
from align.formats import read_bitext, write_bitext
from align.formats.tabular import escape_formula, unescape_formula

RISKY = ["=HYPERLINK(\"http://x.example\",\"click\")", "+1+2", "-3 dB", "@SUM(A1:A2)", "\tindented", "\rreturn",
         "'=already quoted", "''=two quotes", "'tis the season", "'", "''", "plain = text", "中文=公式"]


def _bitext(texts: list[str]) -> Bitext:
    beads = [Bead(zh_ids=(i,), en_ids=(i,), zh_text="增益为" + str(i), en_text=text, confidence=0.9, meta={"note": text})
             for i, text in enumerate(texts)]
    return Bitext(beads=beads)


@pytest.mark.parametrize("ext", ["csv", "tsv"])
def test_no_written_cell_starts_a_formula(tmp_path, ext):
    write_bitext(_bitext(RISKY), tmp_path / f"x.{ext}")
    with open(tmp_path / f"x.{ext}", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="," if ext == "csv" else "\t"))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    en = [row[4] for row in rows[1:]]
    assert en[:4] == ["'=HYPERLINK(\"http://x.example\",\"click\")", "'+1+2", "'-3 dB", "'@SUM(A1:A2)"]
    assert en[6:9] == ["''=already quoted", "'''=two quotes", "'tis the season"]  # a quote before text is left alone


@pytest.mark.parametrize("ext", ["csv", "tsv"])
def test_every_text_reads_back_exactly(tmp_path, ext):
    write_bitext(_bitext(RISKY), tmp_path / f"x.{ext}")
    back = read_bitext(tmp_path / f"x.{ext}")
    assert [b.en_text for b in back.beads] == RISKY
    assert [b.meta["note"] for b in back.beads] == RISKY


def test_escape_and_unescape_are_inverse():
    for text in RISKY + ["", "=", "-", "'-", "a'=", "'''x"]:
        assert unescape_formula(escape_formula(text)) == text


def test_raw_cells_write_text_as_it_is(tmp_path):
    write_bitext(_bitext(["-3 dB"]), tmp_path / "x.csv", escape_formulas=False)
    assert "\n1,0,0,增益为0,-3 dB,0.9,,-3 dB" in (tmp_path / "x.csv").read_text(encoding="utf-8")


def test_convert_escapes_by_default_and_raw_cells_turns_it_off(tmp_path, monkeypatch, capsys):
    write_bitext(_bitext(["=1+2"]), tmp_path / "x.jsonl")
    for args, cell in (((), "'=1+2"), (("--raw-cells",), "=1+2")):
        monkeypatch.setattr(sys, "argv", ["bitext", "convert", str(tmp_path / "x.jsonl"), str(tmp_path / "x.csv"), "--force", *args])
        with pytest.raises(SystemExit) as exit:
            main()
        assert exit.value.code in (0, None)
        with open(tmp_path / "x.csv", encoding="utf-8", newline="") as handle:
            assert list(csv.reader(handle))[1][4] == cell
    capsys.readouterr()


def test_raw_cells_for_a_format_without_cells_is_a_usage_error(tmp_path, monkeypatch, capsys):
    write_bitext(_bitext(["=1+2"]), tmp_path / "x.jsonl")
    monkeypatch.setattr(sys, "argv", ["bitext", "convert", str(tmp_path / "x.jsonl"), str(tmp_path / "x.tmx"), "--raw-cells"])
    with pytest.raises(SystemExit) as exit:
        main()
    assert exit.value.code == 4 and "TSV/CSV output only" in capsys.readouterr().err
    assert not (tmp_path / "x.tmx").exists()


def test_glossary_findings_as_csv_never_start_a_formula(tmp_path):
    from typer.testing import CliRunner

    from align.cli.app import app

    # an untranslated bead: the finding quotes the text, which here starts like a formula
    write_bitext(Bitext(beads=[Bead(zh_ids=(0,), en_ids=(0,), zh_text="=cmd|'/C calc'!A0 中文", en_text="=cmd|'/C calc'!A0 中文")]),
                 tmp_path / "x.tsv")
    out = CliRunner().invoke(app, ["glossary", "check", str(tmp_path / "x.tsv"), "--csv", "--fail-on", "never"]).stdout
    rows = list(csv.reader(out.splitlines()))
    assert rows[1][1] == "untranslated"
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=cmd|'/C calc'!A0 中文" in cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
