"""Lexical coverage over the band: how many of a sentence's words find a translation in a window.

For each zh sentence and each en window (size 1..4) reachable in the band, the
number of its tokens with a translation among the window's lemmas; likewise
for each en sentence against zh windows. A token is covered by a window when
any sentence of the window covers it (a union, not a sum), computed with
cumulative sums over per-token hit rows.
"""

from __future__ import annotations

import numpy as np
from numba import njit

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


def _csr(arrays: list[np.ndarray], sort: bool) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated int64 values and offsets, each part sorted when ``sort`` (for the merge in ``_intersects``)."""
    offsets = np.zeros(len(arrays) + 1, dtype=np.int64)
    if arrays:
        np.cumsum([len(x) for x in arrays], out=offsets[1:])
    values = np.concatenate(arrays).astype(np.int64) if arrays and offsets[-1] else np.zeros(0, np.int64)
    if sort:
        _sort_parts(values, offsets)
    return values, offsets


class Coverage:
    """Coverage tables over a band: ``cov_zh[b-1][s, c]`` counts the tokens of zh sentence s with a translation
    in the en window of b sentences ending before DP column ``zh_base[s] + c``; ``cov_en[a-1][t, r]`` counts the
    lemmas of en sentence t found in the zh window of a sentences ending before DP row ``en_base[t] + r``."""

    def __init__(self, zh: ZhTokens, en: EnTokens, band: Band):
        self.band = band
        n, m = band.n, band.m
        tokens = [token for sentence in zh.tokens for token in sentence]
        token_lemmas, token_offsets = _csr(tokens, sort=True)
        sentence_tokens = np.zeros(n + 1, dtype=np.int64)
        np.cumsum([len(t) for t in zh.tokens], out=sentence_tokens[1:])
        en_sets, en_offsets = _csr(en.lemmas, sort=True)
        en_all, en_all_offsets = _csr(en.lemmas, sort=False)  # every occurrence counts
        zh_union, zh_union_offsets = token_lemmas.copy(), token_offsets[sentence_tokens]  # a sentence's tokens, pooled
        _sort_parts(zh_union, zh_union_offsets)
        self.zh_count = np.diff(sentence_tokens).astype(np.float32)
        self.en_count = np.diff(en_all_offsets).astype(np.float32)
        cov_zh = np.zeros((MAX_SIDE, n, band.zh_width), np.float32)
        cov_en = np.zeros((MAX_SIDE, m, band.en_width), np.float32)
        if n and m:
            top = int(max(token_lemmas.max(initial=0), en_all.max(initial=0))) + 1
            en_post, en_post_units = _postings(en_sets, en_offsets, top)
            zh_post, zh_post_units = _postings(zh_union, zh_union_offsets, top)
            # a zh token is one item with several lemmas it may translate to; an en lemma is an item of its own
            _count(sentence_tokens, token_offsets, token_lemmas, en_post, en_post_units, band.zh_base.astype(np.int64), cov_zh)
            _count(en_all_offsets, np.arange(len(en_all) + 1, dtype=np.int64), en_all, zh_post, zh_post_units,
                   band.en_base.astype(np.int64), cov_en)
        self.cov_zh, self.cov_en = list(cov_zh), list(cov_en)
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


@njit(cache=True)
def _sort_parts(values, offsets):
    for k in range(len(offsets) - 1):
        values[offsets[k]:offsets[k + 1]].sort()


@njit(cache=True)
def _postings(values, offsets, top):
    """For each value v < top, the sorted units (parts of ``values``) holding it: units[index[v]:index[v + 1]]."""
    count = np.zeros(top + 1, np.int64)
    for unit in range(len(offsets) - 1):
        previous = -1
        for k in range(offsets[unit], offsets[unit + 1]):  # parts are sorted: skip repeats
            if values[k] != previous:
                count[values[k] + 1] += 1
                previous = values[k]
    index = np.cumsum(count)
    units = np.empty(index[-1], np.int64)
    fill = index[:-1].copy()
    for unit in range(len(offsets) - 1):
        previous = -1
        for k in range(offsets[unit], offsets[unit + 1]):
            if values[k] != previous:
                units[fill[values[k]]] = unit
                fill[values[k]] += 1
                previous = values[k]
    return index, units


@njit(cache=True)
def _mark(hit, lemmas, l0, l1, index, units, start):
    """hit[r] = 1 for every unit start + r holding one of lemmas[l0:l1]."""
    span = len(hit)
    for k in range(l0, l1):
        value = lemmas[k]
        if value + 1 >= len(index):
            continue
        lo, hi = index[value], index[value + 1]
        while lo < hi:  # first unit >= start
            mid = (lo + hi) >> 1
            if units[mid] < start:
                lo = mid + 1
            else:
                hi = mid
        while lo < index[value + 1] and units[lo] < start + span:
            hit[units[lo] - start] = 1
            lo += 1


@njit(cache=True)
def _count(unit_items, item_offsets, item_lemmas, index, other_units, base, out):
    """out[k-1, u, c]: how many items of unit u (items unit_items[u]..unit_items[u+1], each with the lemmas
    item_lemmas[item_offsets[i]:item_offsets[i+1]]) have a lemma in one of the k units of the other side
    ending before column base[u] + c (``index``/``other_units``: each lemma's units on the other side)."""
    sides, units, width = out.shape
    span = width + sides - 1  # other units base[u]-sides .. base[u]+width-2
    hit = np.zeros(span, np.int32)
    for u in range(units):
        first, last = unit_items[u], unit_items[u + 1]
        if first == last:
            continue
        start = base[u] - sides
        seen = np.zeros((last - first, span + 1), np.int32)  # per item: units of the other side holding it, cumulated
        for item in range(first, last):
            hit[:] = 0
            _mark(hit, item_lemmas, item_offsets[item], item_offsets[item + 1], index, other_units, start)
            for r in range(span):
                seen[item - first, r + 1] = seen[item - first, r] + hit[r]
        for c in range(width):
            for k in range(1, sides + 1):
                count = 0
                for item in range(last - first):
                    if seen[item, c + sides] - seen[item, c + sides - k] > 0:
                        count += 1
                out[k - 1, u, c] = count
