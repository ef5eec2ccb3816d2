"""The search band of a stretch: the whole grid when it is small, else a band around a coarse path.

The coarse path comes from aligning blocks of consecutive sentences (``units``)
the same way, recursively while the blocks are still too many for a whole
grid, as Vecalign does: every level costs time linear in its length, so the
band is found in linear time and memory whatever the length of the document
(an earlier version compared each sentence with a window growing with the
document, quadratic on long ones).
"""

from __future__ import annotations

import math

from align.aligner.search.band import Band
from align.aligner.search.path import anchor_band
from align.aligner.settings import BEAD_TYPES, AlignSettings
from align.aligner.signals import SideData


def choose_band(zh: SideData, en: SideData, settings: AlignSettings) -> Band:
    n, m = len(zh.lengths), len(en.lengths)
    if (n + 1) * (m + 1) <= settings.full_grid_cells or not n or not m:
        return Band.full(n, m)
    return anchor_band(n, m, coarse_points(zh, en, settings), settings.anchor_half_width)


def coarse_points(zh: SideData, en: SideData, settings: AlignSettings) -> list[tuple[int, int]]:
    """Points (i, j) the path is expected to pass through: the corners of the aligned blocks, in sentences."""
    from align.aligner.search.scoring import StretchSearch
    from align.aligner.units import blocks, grouped_side, unit_weights

    n, m = len(zh.lengths), len(en.lengths)
    count = math.ceil(max(n, m) / settings.coarse_block)
    zh_blocks, en_blocks = blocks(n, count), blocks(m, count)
    zb, eb = grouped_side(zh, zh_blocks), grouped_side(en, en_blocks)
    band = choose_band(zb, eb, settings)
    path, _, _ = StretchSearch(zb, eb, band, BEAD_TYPES).align(unit_weights())
    zh_start = [b.start for b in zh_blocks] + [n]
    en_start = [b.start for b in en_blocks] + [m]
    return [(zh_start[i1], en_start[j1]) for _, i1, _, j1 in path[:-1]]
