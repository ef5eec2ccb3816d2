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

ROWS_PER_CHUNK = 64  # rows x band width x 512 float32 per gather: a few MB


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
    n, m = cells.n, cells.m
    cos = np.zeros(cells.shape, dtype=np.float32)
    if cells.row_index is not None:  # a block of band rows: one zh window per row
        for start in range(0, len(cells.row_index), ROWS_PER_CHUNK):
            part = slice(start, start + ROWS_PER_CHUNK)
            zi = np.clip(cells.row_index[part] - 1, 0, n - 1)
            cj = np.clip(cells.cols[part] - 1, 0, m - 1)
            cos[part] = np.einsum("rd,rkd->rk", zw[zi], ew[cj])
        return cos
    flat_r = np.clip(cells.rows.reshape(-1) - 1, 0, n - 1)
    flat_c = np.clip(cells.cols.reshape(-1) - 1, 0, m - 1)
    out = cos.reshape(-1)
    step = ROWS_PER_CHUNK * 64
    for start in range(0, len(flat_r), step):
        part = slice(start, start + step)
        out[part] = np.einsum("kd,kd->k", zw[flat_r[part]], ew[flat_c[part]])
    return cos


def _member_cosines(zw, ew, band: Band):
    n, m = band.n, band.m
    pz = []
    z1, e1 = zw[0], ew[0]
    cols = band.zh_base[:, None] + np.arange(band.zh_width)[None, :]  # DP column j
    for b in range(len(ew)):
        pz.append(_gather_dot(z1, ew[b], np.arange(n), cols - 1, lambda j, b=b: (j >= b + 1) & (j <= m)))
    pe = []
    rows = band.en_base[:, None] + np.arange(band.en_width)[None, :]
    for a in range(len(zw)):
        pe.append(_gather_dot(e1, zw[a], np.arange(m), rows - 1, lambda i, a=a: (i >= a + 1) & (i <= n)))
    return pz, pe


def _gather_dot(a: np.ndarray, b: np.ndarray, a_rows: np.ndarray, b_index: np.ndarray, valid_fn, chunk: int = 64):
    out = np.zeros(b_index.shape, dtype=np.float32)
    if len(b) == 0:
        return out
    for start in range(0, len(a_rows), chunk):
        idx = b_index[start:start + chunk]
        ok = valid_fn(idx + 1)
        safe = np.clip(idx, 0, len(b) - 1)
        block = np.einsum("rd,rkd->rk", a[a_rows[start:start + chunk]], b[safe])
        out[start:start + chunk] = np.where(ok, block, 0.0)
    return out


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
