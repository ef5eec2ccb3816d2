"""Search: anchors give the band, a dynamic programme inside the band gives the beads.

``best_path`` maximises the sum of bead scores over monotonic paths from (0, 0)
to (n, m); time is O(cells * bead types), memory O(cells) (scores are held a
block of rows at a time). The cell loop is compiled with numba.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from numba import njit

from align.aligner.search.band import Band

NEG = -1e18


ScoreBlock = Callable[[int, int], list[np.ndarray]]

ROWS_PER_BLOCK = 256


def best_path(band: Band, types: tuple[tuple[int, int], ...], scores: ScoreBlock | list[np.ndarray],
              rows_per_block: int = ROWS_PER_BLOCK) -> list[tuple[int, int, int, int]]:
    """Beads (i0, i1, j0, j1) half-open: zh sentences i0..i1-1 with en sentences j0..j1-1.

    ``scores(start, stop)`` gives, per bead type, the scores of the cells of
    rows start..stop-1 (in cell order, NEG where no bead of that type ends);
    it is called for consecutive blocks of rows, so scores never need to be
    held for the whole band. A list of whole-band arrays works too.
    """
    if not callable(scores):
        whole = scores
        scores = lambda start, stop: [s[band.offsets[start]:band.offsets[stop]] for s in whole]  # noqa: E731
    n, offsets = band.n, band.offsets
    D = np.full(band.cells, NEG)
    back = np.full(band.cells, -1, dtype=np.int8)
    type_a = np.asarray([a for a, _ in types], dtype=np.int64)
    type_b = np.asarray([b for _, b in types], dtype=np.int64)
    for start in range(0, n + 1, rows_per_block):
        stop = min(n + 1, start + rows_per_block)
        block = np.ascontiguousarray(np.vstack(scores(start, stop)), dtype=np.float64)
        _dp_rows(D, back, band.lo, band.hi, offsets, start, stop, block, type_a, type_b)
    return _trace(band, types, D, back)


@njit(cache=True)
def _dp_rows(D, back, lo, hi, offsets, start, stop, block, type_a, type_b):
    """Fill D (best score of a path ending at each cell) and back (the bead type that ends it) for rows start..stop-1.

    Types are tried in order and a later one wins only when strictly better; a 0-1 bead (an English sentence
    left out) continues the row from the left and wins only when better by more than 1e-9.
    """
    first = offsets[start]
    for i in range(start, stop):
        for j in range(lo[i], hi[i]):
            k = offsets[i] + j - lo[i]
            best = NEG
            arg = -1
            if i == 0 and j == 0:
                best = 0.0
            skip_left = -1
            for t in range(len(type_a)):
                a, b = type_a[t], type_b[t]
                if a == 0:
                    skip_left = t
                    continue
                if a > i:
                    continue
                si, sj = i - a, j - b
                if sj < lo[si] or sj >= hi[si]:
                    continue
                value = D[offsets[si] + sj - lo[si]] + block[t, k - first]
                if value > best:
                    best = value
                    arg = t
            if skip_left >= 0 and j > lo[i] and j >= 1:
                value = D[k - 1] + block[skip_left, k - first]
                if value > best + 1e-9:
                    best = value
                    arg = skip_left
            D[k] = best
            back[k] = arg


def _trace(band: Band, types, D: np.ndarray, back: np.ndarray) -> list[tuple[int, int, int, int]]:
    n, m, lo, offsets = band.n, band.m, band.lo, band.offsets
    if not band.contains(n, m) or D[offsets[n] + m - lo[n]] <= NEG / 2:
        raise RuntimeError("no path through the band")
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        t = int(back[offsets[i] + j - lo[i]])
        if t < 0:
            raise RuntimeError("broken back-pointer")
        a, b = types[t]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path


def anchor_band(n: int, m: int, anchors: list[tuple[int, int]], half_width: int) -> Band:
    """A band following the line through anchors (zh index, en index), ``half_width`` either side."""
    points = [(0, 0)] + sorted(anchors) + [(n, m)]
    xs = np.asarray([p[0] for p in points], dtype=float)
    ys = np.asarray([p[1] for p in points], dtype=float)
    centre = np.interp(np.arange(n + 1), xs, ys)
    lo = np.floor(centre - half_width).astype(np.int64)
    return Band.fixed(n, m, lo, 2 * half_width + 1)


def monotone_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The heaviest strictly increasing chain of (i, j, weight) candidates (O(k log k) in effect, O(k^2) worst)."""
    pairs = sorted(pairs)
    if not pairs:
        return []
    import bisect

    # weighted LIS with patience-like lists would need a Fenwick tree; k is small (one per sentence)
    js = sorted({p[1] for p in pairs})
    size = len(js)
    tree = [(0.0, -1)] * (size + 1)

    def query(pos):
        best = (0.0, -1)
        while pos > 0:
            if tree[pos][0] > best[0]:
                best = tree[pos]
            pos -= pos & -pos
        return best

    def update(pos, value):
        while pos <= size:
            if value[0] > tree[pos][0]:
                tree[pos] = value
            pos += pos & -pos

    prev = [-1] * len(pairs)
    score = [0.0] * len(pairs)
    # process by i; pairs with equal i must not chain: buffer their updates
    k = 0
    while k < len(pairs):
        group_end = k
        while group_end < len(pairs) and pairs[group_end][0] == pairs[k][0]:
            group_end += 1
        for q in range(k, group_end):
            pos = bisect.bisect_left(js, pairs[q][1])  # strictly smaller j
            best = query(pos)
            score[q] = best[0] + pairs[q][2]
            prev[q] = best[1]
        for q in range(k, group_end):
            update(bisect.bisect_left(js, pairs[q][1]) + 1, (score[q], q))
        k = group_end
    end = max(range(len(pairs)), key=score.__getitem__)
    chain = []
    while end >= 0:
        chain.append((pairs[end][0], pairs[end][1]))
        end = prev[end]
    return chain[::-1]


def path_band(n: int, m: int, path: list[tuple[int, int, int, int]], half_width: int) -> Band:
    """A band of ``half_width`` columns either side of an earlier path (for a second pass)."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i0, i1, j0, j1 in path:
        lo[i0:i1 + 1] = np.minimum(lo[i0:i1 + 1], j0)
        hi[i0:i1 + 1] = np.maximum(hi[i0:i1 + 1], j1)
    lo = np.maximum(lo - half_width, 0)
    width = int((hi + half_width - lo).max()) + 1 if n + 1 else 1
    return Band.fixed(n, m, lo, width)
