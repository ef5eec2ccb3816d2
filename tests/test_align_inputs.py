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
