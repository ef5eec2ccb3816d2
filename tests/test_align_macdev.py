"""A real case: the first stretch of MAC-Dev chapters against their human gold."""

from __future__ import annotations

import pytest

from align import read_document
from align.aligner import AlignSettings, align
from align.aligner.evaluate import read_align, score


def _slice(shared_dir, chapter: str, beads: int):
    base = shared_dir / "benchmarks" / "mac-dev"
    if not base.is_dir():
        pytest.skip(f"{base} is missing")
    gold = read_align(base / "gold" / f"{chapter}.align")[:beads]
    nz = max(i for s, _ in gold for i in s) + 1
    ne = max(j for _, t in gold for j in t) + 1
    zh = (base / "zh" / chapter).read_text(encoding="utf-8").splitlines()[:nz]
    en = (base / "en" / chapter).read_text(encoding="utf-8").splitlines()[:ne]
    return gold, read_document("\n".join(zh) + "\n", "zh", presplit=True), read_document("\n".join(en) + "\n", "en", presplit=True)


def _check_cover(bitext, nz, ne):
    assert [i for b in bitext.beads for i in b.zh_ids] == list(range(nz))
    assert [j for b in bitext.beads for j in b.en_ids] == list(range(ne))


@pytest.mark.parametrize("chapter", ["001", "004"])
def test_fast_mode_matches_most_gold_beads(shared_dir, chapter):
    gold, zh, en = _slice(shared_dir, chapter, 60)
    bitext = align(zh, en, fast=True)
    _check_cover(bitext, len(zh), len(en))
    s = score([gold], [[(b.zh_ids, b.en_ids) for b in bitext.beads]])
    assert s["strict"]["f1"] >= 0.8
    assert s["lax"]["f1"] >= 0.97


def test_embeddings_mode_and_confidence(shared_dir):
    gold, zh, en = _slice(shared_dir, "004", 60)
    bitext = align(zh, en)
    _check_cover(bitext, len(zh), len(en))
    test = [(b.zh_ids, b.en_ids) for b in bitext.beads]
    s = score([gold], [test])
    assert s["strict"]["f1"] >= 0.85
    assert bitext.signature["mode"] == "embed" and bitext.signature["embedding"].startswith("use-m3-")
    assert bitext.document_score >= AlignSettings().document_threshold
    gold_set = set(gold)
    confident = [b for b in bitext.beads if b.confidence >= 0.9]
    assert confident, "a clean literary chapter has confident beads"
    assert sum((b.zh_ids, b.en_ids) in gold_set for b in confident) >= 0.85 * len(confident)
    assert any("embedding" in b.reasons for b in bitext.beads)
    assert any("merge" in b.reasons for b in bitext.beads if len(b.en_ids) > 1)
