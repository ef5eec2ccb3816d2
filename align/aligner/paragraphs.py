"""Paragraph alignment: align paragraphs first, then sentences inside each aligned group.

Paragraphs become units (``units``: summed embeddings, pooled tokens, summed
lengths) and go through the same search with fixed weights that favour 1-1 and
punish length mismatch. The result is used only when it looks sound; otherwise the
caller aligns sentences over the whole document (``None`` is returned).
"""

from __future__ import annotations

import numpy as np

from align.aligner.search.anchors import choose_band
from align.aligner.search.scoring import StretchSearch
from align.aligner.settings import BEAD_TYPES, AlignSettings
from align.aligner.signals import FEATURES, SideData
from align.aligner.units import grouped_side, unit_weights


def align_paragraphs(zh: SideData, en: SideData, zh_groups, en_groups, settings: AlignSettings | None = None):
    """Paragraph beads as (zh sentence range, en sentence range), or None when paragraphing disagrees."""
    pz = grouped_side(zh, zh_groups)
    pe = grouped_side(en, en_groups)
    band = choose_band(pz, pe, settings or AlignSettings())
    path, rows, _ = StretchSearch(pz, pe, band, BEAD_TYPES).align(unit_weights())
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
