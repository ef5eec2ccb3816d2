"""Lexical coverage over the band: how many of a sentence's words find a translation in a window.

For each zh sentence and each en window (size 1..4) reachable in the band, the
number of its tokens with a translation among the window's lemmas; likewise
for each en sentence against zh windows. A token is covered by a window when
any sentence of the window covers it (a union, not a sum), computed with
cumulative sums over per-token hit rows.
"""

from __future__ import annotations

import numpy as np

from align.aligner.lexicon.tokens import EnTokens, ZhTokens
from align.aligner.search.band import MAX_SIDE, Band


def fraction(hits, total):
    """Share of ``total`` words covered, smoothed so that an empty sentence is neither covered nor not."""
    return (hits + 0.25) / (total + 0.5)


def span_coverage(tokens: list, lemmas: set) -> tuple[float, float]:
    """Coverage of a span of Chinese tokens (each a set of English lemma ids it may translate to) by a set of
    English lemma ids, both ways: the share of tokens with a translation there, and of lemmas that are one."""
    hit = sum(1 for token in tokens if not lemmas.isdisjoint(token))
    union = frozenset().union(*tokens) if tokens else frozenset()
    en_hit = sum(1 for lemma in lemmas if lemma in union)
    return fraction(hit, len(tokens)), fraction(en_hit, len(lemmas))


class Coverage:
    def __init__(self, zh: ZhTokens, en: EnTokens, band: Band, table=None):
        self.band = band
        n, m = band.n, band.m
        # compact ids for the lemmas present in the English document
        present = np.unique(np.concatenate(en.lemmas)) if any(len(x) for x in en.lemmas) else np.zeros(0, np.int32)
        compact = {int(v): k for k, v in enumerate(present)}
        width_v = max(1, len(present))
        en_inc = np.zeros((m + MAX_SIDE, width_v), dtype=bool)  # row t+MAX_SIDE = en sentence t (padding first)
        for t, ids in enumerate(en.lemmas):
            for v in ids:
                en_inc[t + MAX_SIDE, compact[int(v)]] = True
        zh_compact = []  # per zh sentence, per token: compact ids present in en
        zh_union = np.zeros((n + MAX_SIDE, width_v), dtype=bool)
        for s, tokens in enumerate(zh.tokens):
            row = []
            for ids in tokens:
                hit = np.asarray([compact[int(v)] for v in ids if int(v) in compact], dtype=np.int64)
                row.append(hit)
                zh_union[s + MAX_SIDE, hit] = True
            zh_compact.append(row)
        self.zh_count = np.asarray([len(t) for t in zh.tokens], dtype=np.float32)
        self.en_count = np.asarray([len(x) for x in en.lemmas], dtype=np.float32)
        self.cov_zh = [np.zeros((n, band.zh_width), np.float32) for _ in range(MAX_SIDE)]
        self.cov_en = [np.zeros((m, band.en_width), np.float32) for _ in range(MAX_SIDE)]
        wz = band.zh_width
        for s in range(n):
            if not zh_compact[s]:
                continue
            base = int(band.zh_base[s])  # DP column of c = 0; en sentences base-4 .. base+wz-2 matter
            seg = en_inc[base: base + wz + MAX_SIDE - 1]  # rows = en sentences base-4 .. base+wz-2 (padded)
            if len(seg) < wz + MAX_SIDE - 1:
                seg = np.vstack([seg, np.zeros((wz + MAX_SIDE - 1 - len(seg), width_v), bool)])
            hits = np.stack([seg[:, ids].any(axis=1) if len(ids) else np.zeros(len(seg), bool) for ids in zh_compact[s]])
            cs = np.concatenate([np.zeros((len(hits), 1), np.int32), np.cumsum(hits, axis=1, dtype=np.int32)], axis=1)
            c = np.arange(wz)
            for b in range(1, MAX_SIDE + 1):
                # en window for column j = base + c is sentences j-b .. j-1 -> seg rows c+4-b .. c+3
                count = cs[:, c + MAX_SIDE] - cs[:, c + MAX_SIDE - b]
                self.cov_zh[b - 1][s] = (count > 0).sum(axis=0)
        we = band.en_width
        for t in range(m):
            ids = [compact[int(v)] for v in en.lemmas[t]]
            if not ids:
                continue
            base = int(band.en_base[t])
            seg = zh_union[base: base + we + MAX_SIDE - 1]
            if len(seg) < we + MAX_SIDE - 1:
                seg = np.vstack([seg, np.zeros((we + MAX_SIDE - 1 - len(seg), width_v), bool)])
            hits = seg[:, ids].T
            cs = np.concatenate([np.zeros((len(hits), 1), np.int32), np.cumsum(hits, axis=1, dtype=np.int32)], axis=1)
            r = np.arange(we)
            for a in range(1, MAX_SIDE + 1):
                count = cs[:, r + MAX_SIDE] - cs[:, r + MAX_SIDE - a]
                self.cov_en[a - 1][t] = (count > 0).sum(axis=0)
        self.zc = np.concatenate([[0.0], np.cumsum(self.zh_count)])
        self.ec = np.concatenate([[0.0], np.cumsum(self.en_count)])

    def bead(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray):
        """Coverage zh->en, en->zh and the weakest member's coverage for beads (a, b) at every cell."""
        band = self.band
        n, m = band.n, band.m
        covered_z = np.zeros(rows.shape, np.float32)
        covered_e = np.zeros(rows.shape, np.float32)
        weakest = np.full(rows.shape, np.inf, np.float32)
        for o in range(1, a + 1):
            s = np.clip(rows - o, 0, max(n - 1, 0))
            c = np.clip(cols - band.zh_base[s], 0, band.zh_width - 1)
            got = self.cov_zh[b - 1][s, c]
            covered_z += got
            np.minimum(weakest, fraction(got, self.zh_count[s]), out=weakest)
        for o in range(1, b + 1):
            t = np.clip(cols - o, 0, max(m - 1, 0))
            r = np.clip(rows - band.en_base[t], 0, band.en_width - 1)
            got = self.cov_en[a - 1][t, r]
            covered_e += got
            np.minimum(weakest, fraction(got, self.en_count[t]), out=weakest)
        rz = np.clip(rows, 0, n)
        cz = np.clip(cols, 0, m)
        total_z = self.zc[rz] - self.zc[np.clip(rz - a, 0, n)]
        total_e = self.ec[cz] - self.ec[np.clip(cz - b, 0, m)]
        return fraction(covered_z, total_z), fraction(covered_e, total_e), weakest

    def cross(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray):
        """For n-m beads: how much better the first zh sentence is covered by the last en one (and the last
        zh by the first en) than diagonally: high when the two sides cut the same content differently."""
        band = self.band
        n = band.n

        def share(s, t):  # zh sentence s covered by en sentence t alone
            s = np.clip(s, 0, max(n - 1, 0))
            c = np.clip(t + 1 - band.zh_base[s], 0, band.zh_width - 1)
            return fraction(self.cov_zh[0][s, c], self.zh_count[s])

        zf, zl, ef, el = rows - a, rows - 1, cols - b, cols - 1
        return 0.5 * (share(zf, el) + share(zl, ef) - share(zf, ef) - share(zl, el))
