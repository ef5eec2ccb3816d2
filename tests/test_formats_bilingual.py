"""XLIFF (1.2 and 2.x) and PO as bitexts: our files round-trip, translate-toolkit reads ours and we read its,
and the commands that take bitexts take them."""

from __future__ import annotations

import json
import warnings

import pytest

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.formats import ReadWarning, convert, read_bitext, write_bitext

BEADS = [
    Bead((0,), (0,), "今天天气很好。", "The weather is fine today.", 0.97, ("length", "lexical"), "1", {"zh-paragraph": "0"}),
    Bead((1, 2), (1,), "我们去公园。散步吧。", "Let us walk in the park.", 0.61, ("merge",), "2"),
    Bead((3,), (), "这句没有译文。", "", 0.4, ("omission",), "3"),
    Bead((), (2,), "", "An added sentence & <tags>.", None, (), "4"),
]


def _bitext() -> Bitext:
    return Bitext(beads=list(BEADS), zh_name="a.zh.txt", en_name="a.en.txt", zh_lang="zh-CN", en_lang="en")


@pytest.mark.parametrize("suffix", [".xlf", ".po"])
def test_our_files_round_trip_beads_ids_confidence_and_meta(tmp_path, suffix):
    path = tmp_path / f"x{suffix}"
    assert write_bitext(_bitext(), path) == 4
    back = read_bitext(path)
    assert [(b.zh_ids, b.en_ids, b.zh_text, b.en_text, b.confidence, b.reasons, b.id) for b in back.beads] == [
        (b.zh_ids, b.en_ids, b.zh_text, b.en_text, b.confidence, b.reasons, b.id) for b in BEADS
    ]
    assert back.beads[0].meta == {"zh-paragraph": "0"}
    assert back.zh_lang == "zh-CN"


def test_translate_toolkit_reads_our_xliff_and_po(tmp_path):
    from translate.storage import factory

    for suffix in (".xlf", ".po"):
        write_bitext(_bitext(), tmp_path / f"x{suffix}")
        store = factory.getobject(str(tmp_path / f"x{suffix}"))
        units = [(u.source, u.target) for u in store.units if not u.isheader() and u.source]
        assert units[:2] == [(b.zh_text, b.en_text) for b in BEADS[:2]], suffix
    xliff = factory.getobject(str(tmp_path / "x.xlf"))
    assert xliff.getsourcelanguage() == "zh-CN" and xliff.gettargetlanguage() == "en"


def test_we_read_what_translate_toolkit_writes(tmp_path):
    from translate.storage import po, xliff

    store = xliff.xlifffile(sourcelanguage="en", targetlanguage="zh-CN")
    for source, target in (("Save the file.", "保存文件。"), ("Open a window.", "打开窗口。"), ("Not yet translated.", None)):
        unit = store.addsourceunit(source)
        if target:
            unit.target = target
    (tmp_path / "tt.xlf").write_bytes(bytes(store))
    catalog = po.pofile()
    catalog.updateheader(add=True, Language="zh_CN")
    for source, target in (("Save the file.", "保存文件。"), ("Close it.", "关闭它。")):
        catalog.addsourceunit(source).target = target
    (tmp_path / "tt.po").write_bytes(bytes(catalog))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from_xliff = read_bitext(tmp_path / "tt.xlf")
    assert [(b.zh_text, b.en_text, b.zh_ids, b.en_ids) for b in from_xliff.beads] == [
        ("保存文件。", "Save the file.", (0,), (0,)), ("打开窗口。", "Open a window.", (1,), (1,))
    ]
    assert any(issubclass(w.category, ReadWarning) and "1 unit(s) without a translation" in str(w.message) for w in caught)
    from_po = read_bitext(tmp_path / "tt.po")
    assert [(b.zh_text, b.en_text) for b in from_po.beads] == [("保存文件。", "Save the file."), ("关闭它。", "Close it.")]


def test_xliff_2_with_inline_codes(tmp_path):
    path = tmp_path / "v2.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-TW" trgLang="en-US">'
        '<file id="f1"><unit id="u1"><segment><source>按<pc id="1">保存</pc>鍵<ph id="2"/>。</source>'
        '<target>Press <pc id="1">Save</pc><ph id="2"/>.</target></segment>'
        '<segment><source>完成了。</source><target>Done.</target></segment></unit></file></xliff>',
        encoding="utf-8",
    )
    bitext = read_bitext(path)
    assert [(b.id, b.zh_text, b.en_text) for b in bitext.beads] == [("u1.1", "按保存鍵。", "Press Save."), ("u1.2", "完成了。", "Done.")]
    assert (bitext.zh_lang, bitext.en_lang) == ("zh-TW", "en-US")


def test_convert_score_and_glossary_check_take_xliff(tmp_path):
    from typer.testing import CliRunner

    from align.cli import app

    write_bitext(_bitext(), tmp_path / "x.xlf")
    assert convert(tmp_path / "x.xlf", tmp_path / "x.tmx", min_confidence=0, keep_omissions=True) == 4
    assert [b.zh_ids for b in read_bitext(tmp_path / "x.tmx").beads] == [b.zh_ids for b in BEADS]
    runner = CliRunner()
    scored = runner.invoke(app, ["score", str(tmp_path / "x.xlf"), "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.output)
    checked = runner.invoke(app, ["glossary", "check", str(tmp_path / "x.xlf"), "--json", "--fail-on", "never"])
    assert checked.exit_code == 0, checked.output


def test_bad_bilingual_files_are_refused(tmp_path):
    (tmp_path / "bad.xlf").write_text("<xliff version='1.2'><file><body><trans-unit>", encoding="utf-8")
    with pytest.raises(InputError, match="malformed XLIFF"):
        read_bitext(tmp_path / "bad.xlf")
    (tmp_path / "english.po").write_text('msgid "Hello"\nmsgstr "Bonjour"\n', encoding="utf-8")
    with pytest.raises(InputError, match="neither side is Chinese"):
        read_bitext(tmp_path / "english.po")
    (tmp_path / "broken.po").write_text('msgid "unterminated\n', encoding="utf-8")
    with pytest.raises(InputError, match="broken.po"):
        read_bitext(tmp_path / "broken.po")


def test_realign_turns_paragraph_segments_into_sentence_beads(tmp_path, monkeypatch):
    import contextlib
    import io
    import sys

    from align.cli import main

    paragraphs = [
        Bead((0,), (0,), "今天天气很好。我们去公园散步。", "The weather is fine today. We go for a walk in the park.", None, (), "p1"),
        Bead((1,), (1,), "公园里有很多人。孩子们在玩耍。", "There are many people in the park. The children are playing.", None, (), "p2"),
    ]
    write_bitext(Bitext(beads=paragraphs, zh_lang="zh-TW", en_lang="en-GB"), tmp_path / "paragraphs.xlf")
    monkeypatch.setattr(sys, "argv", ["bitext", "align", "--realign", str(tmp_path / "paragraphs.xlf"), "-o", str(tmp_path / "s.tmx"),
                                      "--fast", "--quiet", "--json"])
    with contextlib.redirect_stdout(io.StringIO()):
        with pytest.raises(SystemExit) as stop:
            main()
    assert stop.value.code in (0, None)
    beads = read_bitext(tmp_path / "s.tmx").beads
    assert [(b.zh_text, b.en_text) for b in beads] == [
        ("今天天气很好。", "The weather is fine today."),
        ("我们去公园散步。", "We go for a walk in the park."),
        ("公园里有很多人。", "There are many people in the park."),
        ("孩子们在玩耍。", "The children are playing."),
    ]
    assert "zh-TW" in (tmp_path / "s.tmx").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".xlf", ".po"])
def test_the_signature_and_document_facts_go_through_to_tmx(tmp_path, suffix):
    bitext = _bitext()
    bitext.signature = {"bitext": "0.2.0", "mode": "fast"}
    bitext.document_score = 0.875
    bitext.details = {"paragraphs-used": "yes"}
    write_bitext(bitext, tmp_path / f"x{suffix}")
    back = read_bitext(tmp_path / f"x{suffix}")
    assert (back.signature, back.document_score, back.details) == (bitext.signature, 0.875, {"paragraphs-used": "yes"})
    assert (back.zh_name, back.en_name) == ("a.zh.txt", "a.en.txt")
    convert(tmp_path / f"x{suffix}", tmp_path / "x.tmx")
    assert read_bitext(tmp_path / "x.tmx").signature == bitext.signature
