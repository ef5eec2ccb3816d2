"""align() on bad pairs: empty side, same language, swapped order, documents that are not translations."""

from __future__ import annotations

import warnings

import pytest

from align import InputError, read_document
from align.aligner import AlignmentWarning, align


def _doc(lines, lang):
    return read_document("\n".join(lines) + "\n", lang, presplit=True)


ZH = ["今天天气很好。", "我们去公园散步。", "公园里有很多人。"]
EN = ["The weather is fine today.", "We go for a walk in the park.", "There are many people in the park."]


def test_small_translation_aligns_one_to_one_with_signature():
    bitext = align(_doc(ZH, "zh"), _doc(EN, "en"), fast=True)
    assert [(b.zh_ids, b.en_ids) for b in bitext.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert all(0.0 <= b.confidence <= 1.0 for b in bitext.beads)
    for key in ("bitext", "aligner", "mode", "cedict", "model"):
        assert key in bitext.signature
    assert bitext.signature["mode"] == "fast"


def test_empty_side_is_an_input_error():
    with pytest.raises(InputError, match="empty"):
        align(_doc(ZH, "zh"), _doc(["", "  "], "en"), fast=True)


def test_same_language_is_an_input_error():
    with pytest.raises(InputError, match="both"):
        align(_doc(EN, "en"), _doc(EN, "en"), fast=True)
    # labelled Chinese but written in English: caught from the text itself
    with pytest.raises(InputError, match="both English"):
        align(_doc(EN, "zh"), _doc(EN, "en"), fast=True)


def test_swapped_order_is_an_input_error():
    with pytest.raises(InputError, match="Chinese document must come first"):
        align(_doc(EN, "en"), _doc(ZH, "zh"), fast=True)


def test_unknown_setting_is_rejected():
    from align import UsageError

    with pytest.raises(UsageError, match="unknown alignment setting"):
        align(_doc(ZH, "zh"), _doc(EN, "en"), fast=True, windows=9)


def test_not_a_translation_is_flagged(shared_dir):
    """Seed 000 (an English article) against seed 002 (another Chinese article by the same author)."""
    seeds = shared_dir / "seeds"
    en = next(seeds.glob("000_*.txt"))
    zh = next(seeds.glob("002_*.txt"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bitext = align(read_document(zh, "zh"), read_document(en, "en"), fast=True)
    assert any(issubclass(w.category, AlignmentWarning) and "do not look like translations" in str(w.message) for w in caught)
    assert bitext.document_score < 0.25
    high = [b for b in bitext.beads if b.confidence is not None and b.confidence >= 0.9]
    assert len(high) <= 0.05 * len(bitext.beads)


def test_grossly_mismatched_sides_are_refused_with_a_pointer_to_mining():
    zh = _doc(ZH, "zh")
    en = _doc(EN * 60, "en")  # 180 English sentences for three Chinese ones
    with pytest.raises(InputError, match=r"differ about \d+x in length.*bitext mine.*--force"):
        align(zh, en, fast=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bitext = align(zh, en, fast=True, allow_mismatch=True)
    assert [j for b in bitext.beads for j in b.en_ids] == list(range(len(en)))


def test_a_page_without_stops_is_cut_into_bounded_pieces_and_still_aligns():
    from align.read.segment import MAX_CHARS

    clause = "我们今天去公园散步，看见很多人在湖边跑步，"
    zh = read_document(clause * 80 + "最后我们回家了。", "zh")
    en = read_document(("Today we walked in the park and saw many people running by the lake, " * 80) + "then we went home.", "en")
    assert max(len(s.text) for s in zh.sentences) <= MAX_CHARS["zh"] and len(zh.sentences) > 1
    assert max(len(s.text) for s in en.sentences) <= MAX_CHARS["en"]
    assert "".join(s.text for s in zh.sentences) == (clause * 80 + "最后我们回家了。")
    bitext = align(zh, en, fast=True)
    assert [i for b in bitext.beads for i in b.zh_ids] == list(range(len(zh)))


def test_long_documents_are_aligned_in_chunks_with_every_sentence_once():
    zh_lines = [f"第{k}章。他在第{k}天走进了房间，房间里有{k}本书。" for k in range(1, 61)]
    en_lines = [f"Chapter {k}. On day {k} he walked into the room, where there were {k} books." for k in range(1, 61)]
    bitext = align(_doc(zh_lines, "zh"), _doc(en_lines, "en"), fast=True, chunk_above=80, chunk_sentences=60)
    assert int(bitext.details["chunks"]) >= 2 and bitext.signature["chunk-sentences"] == "60"
    assert [(b.zh_ids, b.en_ids) for b in bitext.beads] == [((k,), (k,)) for k in range(60)]
