"""glossary.extraction on a real bitext (MAC-Dev chapter 001, gold beads), names through pinyin, and the merge flow."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.core.bitext import Bead, Bitext
from glossary.concept import Concept
from glossary.extraction import extract
from glossary.extraction.names import is_name_pair, names_by_pinyin
from glossary.extraction.table import accepted, write_candidates
from glossary.termbase import TermBase

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lexicon():
    from align.aligner.resources.lexicon import CedictLexicon

    return CedictLexicon()


@pytest.fixture(scope="module")
def golden_age(shared_dir) -> Bitext:
    """王小波《黄金时代》 with Zhang and Sommer's translation, aligned by the benchmark's gold."""
    sys.path.insert(0, str(ROOT / "bench"))
    from extract import gold_beads

    beads = [b for b in gold_beads("mac-dev", shared_dir / "benchmarks") if b.id.startswith("001:")]
    return Bitext(beads=beads)


@pytest.fixture(scope="module")
def ranked(golden_age, lexicon):
    return extract(golden_age, lexicon=lexicon)


def test_the_heroine_ranks_first_paired_through_pinyin(ranked):
    # rjieba cuts 陈清扬 as 陈/清扬; the pinyin of the English name finds it whole
    first = ranked[0]
    assert (first.zh, first.en, first.kind) == ("陈清扬", "Chen Qingyang", "name")
    assert "pinyin" in first.evidence and first.together >= 30 and first.examples


def test_top_of_the_list_holds_the_texts_terms_and_names(ranked):
    top = {(c.zh, c.en) for c in ranked[:15]}
    assert {("王二", "Wang Er"), ("队长", "team leader")} <= top
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)
    assert not any(c.zh == "清扬" for c in ranked), "a piece of a name is not proposed beside the name"


def test_the_dice_baseline_misses_what_the_lexicon_finds(golden_age):
    plain = extract(golden_age)
    assert not any(c.zh == "陈清扬" for c in plain)


def test_known_and_conflicting_pairs_are_marked(golden_age, lexicon):
    termbase = TermBase([Concept(zh="王二", en="Wang Er"), Concept(zh="队长", en="captain")])
    marked = {c.zh: c for c in extract(golden_age, termbase=termbase, lexicon=lexicon)}
    assert marked["王二"].status == "known"
    assert marked["队长"].status == "conflict" and "captain" in marked["队长"].note
    assert marked["陈清扬"].status == "new"


def test_name_pairing_through_pinyin():
    assert is_name_pair("叶文洁", "Ye Wenjie") and is_name_pair("汪淼", "Wang Miao") and is_name_pair("宝玉", "Bao-yu")
    assert not is_name_pair("叶文洁", "Wang Miao") and not is_name_pair("汪淼", "wang miao")
    assert names_by_pinyin("余占鳌说，汪淼来了", {"yuzhanao", "wangmiao"}) == {"余占鳌", "汪淼"}


def _small_bitext() -> Bitext:
    rows = [("叶文洁看着红岸基地。", "Ye Wenjie looked at Red Coast Base."),
            ("汪淼想起叶文洁。", "Wang Miao remembered Ye Wenjie."),
            ("红岸基地很远，汪淼说。", "Red Coast Base is far, said Wang Miao."),
            ("汪淼和叶文洁离开了红岸基地。", "Wang Miao and Ye Wenjie left Red Coast Base.")]
    return Bitext(beads=[Bead((i,), (i,), zh, en, id=str(i + 1)) for i, (zh, en) in enumerate(rows)])


def test_merge_adds_accepted_candidates_and_keeps_the_glossary(tmp_path, lexicon):
    from align.cli.app import app

    candidates = extract(_small_bitext(), lexicon=lexicon)
    assert {(c.zh, c.en) for c in candidates} >= {("叶文洁", "Ye Wenjie"), ("汪淼", "Wang Miao")}
    sheet = tmp_path / "candidates.xlsx"
    write_candidates(candidates, sheet)
    from openpyxl import load_workbook

    book = load_workbook(sheet)
    rows = list(book.active.iter_rows())
    header = [c.value for c in rows[0]]
    for row in rows[1:]:
        zh = row[header.index("zh")].value
        row[header.index("accept")].value = "y" if zh in ("叶文洁", "汪淼", "红岸基地") else "n"
        if zh == "红岸基地":
            row[header.index("en")].value = "Red Coast Base"
    book.save(sheet)
    glossary = tmp_path / "terms.tsv"
    TermBase([Concept(zh="汪淼", en="Wang Miao"), Concept(zh="三体", en="Three-Body")]).write(glossary)

    result = CliRunner().invoke(app, ["glossary", "merge", str(sheet), "-g", str(glossary)])
    assert result.exit_code == 0, result.output
    merged = TermBase.read(glossary)
    assert {c.zh[0]: c.en[0] for c in merged} == {"汪淼": "Wang Miao", "三体": "Three-Body", "叶文洁": "Ye Wenjie",
                                                   "红岸基地": "Red Coast Base"}
    assert "1 already there" in result.output


def test_merge_refuses_an_unclear_answer_and_writes_nothing(tmp_path):
    from align.cli.app import app

    sheet = tmp_path / "candidates.tsv"
    sheet.write_text("rank\taccept\tzh\ten\n1\tmaybe\t叶文洁\tYe Wenjie\n", encoding="utf-8")
    glossary = tmp_path / "terms.tsv"
    TermBase([Concept(zh="汪淼", en="Wang Miao")]).write(glossary)
    before = glossary.read_bytes()
    result = CliRunner().invoke(app, ["glossary", "merge", str(sheet), "-g", str(glossary)])
    assert result.exit_code == 2 and "write y or n" in result.output
    assert glossary.read_bytes() == before
    sheet.write_text("rank\taccept\tzh\ten\n1\ty\t叶文洁\tYe Wenjie\n2\t\t汪淼\tWang\n", encoding="utf-8")
    assert [r["zh"] for r in accepted(sheet)[0]] == ["叶文洁"]


def test_extract_command_writes_a_tsv_and_refuses_to_overwrite(tmp_path):
    from align.cli.app import app

    bitext = tmp_path / "small.jsonl"
    _small_bitext().write(str(bitext))
    out = tmp_path / "candidates.tsv"
    result = CliRunner().invoke(app, ["glossary", "extract", str(bitext), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("rank\taccept\tzh\ten") and any("叶文洁\tYe Wenjie" in line for line in lines)
    again = CliRunner().invoke(app, ["glossary", "extract", str(bitext), "-o", str(out)])
    assert again.exit_code == 3


def test_a_reviewed_sheet_saved_as_csv_is_read(tmp_path):
    sheet = tmp_path / "candidates.csv"
    sheet.write_text("rank;accept;zh;en;kind\n1;Y;叶文洁;Ye Wenjie;name\n2;n;汪淼;Wang;name\n", encoding="utf-8-sig")
    termbase = TermBase([Concept(zh="三体", en="Three-Body")])
    from glossary.extraction.table import merge

    report = merge(sheet, termbase)
    assert [c.zh[0] for c in report.added] == ["叶文洁"] and report.rejected == 1 and len(termbase) == 2


def test_a_second_rendering_the_text_uses_is_noted(lexicon):
    rows = [("工业互联网平台很重要。", "The industrial Internet platform matters."),
            ("我们建设工业互联网平台。", "We build the industrial Internet platform."),
            ("工业互联网平台发展快。", "The industrial Internet platform grows fast."),
            ("工业互联网平台在增长。", "The Industrial Internet Platform is growing."),
            ("工业互联网平台已上线。", "The IIoT hub is online."),
            ("他们关闭了工业互联网平台。", "They closed the IIoT hub."),
            ("新的工业互联网平台。", "A new IIoT hub.")]
    bitext = Bitext(beads=[Bead((i,), (i,), zh, en, id=str(i + 1)) for i, (zh, en) in enumerate(rows)])
    (first, *_) = [c for c in extract(bitext, lexicon=lexicon) if c.zh == "工业互联网平台"]
    assert first.en.lower().endswith("internet platform") and "'IIoT hub' (3)" in first.note and "'hub'" not in first.note
