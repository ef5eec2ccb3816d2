"""TMX 1.4b: DTD-valid output, lossless round trip, other tools' TMX variants, bad input."""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError, OutputExistsError, UsageError
from align.formats import ExportWarning, ReadWarning, convert, read_bitext, write_bitext
from align.formats.tmx import TmxReader, dtd_path, read_tmx, validate_tmx, write_tmx

from exports_sample import same_beads, sample_bitext

EVERY = {"min_confidence": 0.0, "keep_omissions": True}  # a memory of every bead, for the round trips


def assert_valid(path: Path) -> etree._ElementTree:
    """The check the issue asks for, spelled out: lxml DTD validation against the shipped DTD."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    with open(dtd_path(), "rb") as handle:
        dtd = etree.DTD(handle)
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    assert validate_tmx(path) == []
    return tree


def test_written_tmx_is_valid_and_complete(tmp_path):
    out = tmp_path / "x.tmx"
    assert write_bitext(sample_bitext(), out, **EVERY) == 5
    tree = assert_valid(out)
    header = tree.find("header")
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attribute), attribute
    assert header.get("creationtool") == "bitext" and header.get("srclang") == "zh-CN"
    assert header.get("creationdate").endswith("Z") and len(header.get("creationdate")) == 16
    props = {p.get("type"): p.text for p in header.findall("prop")}
    assert props["x-bitext-signature"] == "aligner:bitext-hier|model:cedict+len|version:0.1.0|note:a|b:c"
    assert props["x-zh-document"] == "report.zh.txt" and props["x-document-score"] == "0.88"
    assert props["x-detail-paragraphs-used"] == "yes" and props["x-detail-source"] == '<web> & "quotes"'
    assert "format:tmx" in props["x-export"]
    units = tree.findall("body/tu")
    assert [u.get("tuid") for u in units] == ["1", "2", "3", "4", "5"]
    first = {p.get("type"): p.text for p in units[0].findall("prop")}
    assert first["x-confidence"] == "0.97" and first["x-zh-ids"] == "0" and first["x-zh-paragraph"] == "0"
    # an omission keeps only the side it has: no empty target for a CAT tool to learn
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in units[2].findall("tuv")] == ["zh-CN"]
    # text goes only inside <seg>: whitespace, markup characters and line breaks survive
    assert units[4].find("tuv/seg").text == "  前后有空格\t制表符  "


def test_round_trip_is_lossless(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    original = sample_bitext()
    write_tmx(original, tmp_path / "a.tmx", **EVERY)
    back = read_tmx(tmp_path / "a.tmx")
    assert same_beads(original, back)
    assert back.signature == original.signature
    assert back.details == original.details
    assert (back.zh_name, back.en_name, back.zh_lang, back.en_lang, back.document_score) == (
        "report.zh.txt", "report.en.txt", "zh-CN", "en", 0.88)
    write_tmx(back, tmp_path / "b.tmx", **EVERY)
    assert (tmp_path / "a.tmx").read_bytes() == (tmp_path / "b.tmx").read_bytes()
    assert Bitext.read(tmp_path / "b.tmx").beads[1].confidence == 0.62


def test_translate_toolkit_reads_the_same_pairs(tmp_path):
    from translate.storage import tmx

    bitext = sample_bitext()
    out = tmp_path / "x.tmx"
    bitext.to_tmx(out, **EVERY)
    store = tmx.tmxfile.parsefile(str(out))
    pairs = [(u.source, u.target) for u in store.units if u.getid() in ("1", "2", "5")]
    assert pairs == [(b.zh_text, b.en_text) for b in bitext.beads if b.id in ("1", "2", "5")]
    assert store.units[0].getlanguageNodes()[0].get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"


def test_xml_illegal_characters_are_removed_with_a_warning_naming_the_bead(tmp_path):
    bitext = Bitext(beads=[Bead((0,), (0,), "控制\x07字符\x1b", "bell\x00 char\ufffe", 0.9, (), "b-17")])
    with pytest.warns(ExportWarning) as caught:
        write_bitext(bitext, tmp_path / "c.tmx")
    assert [str(w.message) for w in caught] == [
        "bead b-17: removed 2 XML-illegal character(s) (U+0007, U+001B) from the Chinese text",
        "bead b-17: removed 2 XML-illegal character(s) (U+0000, U+FFFE) from the English text",
    ]
    assert_valid(tmp_path / "c.tmx")
    back = read_tmx(tmp_path / "c.tmx")
    assert (back[0].zh_text, back[0].en_text) == ("控制字符", "bell char")


def test_languages_and_script_conversion_on_request(tmp_path):
    bitext = sample_bitext()
    write_bitext(bitext, tmp_path / "t.tmx", zh_output="traditional", **EVERY)
    back = read_tmx(tmp_path / "t.tmx")
    assert back.zh_lang == "zh-TW" and back[0].zh_text.startswith("工業互聯網")
    write_bitext(bitext, tmp_path / "h.tmx", zh_lang="zh_hant", **EVERY)
    assert read_tmx(tmp_path / "h.tmx").zh_lang == "zh-Hant"
    assert read_tmx(tmp_path / "h.tmx")[2].zh_text == "這句話沒有翻譯。"  # original script by default
    write_bitext(bitext, tmp_path / "s.tmx", zh_output="simplified", **EVERY)
    assert read_tmx(tmp_path / "s.tmx")[2].zh_text == "这句话没有翻译。"
    with pytest.raises(UsageError, match="not a Chinese language code"):
        write_bitext(bitext, tmp_path / "bad.tmx", zh_lang="fr")
    assert not (tmp_path / "bad.tmx").exists()


def test_min_confidence_filters_and_keeps_unknown(tmp_path):
    write_bitext(sample_bitext(), tmp_path / "f.tmx", min_confidence=0.5, keep_omissions=True)
    assert [b.id for b in read_tmx(tmp_path / "f.tmx")] == ["1", "2", "4"]
    write_bitext(sample_bitext(), tmp_path / "g.tmx", min_confidence=0.6)  # one-sided bead 4 left out by default
    assert [b.id for b in read_tmx(tmp_path / "g.tmx")] == ["1", "2"]


def test_never_overwrites_without_force(tmp_path):
    out = tmp_path / "x.tmx"
    out.write_text("keep me")
    with pytest.raises(OutputExistsError):
        write_bitext(sample_bitext(), out)
    assert out.read_text() == "keep me"
    write_bitext(sample_bitext(), out, force=True)
    assert_valid(out)


def test_streams_beads_from_a_generator(tmp_path):
    def beads():
        for i in range(2000):
            yield Bead((i,), (i,), f"第{i}句。", f"Sentence {i}.", 0.5, (), str(i + 1))

    out = tmp_path / "g.tmx"
    assert write_tmx(Bitext(beads=beads()), out) == 2000
    reader = TmxReader(out)
    assert sum(1 for _ in reader.beads()) == 2000 and reader.header["srclang"] == "zh-CN"


# --- TMX written by other tools ---------------------------------------------

TMX11 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" creationtoolversion="1" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="ZH-CN" datatype="plaintext"/>
  <body>
    <tu><tuv lang="ZH-CN"><seg>你好。</seg></tuv><tuv lang="EN-US"><seg>Hello.</seg></tuv></tu>
    <tu><tuv lang="zh_CN"><seg>再见<ph x="1">&lt;br/&gt;</ph>。</seg></tuv><tuv lang="en"><seg>Good<bpt i="1">&lt;b&gt;</bpt>bye<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>
  </body>
</tmx>
"""

THREE = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext"/>
<body>
<tu tuid="a"><tuv xml:lang="en-US"><seg>Thank you.</seg></tuv><tuv xml:lang="ja-JP"><seg>ありがとう。</seg></tuv><tuv xml:lang="zh-CHS"><seg>谢谢。</seg></tuv><tuv xml:lang="zh-CHT"><seg>謝謝。</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="en-US"><seg>Yes.</seg></tuv><tuv xml:lang="ja-JP"><seg>はい。</seg></tuv><tuv xml:lang="zh-CHS"><seg>是。</seg></tuv></tu>
</body></tmx>
"""


def test_reads_tmx_1_1_lang_and_inline_codes(tmp_path):
    path = tmp_path / "old.tmx"
    path.write_text(TMX11, encoding="utf-8")
    bitext = read_bitext(path)
    assert [(b.zh_text, b.en_text) for b in bitext] == [("你好。", "Hello."), ("再见。", "Goodbye.")]
    assert bitext.zh_lang == "zh-CN" and bitext.en_lang == "en-US"
    assert [b.zh_ids for b in bitext] == [(0,), (1,)]


def test_three_language_tmx_picks_chinese_and_english_and_says_what_it_left(tmp_path):
    path = tmp_path / "three.tmx"
    path.write_text(THREE, encoding="utf-8")
    with pytest.warns(ReadWarning, match=r"ignored ja-JP \(2 units\), zh-Hant \(1 units\)"):
        bitext = read_tmx(path)
    assert [(b.id, b.zh_text, b.en_text) for b in bitext] == [("a", "谢谢。", "Thank you."), ("b", "是。", "Yes.")]
    assert bitext.zh_lang == "zh-Hans"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        traditional = read_tmx(path, zh_lang="zh_CHT")
    assert [(b.zh_text, b.en_text) for b in traditional] == [("謝謝。", "Thank you."), ("", "Yes.")]


def test_a_tmx_without_chinese_is_refused(tmp_path):
    path = tmp_path / "defr.tmx"
    path.write_text(THREE.replace("zh-CHS", "de").replace("zh-CHT", "fr"), encoding="utf-8")
    with pytest.raises(InputError, match=r"no Chinese <tuv> in 2 units \(languages: de, en-US, fr, ja-JP\)"):
        read_tmx(path)


def test_truncated_tmx_gives_line_number_and_writes_nothing(tmp_path):
    good = tmp_path / "good.tmx"
    write_tmx(sample_bitext(), good)
    text = good.read_text(encoding="utf-8")
    truncated = tmp_path / "cut.tmx"
    truncated.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InputError, match=r"cut.tmx: malformed TMX at line \d+: "):
        read_bitext(truncated)
    with pytest.raises(InputError, match="malformed TMX"):
        convert(truncated, tmp_path / "out.jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cut.tmx", "good.tmx"]  # no output, no temp file


def test_not_tmx_and_missing_file(tmp_path):
    path = tmp_path / "x.tmx"
    path.write_text("<html><body>hi</body></html>")
    with pytest.raises(InputError, match=r"not a TMX file \(root element <html>"):
        read_tmx(path)
    with pytest.raises(InputError, match="no such file"):
        read_tmx(tmp_path / "missing.tmx")


def test_no_entity_expansion_and_no_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    path = tmp_path / "evil.tmx"
    path.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body><tu><tuv xml:lang="zh-CN"><seg>秘密&xxe;&lol2;</seg></tuv><tuv xml:lang="en"><seg>secret</seg></tuv></tu></body></tmx>
""",
        encoding="utf-8",
    )
    bitext = read_tmx(path)
    assert "TOP-SECRET" not in bitext[0].zh_text and "lol" not in bitext[0].zh_text
    assert bitext[0].zh_text.startswith("秘密")


def test_segtype_and_meta_clash(tmp_path):
    bitext = replace(sample_bitext(), signature={"unit": "paragraph"})
    write_tmx(bitext, tmp_path / "p.tmx", **EVERY)
    tree = assert_valid(tmp_path / "p.tmx")
    assert tree.find("header").get("segtype") == "paragraph"
    last = {p.get("type"): p.text for p in tree.findall("body/tu")[4].findall("prop")}
    assert last["x-confidence"] == "0.0" and last["x-meta-confidence"] == "clashes with a reserved name"


def test_bad_property_value_names_the_line_and_unit(tmp_path):
    path = tmp_path / "bad.tmx"
    write_tmx(sample_bitext(), path)
    path.write_text(path.read_text(encoding="utf-8").replace(">0.62<", ">sixty<"), encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.tmx: line \d+: <tu tuid='2'>: confidence must be a number between 0 and 1, got 'sixty'"):
        read_tmx(path)


def test_language_label_follows_the_tuvs_actually_read(tmp_path):
    path = tmp_path / "variants.tmx"
    path.write_text(THREE.replace('srclang="en-US"', 'srclang="zh-CN"'), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert read_tmx(path).zh_lang == "zh-Hans"  # srclang says zh-CN but the units say zh-CHS
        assert read_tmx(path, zh_lang="zh-cht").zh_lang == "zh-Hant"
