"""Paragraph alignment: align paragraphs first, then sentences inside each aligned group.

Paragraphs become units (summed embeddings, pooled tokens, summed lengths) and
go through the same search with fixed weights that favour 1-1 and punish
length mismatch. The result is used only when it looks sound; otherwise the
caller aligns sentences over the whole document (``None`` is returned).
"""

from __future__ import annotations

import numpy as np

from align.aligner.resources import embeddings
from align.aligner.search.anchors import choose_band
from align.aligner.search.band import MAX_SIDE
from align.aligner.search.scoring import StretchSearch
from align.aligner.settings import BEAD_TYPES, AlignSettings
from align.aligner.signals import FEATURES, SideData

PARAGRAPH_WEIGHTS = {
    "cos": 4.0, "cos_min": 1.0, "len_abs": -3.0, "lex_zh": 1.5, "lex_en": 1.5, "lex_min": 0.5,
    "type_11": 1.0, "type_12": -1.0, "type_21": -1.0, "type_13": -2.0, "type_31": -2.0, "type_22": -2.0,
    "type_14": -3.0, "type_41": -3.0, "type_23": -3.0, "type_32": -3.0, "type_10": -1.5, "type_01": -1.5,
    "omit_len": -0.3,
}


def paragraph_side(side: SideData, groups: list[tuple[int, ...]], sums=None) -> SideData:
    lengths = np.asarray([side.lengths[list(g)].sum() for g in groups], dtype=np.float64)
    quotes = np.asarray([side.quotes[list(g)].any() for g in groups], dtype=np.int64)
    windows = None
    if sums is not None:
        spans = [sums.span(g[0], g[-1] + 1) for g in groups]
        psums = np.stack([s for s, _ in spans]).astype(np.float32)
        pcounts = np.asarray([c - 2 for _, c in spans], dtype=np.float32)
        zero = np.zeros_like(psums)
        # paragraph sums already hold their markers; windows of paragraphs add two more, a small bias
        windows = embeddings.window_vectors(embeddings.SentenceSums(psums, pcounts, zero, zero), MAX_SIDE)
    tokens = side.tokens
    if hasattr(tokens, "tokens"):
        tokens = type(tokens)([[tok for s in g for tok in tokens.tokens[s]] for g in groups])
    elif tokens is not None:
        tokens = type(tokens)([np.concatenate([tokens.lemmas[s] for s in g]) if g else np.zeros(0, np.int32) for g in groups])
    return SideData(lengths, quotes, windows, tokens)


def align_paragraphs(zh: SideData, en: SideData, zh_groups, en_groups, zh_sums=None, en_sums=None,
                     settings: AlignSettings | None = None):
    """Paragraph beads as (zh sentence range, en sentence range), or None when paragraphing disagrees."""
    pz = paragraph_side(zh, zh_groups, zh_sums)
    pe = paragraph_side(en, en_groups, en_sums)
    weights = np.asarray([PARAGRAPH_WEIGHTS.get(name, 0.0) for name in FEATURES])
    band = choose_band(pz, pe, settings or AlignSettings())
    path, rows, _ = StretchSearch(pz, pe, band, BEAD_TYPES).align(weights)
    omitted = sum(len(zh_groups[k]) for i0, i1, j0, j1 in path if j1 == j0 for k in range(i0, i1))
    omitted += sum(len(en_groups[k]) for i0, i1, j0, j1 in path if i1 == i0 for k in range(j0, j1))
    total = sum(map(len, zh_groups)) + sum(map(len, en_groups))
    if omitted > 0.1 * total:
        return None
    if pz.windows is not None:
        paired = [r for r, (i0, i1, j0, j1) in enumerate(path) if i1 > i0 and j1 > j0]
        if paired and float(np.median(rows[paired, FEATURES.index("cos")])) < 0.35:
            return None
    out = []
    for i0, i1, j0, j1 in path:
        zs = [s for k in range(i0, i1) for s in zh_groups[k]]
        es = [s for k in range(j0, j1) for s in en_groups[k]]
        out.append((zs, es))
    return out
