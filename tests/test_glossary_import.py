"""Glossaries from other tools: incomplete TBX entries, TBX 2008 martif and TBX v3, language codes, header rows,
delimiters and BOMs, and the OmegaT export."""

from __future__ import annotations

import warnings

import pytest
from typer.testing import CliRunner

from align.cli.app import app
from glossary.concept import Concept
from glossary.notices import GlossaryWarning
from glossary.termbase import TermBase

XML = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _entry(entry_id: str, langs: dict[str, str]) -> str:
    sets = "".join(f'<langSet xml:lang="{lang}"><tig><term>{term}</term></tig></langSet>' for lang, term in langs.items())
    return f'<termEntry id="{entry_id}">{sets}</termEntry>'


def _tbx(entries: str) -> str:
    return XML + f'<martif type="TBX-Basic" xml:lang="en"><martifHeader/><text><body>{entries}</body></text></martif>'


def test_tbx_entries_without_a_chinese_or_english_term_are_skipped_and_named(tmp_path):
    path = tmp_path / "multiterm.tbx"
    path.write_text(_tbx(_entry("t1", {"zh-CN": "产业互联网", "en-US": "industrial Internet"})
                         + _entry("t2", {"en-US": "digital twin"})
                         + _entry("t3", {"zh-CN": "算力"})
                         + _entry("t4", {"de-DE": "Plattform"})), encoding="utf-8")
    with pytest.warns(GlossaryWarning, match=r"skipped 3 of 4 entries.*no Chinese term: t2.*no English term: t3"):
        termbase = TermBase.read(path)
    assert [(c.zh, c.en) for c in termbase] == [(("产业互联网",), ("industrial Internet",))]

    shown = CliRunner().invoke(app, ["glossary", "show", "-g", str(path)])
    assert shown.exit_code == 0 and "skipped 3 of 4" in shown.output and "产业互联网" in shown.output


def test_a_glossary_that_lost_entries_on_reading_is_not_written_back(tmp_path):
    path = tmp_path / "multiterm.tbx"
    path.write_text(_tbx(_entry("t1", {"zh": "算力", "en": "computing power"}) + _entry("t2", {"en": "edge"})), encoding="utf-8")
    before = path.read_bytes()
    result = CliRunner().invoke(app, ["glossary", "add", "边缘计算", "edge computing", "-g", str(path)])
    assert result.exit_code == 2 and "would lose them" in result.output
    assert path.read_bytes() == before


@pytest.mark.parametrize("zh_code", ["zh", "zh-CN", "zh-Hans", "ZH-cn", "zh_CN", "zh-TW", "ZH-TW"])
@pytest.mark.parametrize("en_code", ["en", "en-US", "en-GB", "EN-gb", "EN"])
def test_tbx_language_codes_in_any_case(tmp_path, zh_code, en_code):
    path = tmp_path / "codes.tbx"
    path.write_text(_tbx(_entry("c1", {zh_code: "云計算" if "TW" in zh_code.upper() else "云计算", en_code: "cloud computing"})),
                    encoding="utf-8")
    (concept,) = TermBase.read(path)
    assert concept.en == ("cloud computing",) and concept.zh[0] in ("云计算", "云計算")


def test_tbx_2008_martif_keeps_notes_part_of_speech_status_and_definitions(tmp_path):
    path = tmp_path / "old.tbx"
    path.write_text(XML + """<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en-US"><martifHeader><fileDesc><sourceDesc><p>MultiTerm</p></sourceDesc></fileDesc></martifHeader>
<text><body>
 <termEntry id="e17">
  <descrip type="subjectField">digital economy</descrip>
  <descripGrp><descrip type="definition">Networks linking machines, people and data in industry.</descrip></descripGrp>
  <note>Approved by the editors, 2024.</note>
  <langSet xml:lang="ZH-CN"><ntig><termGrp><term>工业互联网</term><termNote type="partOfSpeech">noun</termNote></termGrp></ntig></langSet>
  <langSet xml:lang="EN-US">
   <ntig><termGrp><term>Industrial Internet</term><termNote type="normativeAuthorization">preferredTerm</termNote></termGrp></ntig>
   <ntig><termGrp><term>industry internet</term><termNote type="normativeAuthorization">deprecatedTerm</termNote></termGrp></ntig>
   <tig><term>IIoT</term><termNote type="termType">variant</termNote></tig>
  </langSet>
 </termEntry>
</body></text></martif>""", encoding="utf-8")
    (concept,) = TermBase.read(path)
    assert concept.zh == ("工业互联网",) and concept.en == ("Industrial Internet",)
    assert concept.forbidden == ("industry internet",) and concept.variants == ("IIoT",)
    assert concept.pos == "noun" and concept.domain == "digital economy" and concept.id == "e17"
    assert "definition: Networks linking machines" in concept.note and "Approved by the editors" in concept.note


def test_tbx_v3_concept_entries(tmp_path):
    path = tmp_path / "v3.tbx"
    path.write_text(XML + """<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader/><text><body><conceptEntry id="k1">
 <langSec xml:lang="zh-Hans"><termSec><term>数字孪生</term></termSec></langSec>
 <langSec xml:lang="en-GB"><termSec><term>digital twin</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry></body></text></tbx>""", encoding="utf-8")
    (concept,) = TermBase.read(path)
    assert (concept.zh, concept.en, concept.id) == (("数字孪生",), ("digital twin",), "k1")


@pytest.mark.parametrize("name, content, encoding", [
    ("a.csv", "source,target,comment\n算力,computing power,a note\n", "utf-8"),
    ("b.csv", "Term;Translation;Notes\n算力;computing power;a note\n", "utf-8-sig"),
    ("c.csv", "zh-CN\ten-US\tnote\n算力\tcomputing power\ta note\n", "utf-8"),
    ("d.csv", "English,Chinese,Comment\ncomputing power,算力,a note\n", "utf-16"),
    ("e.csv", "EN_us|ZH_cn|description\ncomputing power|算力|a note\n", "utf-8-sig"),
    ("f.tsv", "zh\ten\tnote\n算力\tcomputing power\ta note\n", "utf-8-sig"),
    ("g.txt", "source\ttarget\tcomment\n算力\tcomputing power\ta note\n", "utf-8"),
    ("h.csv", "算力,computing power,a note\n", "gb18030"),
    ("i.xlsx", None, None),
])
def test_header_rows_delimiters_and_boms_of_other_tools(tmp_path, name, content, encoding):
    path = tmp_path / name
    if content is None:
        from openpyxl import Workbook

        book = Workbook()
        book.active.append(["Source Term", "Target Term", "Comments"])
        book.active.append(["算力", "computing power", "a note"])
        book.save(path)
    else:
        path.write_bytes(content.encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GlossaryWarning)
        concepts = list(TermBase.read(path))
    assert [(c.zh, c.en, c.note) for c in concepts] == [(("算力",), ("computing power",), "a note")]


def test_an_english_to_chinese_omegat_file_is_turned_round_with_a_warning(tmp_path):
    path = tmp_path / "en-zh.txt"
    path.write_text("computing power\t算力\nedge computing\t边缘计算\n", encoding="utf-8")
    with pytest.warns(GlossaryWarning, match="source column holds English"):
        termbase = TermBase.read(path)
    assert [c.zh[0] for c in termbase] == ["算力", "边缘计算"]


def test_omegat_export_has_no_header_and_never_offers_a_forbidden_rendering(tmp_path):
    termbase = TermBase([Concept(zh="我国 | 中国", en="China", forbidden="my country | our country", note="not a possessive"),
                         Concept(zh="新基建", en="new infrastructure", variants="new-type infrastructure")])
    source = tmp_path / "terms.tsv"
    termbase.write(source)
    result = CliRunner().invoke(app, ["glossary", "convert", str(source), str(tmp_path / "project.tsv"), "--to", "omegat"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "project.txt"
    assert "OmegaT 3.6 reads glossaries named .txt" in result.output
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:2] == ["我国", "China"] and not any(line.startswith("#") for line in lines)
    assert all(len(line.split("\t")) <= 3 for line in lines)
    assert not any(line.split("\t")[1] in ("my country", "our country") for line in lines)
    assert "forbidden: my country | our country" in lines[0]
    again = TermBase.read(written)
    assert [(c.zh, c.en, c.forbidden, c.variants, c.note) for c in again] == [
        (("我国", "中国"), ("China",), ("my country", "our country"), (), "not a possessive"),
        (("新基建",), ("new infrastructure",), (), ("new-type infrastructure",), "")]
