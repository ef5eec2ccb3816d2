"""Sentence embeddings: how close the bead's two sides are in USE-m3's multilingual space.

``cos``: cosine of the Chinese window and the English window (window vectors
from summed token features, see ``resources.embeddings``); ``cos_min``: the
weakest member, each sentence of the bead against the whole other side, so
that a merge must be justified by every sentence it takes; ``mn_cross`` for
n-m beads: first-last pairs matching as well as first-first means the two
sides cut the same content differently. Variants by bead type (``cos_11``,
``cos_mn``, ``merge_*``, ``sz_*``) let the fit weigh them differently.
"""

from __future__ import annotations

import numpy as np

from align.aligner.search.band import Band
from align.aligner.signals.base import Cells, FeatureBlock, Signal, Stretch, sized

RUN_CELLS = 8192  # cells per matrix product: a few hundred rows and columns of 512 floats at most
GATHER_BELOW = 4096  # fewer cells (a path's beads): plain gathered dot products


class EmbeddingState:
    """pz[b-1][s, k]: zh sentence s vs the en window of b sentences ending at band column zh_base[s]+k; pe likewise."""

    def __init__(self, stretch: Stretch):
        self.pz, self.pe = _member_cosines(stretch.zh.windows, stretch.en.windows, stretch.band)


class Embedding(Signal):
    name = "embedding"
    features = ("cos", "cos_sq", "cos_11", "cos_mn", "cos_min", "mn_cross", "merge_cos", "merge_cos_min", "sz_cos", "sz_cos_min")
    requires = "windows"

    def prepare(self, stretch: Stretch) -> EmbeddingState:
        return EmbeddingState(stretch)

    def reason(self, features: dict[str, float]) -> str | None:
        return "embedding" if features["cos"] >= 0.5 else None

    def compute(self, stretch: Stretch, state: EmbeddingState, cells: Cells, out: FeatureBlock) -> None:
        if cells.omission:
            return
        a, b = cells.a, cells.b
        cos = window_cosines(stretch.zh.windows[a - 1], stretch.en.windows[b - 1], cells)
        cmin = _member_min(state.pz[b - 1], state.pe[a - 1], stretch.band, cells)
        out["cos"] = cos
        out["cos_sq"] = cos * cos
        if a == 1 and b == 1:
            out["cos_11"] = cos
        if a > 1 and b > 1:
            out["cos_mn"] = cos
            out["mn_cross"] = _cross(state.pz[0], stretch.band, cells)
        out["cos_min"] = cmin
        if cells.merge:
            out["merge_cos_min"] = cmin
            out["merge_cos"] = cos
        out["sz_cos"] = sized(cells, out["cos"])
        out["sz_cos_min"] = sized(cells, out["cos_min"])


def window_cosines(zw: np.ndarray, ew: np.ndarray, cells: Cells) -> np.ndarray:
    """Cosine of the zh window ending before row r and the en window ending before column c, per cell."""
    zi = np.clip(cells.rows - 1, 0, cells.n - 1)
    ej = np.clip(cells.cols - 1, 0, cells.m - 1)
    return paired_dots(zw, ew, zi, ej)


def paired_dots(a: np.ndarray, b: np.ndarray, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """``sum(a[ia] * b[ib], -1)`` for index arrays of one shape, float32.

    Band cells come row by row with slowly rising columns, so a run of them
    touches a few rows of ``a`` and a short stretch of ``b``: one small matrix
    product per run does the work of thousands of gathered dot products.
    """
    out = np.empty(ia.shape, dtype=np.float32)
    flat_a, flat_b, flat_out = ia.reshape(-1), ib.reshape(-1), out.reshape(-1)
    if len(flat_a) == 0:
        return out
    if len(flat_a) < GATHER_BELOW or np.any(np.diff(flat_a) < 0):
        for start in range(0, len(flat_a), RUN_CELLS):
            part = slice(start, start + RUN_CELLS)
            flat_out[part] = np.einsum("kd,kd->k", a[flat_a[part]].astype(np.float32), b[flat_b[part]].astype(np.float32))
        return out
    for start in range(0, len(flat_a), RUN_CELLS):
        part = slice(start, start + RUN_CELLS)
        rows, cols = flat_a[part], flat_b[part]
        r0, c0, c1 = rows[0], cols.min(), cols.max()
        block = a[r0:rows[-1] + 1].astype(np.float32) @ b[c0:c1 + 1].astype(np.float32).T
        flat_out[part] = block[rows - r0, cols - c0]
    return out


def _member_cosines(zw, ew, band: Band):
    n, m = band.n, band.m
    z1, e1 = zw[0], ew[0]
    cols = band.zh_base[:, None] + np.arange(band.zh_width)[None, :]  # DP column j
    s_index = np.broadcast_to(np.arange(n)[:, None], cols.shape)
    pz = []
    for b in range(len(ew)):
        dots = paired_dots(z1, ew[b], s_index, np.clip(cols - 1, 0, max(m - 1, 0))) if m else np.zeros(cols.shape, np.float32)
        pz.append(np.where((cols >= b + 1) & (cols <= m), dots, 0.0).astype(np.float32))
    rows = band.en_base[:, None] + np.arange(band.en_width)[None, :]
    t_index = np.broadcast_to(np.arange(m)[:, None], rows.shape)
    pe = []
    for a in range(len(zw)):
        dots = paired_dots(e1, zw[a], t_index, np.clip(rows - 1, 0, max(n - 1, 0))) if n else np.zeros(rows.shape, np.float32)
        pe.append(np.where((rows >= a + 1) & (rows <= n), dots, 0.0).astype(np.float32))
    return pz, pe


def _cross(pz1, band: Band, cells: Cells):
    n = band.n

    def single(s, t):
        s = np.clip(s, 0, max(n - 1, 0))
        c = np.clip(t + 1 - band.zh_base[s], 0, band.zh_width - 1)
        return pz1[s, c]

    zf, zl = cells.rows - cells.a, cells.rows - 1
    ef, el = cells.cols - cells.b, cells.cols - 1
    diag = single(zf, ef) + single(zl, el)
    cross = single(zf, el) + single(zl, ef)
    return 0.5 * (cross - diag)


def _member_min(pz, pe, band: Band, cells: Cells):
    n, m = band.n, band.m
    rows, cols = cells.rows, cells.cols
    best = np.full(rows.shape, np.inf, dtype=np.float32)
    for o in range(1, cells.a + 1):
        s = np.clip(rows - o, 0, max(n - 1, 0))
        c = np.clip(cols - band.zh_base[s], 0, band.zh_width - 1)
        np.minimum(best, pz[s, c], out=best)
    for o in range(1, cells.b + 1):
        t = np.clip(cols - o, 0, max(m - 1, 0))
        rr = np.clip(rows - band.en_base[t], 0, band.en_width - 1)
        np.minimum(best, pe[t, rr], out=best)
    return best
