"""Units larger than a sentence: paragraphs, or blocks of consecutive sentences for a coarse first look.

A unit's material is pooled from its sentences: lengths summed, dialogue
quotes if any sentence has them, tokens pooled, embeddings of the joined
sentences (sums added). Units are aligned with fixed weights that favour 1-1
and punish length mismatch (``UNIT_WEIGHTS``): they only need to find the
rough path, the sentence search decides the beads.
"""

from __future__ import annotations

import numpy as np

from align.aligner.resources import embeddings
from align.aligner.search.band import MAX_SIDE
from align.aligner.signals import FEATURES, SideData

UNIT_WEIGHTS = {
    "cos": 4.0, "cos_min": 1.0, "len_abs": -3.0, "lex_zh": 1.5, "lex_en": 1.5, "lex_min": 0.5,
    "type_11": 1.0, "type_12": -1.0, "type_21": -1.0, "type_13": -2.0, "type_31": -2.0, "type_22": -2.0,
    "type_14": -3.0, "type_41": -3.0, "type_23": -3.0, "type_32": -3.0, "type_10": -1.5, "type_01": -1.5,
    "omit_len": -0.3,
}


def unit_weights() -> np.ndarray:
    return np.asarray([UNIT_WEIGHTS.get(name, 0.0) for name in FEATURES])


def grouped_side(side: SideData, groups: list[tuple[int, ...]] | list[range]) -> SideData:
    """One unit per group of consecutive sentences."""
    lengths = np.asarray([side.lengths[list(g)].sum() for g in groups], dtype=np.float64)
    quotes = np.asarray([side.quotes[list(g)].any() for g in groups], dtype=np.int64)
    windows = sums = None
    if side.sums is not None:
        spans = [side.sums.span(g[0], g[-1] + 1) for g in groups]
        psums = np.stack([s for s, _ in spans]).astype(np.float32)
        pcounts = np.asarray([c - 2 for _, c in spans], dtype=np.float32)
        zero = np.zeros_like(psums)
        # unit sums already hold their markers; windows of units add two more, a small bias
        sums = embeddings.SentenceSums(psums, pcounts, zero, zero)
        windows = embeddings.window_vectors(sums, MAX_SIDE)
    tokens = side.tokens
    if hasattr(tokens, "tokens"):
        tokens = type(tokens)([[tok for s in g for tok in tokens.tokens[s]] for g in groups])
    elif tokens is not None:
        tokens = type(tokens)([np.concatenate([tokens.lemmas[s] for s in g]) if len(g) else np.zeros(0, np.int32) for g in groups])
    return SideData(lengths, quotes, windows, tokens, sums=sums)


def blocks(n: int, count: int) -> list[range]:
    """``count`` runs of consecutive sentences, as equal as can be (none empty)."""
    cuts = np.linspace(0, n, min(count, n) + 1).round().astype(int)
    return [range(a, b) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]
