"""The search band of a stretch: the whole grid when it is small, else a band around anchors.

With embeddings, anchors are mutually best single-sentence matches near the
length diagonal, chained monotonically; without, points where both sides have
covered the same share of their text.
"""

from __future__ import annotations

import numpy as np

from align.aligner.search.band import Band
from align.aligner.search.path import anchor_band, monotone_chain
from align.aligner.settings import AlignSettings
from align.aligner.signals import SideData


def choose_band(zh: SideData, en: SideData, settings: AlignSettings) -> Band:
    n, m = len(zh.lengths), len(en.lengths)
    if (n + 1) * (m + 1) <= settings.full_grid_cells:
        return Band.full(n, m)
    if zh.windows is not None:
        anchors = _anchors(zh.windows[0], en.windows[0], zh.lengths, en.lengths)
        return anchor_band(n, m, anchors, settings.anchor_half_width)
    # no embeddings: follow the length diagonal with a wider band
    return anchor_band(n, m, _length_points(zh.lengths, en.lengths), max(settings.length_half_width, max(n, m) // 12))


def _length_points(zl: np.ndarray, el: np.ndarray, step: int = 10) -> list[tuple[int, int]]:
    """Points (i, j) where the first i zh sentences and j en sentences cover the same share of text."""
    zc = np.cumsum(zl) / max(zl.sum(), 1.0)
    ec = np.cumsum(el) / max(el.sum(), 1.0)
    rows = np.arange(step, len(zl), step)
    return [(int(i), int(np.searchsorted(ec, zc[i - 1]))) for i in rows]


def _anchors(z1: np.ndarray, e1: np.ndarray, zl: np.ndarray, el: np.ndarray) -> list[tuple[int, int]]:
    """Mutually best single-sentence matches near the length diagonal, as a monotone chain."""
    n, m = len(z1), len(e1)
    zc = np.cumsum(zl) / max(zl.sum(), 1.0)
    ec = np.cumsum(el) / max(el.sum(), 1.0)
    centre = np.searchsorted(ec, zc)  # en sentence at the same relative position
    half = max(60, int(0.06 * max(n, m)))
    best_col = np.full(n, -1)
    best_val = np.full(n, -1.0)
    col_best = np.full(m, -1.0)
    col_arg = np.full(m, -1)
    for start in range(0, n, 32):  # 32 rows x ~1500 candidates x 512 floats: ~100 MB at most
        rows = np.arange(start, min(n, start + 32))
        lo = np.clip(centre[rows] - half, 0, max(0, m - 2 * half - 1))
        cols = lo[:, None] + np.arange(min(m, 2 * half + 1))[None, :]
        cols = np.clip(cols, 0, m - 1)
        sims = np.einsum("rd,rkd->rk", z1[rows], e1[cols])
        arg = sims.argmax(axis=1)
        best_col[rows] = cols[np.arange(len(rows)), arg]
        best_val[rows] = sims[np.arange(len(rows)), arg]
        for r, row in enumerate(rows):
            better = sims[r] > col_best[cols[r]]
            col_best[cols[r][better]] = sims[r][better]
            col_arg[cols[r][better]] = row
    pairs = [(i, int(best_col[i]), float(best_val[i])) for i in range(n)
             if best_val[i] > 0.5 and col_arg[best_col[i]] == i]
    # anchor (i, j) means the path passes through DP cell (i+1, j+1)
    return [(i + 1, j + 1) for i, j in monotone_chain(pairs)]
