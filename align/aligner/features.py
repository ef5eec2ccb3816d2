"""Bead features over the search band: one (n+1, W, D) array per bead type.

A bead of type (a, b) ending at cell (i, j) pairs zh sentences i-a .. i-1 with
en sentences j-b .. j-1. Features (see NAMES) come from the signal modules:
window embeddings, the weakest member's similarity to the other side, length
ratio, lexical coverage both ways and its weakest member, dialogue cues, and
one indicator per bead type (the learned prior for merges and omissions).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.aligner.band import Band
from align.aligner.cues import dialogue_cues, quote_flags
from align.aligner.length import char_lengths

BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4), (4, 1), (2, 3), (3, 2), (1, 0), (0, 1),
)
SIGNALS = ("cos", "cos_min", "merge_cos", "merge_cos_min", "len_abs", "len_sq", "lex_zh", "lex_en", "lex_min",
           "merge_lex_min", "merge_lex", "quote_mismatch", "short_member", "omit_len",
           "cos_sq", "cos_11", "cos_mn", "lex_11", "lex_mn", "len_mn",
           "sz_cos", "sz_cos_min", "sz_lex", "sz_lex_min", "sz_len_abs", "mn_cross",
           "open_mismatch", "close_mismatch", "speech_mismatch", "said_first", "mn_lex_cross",
           "quote_open_mismatch", "quote_close_mismatch")
SIZED = {"sz_cos": "cos", "sz_cos_min": "cos_min", "sz_lex": None, "sz_lex_min": "lex_min", "sz_len_abs": "len_abs"}
NAMES = SIGNALS + tuple(f"type_{a}{b}" for a, b in BEAD_TYPES)
NEUTRAL = -1.0  # marks "no evidence" in per-member minima before they are filled


@dataclass
class SideData:
    """Per-sentence material for one side."""

    lengths: np.ndarray  # characters, float
    quotes: np.ndarray  # bool: the sentence carries dialogue quotes
    windows: list[np.ndarray] | None  # window vectors, windows[k][i] = sentences i-k..i
    tokens: object | None  # lexicon.ZhTokens / EnTokens
    cues: np.ndarray | None = None  # (n, 6) cues.dialogue_cues


def side_data(texts: list[str], lang: str, windows, tokens) -> SideData:
    return SideData(char_lengths(texts, lang), quote_flags(texts, lang), windows, tokens, dialogue_cues(texts, lang))


class PairSignals:
    """Pairwise sentence-vs-window signals over the band, shared by all bead types."""

    def __init__(self, zh: SideData, en: SideData, band: Band, lex=None):
        self.zh, self.en, self.band = zh, en, band
        self.ratio = float(en.lengths.sum() + 1.0) / float(zh.lengths.sum() + 1.0)
        self.zl = np.concatenate([[0.0], np.cumsum(zh.lengths)])
        self.el = np.concatenate([[0.0], np.cumsum(en.lengths)])
        self.zq = np.concatenate([[0], np.cumsum(zh.quotes)])
        self.eq = np.concatenate([[0], np.cumsum(en.quotes)])
        self.lex = lex  # coverage.Coverage or None
        if zh.cues is not None and en.cues is not None:
            self.zcue = np.concatenate([[0.0], np.cumsum(zh.cues[:, 2])])
            self.ecue = np.concatenate([[0.0], np.cumsum(en.cues[:, 2])])
        if zh.windows is not None:
            self.pz, self.pe = _member_cosines(zh.windows, en.windows, band)
        else:
            self.pz = self.pe = None


def _member_cosines(zw, ew, band: Band):
    """pz[b-1][s, c]: zh sentence s vs en window of b ending at column zh_base[s]+c; pe likewise."""
    n, m = band.n, band.m
    pz = []
    z1, e1 = zw[0], ew[0]
    cols = band.zh_base[:, None] + np.arange(band.zh_width)[None, :]  # DP column j
    for b in range(len(ew)):
        pz.append(_gather_dot(z1, ew[b], np.arange(n), cols - 1, lambda j: (j >= b + 1) & (j <= m)))
    pe = []
    rows = band.en_base[:, None] + np.arange(band.en_width)[None, :]
    for a in range(len(zw)):
        pe.append(_gather_dot(e1, zw[a], np.arange(m), rows - 1, lambda i: (i >= a + 1) & (i <= n)))
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


def bead_features(sig: PairSignals, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
    """(features (D, n+1, W), valid (n+1, W)) for bead type (a, b); one contiguous plane per feature."""
    band = sig.band
    n, m, width = band.n, band.m, band.width
    rows = np.arange(n + 1)[:, None].repeat(width, axis=1)
    cols = band.columns()
    valid = (rows >= a) & (cols >= b) & (cols <= m)
    # the source cell must be inside the band too
    src_i = np.clip(rows - a, 0, n)
    src_k = cols - b - band.lo[src_i]
    valid &= (src_k >= 0) & (src_k < width)
    F = np.zeros((len(NAMES), n + 1, width), dtype=np.float32)
    F[NAMES.index(f"type_{a}{b}")] = 1.0
    r = np.clip(rows, 0, n)
    c = np.clip(cols, 0, m)
    zlen = sig.zl[r] - sig.zl[np.clip(r - a, 0, n)]
    elen = sig.el[c] - sig.el[np.clip(c - b, 0, m)]
    if a == 0 or b == 0:
        F[NAMES.index("omit_len")] = np.log1p(zlen + elen)
        F[:, ~valid] = 0.0
        return F, valid
    d = np.log((elen + 8.0) / (sig.ratio * zlen + 8.0))
    F[NAMES.index("len_abs")] = np.abs(d)
    F[NAMES.index("len_sq")] = d * d
    if a > 1 and b > 1:
        F[NAMES.index("len_mn")] = np.abs(d)
    zq = (sig.zq[r] - sig.zq[np.clip(r - a, 0, n)]) > 0
    eq = (sig.eq[c] - sig.eq[np.clip(c - b, 0, m)]) > 0
    F[NAMES.index("quote_mismatch")] = (zq != eq).astype(np.float32)
    if sig.zh.cues is not None and sig.en.cues is not None and n and m:
        _dialogue(F, sig, r, c, a, b)
    merge = a + b > 2
    if merge:
        shortest = np.full(rows.shape, np.inf)
        for o in range(1, a + 1):
            np.minimum(shortest, sig.zh.lengths[np.clip(r - o, 0, max(n - 1, 0))] * sig.ratio, out=shortest) if n else None
        for o in range(1, b + 1):
            np.minimum(shortest, sig.en.lengths[np.clip(c - o, 0, max(m - 1, 0))], out=shortest) if m else None
        F[NAMES.index("short_member")] = np.log1p(shortest)
    if sig.zh.windows is not None:
        zw, ew = sig.zh.windows[a - 1], sig.en.windows[b - 1]
        cos = np.zeros((n + 1, width), dtype=np.float32)
        for start in range(0, n + 1, 64):
            rr = np.arange(start, min(n + 1, start + 64))
            zi = np.clip(rr - 1, 0, n - 1)
            cj = np.clip(cols[rr] - 1, 0, m - 1)
            cos[rr] = np.einsum("rd,rkd->rk", zw[zi], ew[cj])
        cmin = _member_min(sig.pz[b - 1], sig.pe[a - 1], band, rows, cols, a, b)
        F[NAMES.index("cos")] = cos
        F[NAMES.index("cos_sq")] = cos * cos
        if a == 1 and b == 1:
            F[NAMES.index("cos_11")] = cos
        if a > 1 and b > 1:
            F[NAMES.index("cos_mn")] = cos
        F[NAMES.index("cos_min")] = cmin
        if a > 1 and b > 1:
            # interleaved sentences (a 2-2 that is not two 1-1s): first-last pairs match as well as first-first
            F[NAMES.index("mn_cross")] = _cross(sig.pz[0], band, rows, cols, a, b)
        if merge:
            F[NAMES.index("merge_cos_min")] = cmin
            F[NAMES.index("merge_cos")] = cos
    if sig.lex is not None:
        lz, le, lmin = sig.lex.bead(a, b, rows, cols)
        F[NAMES.index("lex_zh")] = lz
        F[NAMES.index("lex_en")] = le
        F[NAMES.index("lex_min")] = lmin
        if a == 1 and b == 1:
            F[NAMES.index("lex_11")] = 0.5 * (lz + le)
        if a > 1 and b > 1:
            F[NAMES.index("lex_mn")] = 0.5 * (lz + le)
            F[NAMES.index("mn_lex_cross")] = sig.lex.cross(a, b, rows, cols)
        if merge:
            F[NAMES.index("merge_lex_min")] = lmin
            F[NAMES.index("merge_lex")] = 0.5 * (lz + le)
    # the same evidence counted once per sentence covered: the path score then does not
    # depend on how many beads it has (2-2 against 1-1 + 1-1 compares like with like)
    size = (a + b) / 2.0
    for name, source in SIZED.items():
        if source is None:
            value = 0.5 * (F[NAMES.index("lex_zh")] + F[NAMES.index("lex_en")])
        else:
            value = F[NAMES.index(source)]
        F[NAMES.index(name)] = size * value
    F[:, ~valid] = 0.0
    return F, valid


def _dialogue(F, sig: PairSignals, r, c, a, b):
    """A bead should open and close speeches where the other side does; a bare "he said." starts no bead."""
    zc, ec = sig.zh.cues, sig.en.cues
    n, m = len(zc), len(ec)
    zf, zl = np.clip(r - a, 0, n - 1), np.clip(r - 1, 0, n - 1)
    ef, el = np.clip(c - b, 0, m - 1), np.clip(c - 1, 0, m - 1)
    F[NAMES.index("open_mismatch")] = zc[zf, 0] != ec[ef, 0]
    F[NAMES.index("close_mismatch")] = zc[zl, 1] != ec[el, 1]
    zs = sig.zcue[r] - sig.zcue[np.clip(r - a, 0, n)]
    es = sig.ecue[c] - sig.ecue[np.clip(c - b, 0, m)]
    F[NAMES.index("speech_mismatch")] = (zs > 0) != (es > 0)
    F[NAMES.index("said_first")] = ec[ef, 3]
    F[NAMES.index("quote_open_mismatch")] = zc[zf, 4] != ec[ef, 4]
    F[NAMES.index("quote_close_mismatch")] = zc[zl, 5] != ec[el, 5]


def _cross(pz1, band: Band, rows, cols, a, b):
    n = band.n

    def single(s, t):
        s = np.clip(s, 0, max(n - 1, 0))
        c = np.clip(t + 1 - band.zh_base[s], 0, band.zh_width - 1)
        return pz1[s, c]

    zf, zl = rows - a, rows - 1
    ef, el = cols - b, cols - 1
    diag = single(zf, ef) + single(zl, el)
    cross = single(zf, el) + single(zl, ef)
    return 0.5 * (cross - diag)


def _member_min(pz, pe, band: Band, rows, cols, a, b):
    n, m = band.n, band.m
    best = np.full(rows.shape, np.inf, dtype=np.float32)
    for o in range(1, a + 1):
        s = np.clip(rows - o, 0, max(n - 1, 0))
        c = np.clip(cols - band.zh_base[s], 0, band.zh_width - 1)
        np.minimum(best, pz[s, c], out=best)
    for o in range(1, b + 1):
        t = np.clip(cols - o, 0, max(m - 1, 0))
        rr = np.clip(rows - band.en_base[t], 0, band.en_width - 1)
        np.minimum(best, pe[t, rr], out=best)
    return best
