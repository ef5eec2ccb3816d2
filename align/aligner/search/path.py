"""Search: anchors give the band, a dynamic programme inside the band gives the beads.

``best_path`` maximises the sum of bead scores over monotonic paths from (0, 0)
to (n, m); time and memory are O((n + 1) * W * bead types). A row is filled
with vector operations: beads consuming zh sentences read earlier rows, and the
0-1 beads inside a row are a running maximum (no Python loop over cells).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

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
    n, lo, hi, offsets = band.n, band.lo, band.hi, band.offsets
    D = np.full(band.cells, NEG)
    back = np.full(band.cells, -1, dtype=np.int8)
    t01 = types.index((0, 1)) if (0, 1) in types else -1
    for start in range(0, n + 1, rows_per_block):
        stop = min(n + 1, start + rows_per_block)
        block = scores(start, stop)
        first = offsets[start]
        for i in range(start, stop):
            row_lo, width = lo[i], hi[i] - lo[i]
            cols = np.arange(row_lo, hi[i])
            cell = slice(offsets[i] - first, offsets[i + 1] - first)
            row = np.full(width, NEG)
            arg = np.full(width, -1, dtype=np.int8)
            if i == 0:
                row[0] = 0.0
            for t, (a, b) in enumerate(types):
                if a == 0 or a > i:
                    continue
                src = cols - b
                ok = (src >= lo[i - a]) & (src < hi[i - a])
                if not ok.any():
                    continue
                cand = np.full(width, NEG)
                cand[ok] = D[offsets[i - a] + src[ok] - lo[i - a]] + block[t][cell][ok]
                better = cand > row
                row[better] = cand[better]
                arg[better] = t
            if t01 >= 0:
                step = np.where(cols >= 1, block[t01][cell], NEG)
                step[0] = 0.0  # never used as a step into the first column of the row
                csum = np.cumsum(step)
                run = np.maximum.accumulate(row - csum)
                via = csum + run
                better = via > row + 1e-9
                # cells reached by 0-1 steps point to their left neighbour
                row = np.where(better, via, row)
                arg = np.where(better, t01, arg).astype(np.int8)
            D[offsets[i]:offsets[i + 1]] = row
            back[offsets[i]:offsets[i + 1]] = arg
    return _trace(band, types, D, back)


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
