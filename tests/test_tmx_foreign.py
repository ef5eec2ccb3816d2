"""Other tools' TMX kept whole: read, converted and written back with their notes, props, dates and source language.

The files: ``tests/data/tmx/`` holds hand-made memories in the shapes Trados Studio
(``trados.tmx``), memoQ (``memoq.tmx``, EN→ZH) and OmegaT's ``project_save.tmx``
(``omegat-project_save.tmx``: tuv dates, ``<note>``, alternative translations'
``file``/``prev``/``next`` props) write; translate-toolkit's ``po2tmx`` and OmegaT
itself write theirs during the test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from lxml import etree

from align.core.errors import InputError
from align.formats import ExportWarning, ReadWarning, convert, read_bitext, write_bitext
from align.formats.tmx import read_tmx, validate_tmx

DATA = Path(__file__).parent / "data" / "tmx"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OURS = {"x-zh-ids", "x-en-ids"}  # the props bitext adds to every unit


def _lang(tuv) -> str:
    return (tuv.get(XML_LANG) or tuv.get("lang")).lower().replace("_", "-")


def _inner(seg) -> str:
    return (seg.text or "") + "".join(etree.tostring(child, encoding="unicode", with_tail=True) for child in seg)


def units(path: Path) -> list[dict]:
    """Every unit as plain data: attributes, props, notes, and per language the tuv's attributes, props, notes, seg."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True))
    found = []
    for tu in tree.iterfind("body/tu"):
        tuvs = {}
        for tuv in tu.iterfind("tuv"):
            tuvs[_lang(tuv)] = {
                "attrs": {k: v for k, v in tuv.attrib.items() if k not in (XML_LANG, "lang")},
                "props": [(p.get("type"), p.text or "") for p in tuv.iterfind("prop")],
                "notes": [n.text for n in tuv.iterfind("note")],
                "seg": _inner(tuv.find("seg")).strip(),
            }
        found.append({
            "attrs": {k: v for k, v in tu.attrib.items() if k != "tuid"},
            "props": sorted((p.get("type"), p.text or "") for p in tu.iterfind("prop") if p.get("type") not in OURS),
            "notes": [n.text for n in tu.iterfind("note")],
            "tuvs": tuvs,
            "order": [_lang(tuv) for tuv in tu.iterfind("tuv")],
        })
    return found


def header(path: Path) -> tuple[dict, list, list]:
    head = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).find("header")
    attrs = {k: (v.lower() if k == "srclang" else v) for k, v in head.attrib.items() if k not in ("creationtool", "creationtoolversion")}
    return attrs, [(p.get("type"), p.text or "") for p in head.iterfind("prop")], [n.text for n in head.iterfind("note")]


def assert_kept_whole(original: Path, written: Path) -> None:
    assert validate_tmx(written) == []
    before, after = units(original), units(written)
    assert before == after
    attrs, props, notes = header(original)
    attrs_after, props_after, notes_after = header(written)
    assert attrs.items() <= attrs_after.items()  # o-tmf, srclang, dates, datatype, segtype as they were
    assert [p for p in props_after if p in props] == props and notes_after == notes


@pytest.mark.parametrize("name", ["trados.tmx", "memoq.tmx", "omegat-project_save.tmx"])
def test_a_tmx_converted_to_tmx_keeps_everything(tmp_path, name):
    convert(DATA / name, tmp_path / "out.tmx")
    assert_kept_whole(DATA / name, tmp_path / "out.tmx")


@pytest.mark.parametrize("name", ["trados.tmx", "memoq.tmx", "omegat-project_save.tmx"])
def test_through_jsonl_and_back_nothing_is_lost(tmp_path, name):
    convert(DATA / name, tmp_path / "x.jsonl")
    convert(tmp_path / "x.jsonl", tmp_path / "back.tmx")
    assert_kept_whole(DATA / name, tmp_path / "back.tmx")


def test_what_is_read_from_memoq(tmp_path):
    bitext = read_tmx(DATA / "memoq.tmx")
    first, second = bitext
    assert (first.zh_text, first.en_text) == ("网关采集数据。", "The gateway collects data.")
    assert first.meta["document"] == "manual.docx" and first.meta["context-post"] == ""
    kept = first.extra["tmx"]
    assert kept["attrs"] == {"changedate": "20230105T120000Z", "creationdate": "20230105T115900Z",
                             "creationid": "translator1", "changeid": "reviewer1"}
    assert {"type": "corrected", "text": "no"} in kept["props"]
    assert second.meta["note"] == "Term checked against the client glossary"
    assert bitext.extra["tmx"]["attrs"]["o-tmf"] == "MemoQTM"
    assert ("targetlang", "zh-CN") in [(p["type"], p["text"]) for p in bitext.extra["tmx"]["props"]]


def test_an_en_to_zh_memory_stays_en_to_zh_unless_asked(tmp_path):
    convert(DATA / "memoq.tmx", tmp_path / "same.tmx")
    tree = etree.parse(str(tmp_path / "same.tmx"))
    assert tree.find("header").get("srclang") == "en-US"
    assert [_lang(t) for t in tree.find("body/tu").iterfind("tuv")] == ["en-us", "zh-cn"]
    with pytest.warns(ExportWarning, match="source language was en-us; written with the Chinese side as source"):
        convert(DATA / "memoq.tmx", tmp_path / "swapped.tmx", source_lang="zh")
    tree = etree.parse(str(tmp_path / "swapped.tmx"))
    assert tree.find("header").get("srclang") == "zh-CN"
    assert [_lang(t) for t in tree.find("body/tu").iterfind("tuv")] == ["zh-cn", "en-us"]


def test_inline_codes_survive_and_the_text_is_read_without_them(tmp_path):
    bitext = read_tmx(DATA / "trados.tmx")
    assert (bitext[0].zh_text, bitext[0].en_text) == ("按开始以启动。", "Press Start to begin.")
    # a changed text cannot keep markup that no longer fits it: written as the text
    bitext.beads[0] = bitext[0].with_(en_text="Press Start.")
    write_bitext(bitext, tmp_path / "edited.tmx")
    segs = units(tmp_path / "edited.tmx")[0]["tuvs"]
    assert segs["en-us"]["seg"] == "Press Start." and "<bpt" in segs["zh-cn"]["seg"]


def test_our_notes_are_tmx_notes(tmp_path):
    from exports_sample import sample_bitext

    write_bitext(sample_bitext(), tmp_path / "x.tmx")
    tu = etree.parse(str(tmp_path / "x.tmx")).find("body/tu[@tuid='2']")
    assert [n.text for n in tu.iterfind("note")] == ["check 3.5%"]
    assert "x-note" not in [p.get("type") for p in tu.iterfind("prop")]
    assert read_tmx(tmp_path / "x.tmx")[1].meta["note"] == "check 3.5%"


def test_a_tmx_from_po2tmx_keeps_its_notes_and_english_source(tmp_path):
    po2tmx = Path(sys.executable).parent / "po2tmx"
    if not po2tmx.exists():
        pytest.skip("translate-toolkit's po2tmx is not installed")
    (tmp_path / "app.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: src/app.c:12\nmsgid "Save the file"\nmsgstr "保存文件"\n\n'
        'msgid "Quit"\nmsgstr "退出"\n', encoding="utf-8")
    subprocess.run([str(po2tmx), "-l", "zh_CN", "--comments=source", str(tmp_path / "app.po"), str(tmp_path / "tt.tmx")],
                   check=True, capture_output=True)
    bitext = read_tmx(tmp_path / "tt.tmx")
    assert [(b.en_text, b.zh_text) for b in bitext] == [("Save the file", "保存文件"), ("Quit", "退出")]
    assert bitext[0].meta["note"] == "src/app.c:12"
    convert(tmp_path / "tt.tmx", tmp_path / "out.tmx")
    assert_kept_whole(tmp_path / "tt.tmx", tmp_path / "out.tmx")
    from translate.storage import tmx  # and translate-toolkit reads ours as it wrote its own: English source

    store = tmx.tmxfile.parsefile(str(tmp_path / "out.tmx"))
    assert [(u.source, u.target) for u in store.units] == [("Save the file", "保存文件"), ("Quit", "退出")]


@pytest.mark.skipif(shutil.which("omegat") is None, reason="omegat is not on PATH")
def test_a_tmx_written_by_omegat_round_trips(tmp_path):
    from test_omegat import make_project, translate

    root = tmp_path / "project"
    make_project(root, {})
    translate(root, tmp_path)
    written = root / "project-level2.tmx"  # OmegaT's own export (TMX 1.4, with its header)
    convert(written, tmp_path / "out.tmx")
    assert_kept_whole(written, tmp_path / "out.tmx")
    assert header(tmp_path / "out.tmx")[0]["o-tmf"] == "OmegaT TMX"


# --- encodings and hostile files -------------------------------------------

def test_a_latin1_declaration_over_utf8_bytes_is_read_as_utf8_and_said(tmp_path):
    text = (DATA / "memoq.tmx").read_text(encoding="utf-8").replace('encoding="utf-8"', 'encoding="ISO-8859-1"')
    path = tmp_path / "mislabelled.tmx"
    path.write_bytes(text.encode("utf-8"))
    with pytest.warns(ReadWarning, match="declaration says ISO-8859-1 but the text is UTF-8; read as UTF-8"):
        bitext = read_bitext(path)
    assert bitext[0].zh_text == "网关采集数据。"


def test_a_real_latin1_tmx_is_read_as_declared(tmp_path):
    text = (DATA / "memoq.tmx").read_text(encoding="utf-8").replace('encoding="utf-8"', 'encoding="ISO-8859-1"')
    text = text.replace("网关采集数据。", "&#32593;&#20851;").replace("Edge computing", "Café computing")
    text = text.replace("边缘计算降低时延。", "&#36793;")
    path = tmp_path / "latin1.tmx"
    path.write_bytes(text.encode("latin-1"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ReadWarning)
        bitext = read_bitext(path)
    assert bitext[1].en_text == "Café computing reduces latency." and bitext[0].zh_text == "网关"


def test_billion_laughs_is_not_expanded(tmp_path):
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "laughs.tmx"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [{entities}]>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/>'
        '<body><tu><tuv xml:lang="zh-CN"><seg>笑&a9;</seg></tuv><tuv xml:lang="en"><seg>laugh</seg></tuv></tu></body></tmx>',
        encoding="utf-8")
    try:  # libxml2 either leaves the entity unexpanded or stops at its amplification limit: never 10^9 "ha"
        bitext = read_tmx(path)
    except InputError as error:
        assert "malformed TMX at line 1" in str(error) and "amplification" in str(error)
    else:
        assert len(bitext[0].zh_text) < 100
