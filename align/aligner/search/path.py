"""Search: anchors give the band, a dynamic programme inside the band gives the beads.

``best_path`` maximises the sum of bead scores over monotonic paths from (0, 0)
to (n, m); time and memory are O((n + 1) * W * bead types). A row is filled
with vector operations: beads consuming zh sentences read earlier rows, and the
0-1 beads inside a row are a running maximum (no Python loop over cells).
"""

from __future__ import annotations

import numpy as np

from align.aligner.search.band import Band

NEG = -1e18


def best_path(band: Band, types: tuple[tuple[int, int], ...], scores: list[np.ndarray]) -> list[tuple[int, int, int, int]]:
    """Beads (i0, i1, j0, j1) half-open: zh sentences i0..i1-1 with en sentences j0..j1-1."""
    n, m, width, lo = band.n, band.m, band.width, band.lo
    D = np.full((n + 1, width), NEG)
    back = np.full((n + 1, width), -1, dtype=np.int16)
    ks = np.arange(width)
    cols = lo[:, None] + ks[None, :]
    t01 = types.index((0, 1)) if (0, 1) in types else -1
    for i in range(n + 1):
        row = np.full(width, NEG)
        arg = np.full(width, -1, dtype=np.int16)
        if i == 0:
            row[0] = 0.0 if lo[0] == 0 else NEG
        for t, (a, b) in enumerate(types):
            if a == 0 or a > i:
                continue
            src = cols[i] - b - lo[i - a]
            ok = (src >= 0) & (src < width)
            cand = np.full(width, NEG)
            cand[ok] = D[i - a, src[ok]] + scores[t][i, ok]
            better = cand > row
            row[better] = cand[better]
            arg[better] = t
        if t01 >= 0:
            step = np.where(cols[i] >= 1, scores[t01][i], NEG)
            step[0] = 0.0  # never used as a step into column 0 of the row
            csum = np.cumsum(step)
            base = row - csum
            run = np.maximum.accumulate(base)
            via = csum + run
            better = via > row + 1e-9
            # cells reached by 0-1 steps point to their left neighbour
            row = np.where(better, via, row)
            arg = np.where(better, t01, arg).astype(np.int16)
        D[i] = row
        back[i] = arg
    path = []
    i, j = n, m
    if not band.contains(i, j) or D[i, j - lo[i]] <= NEG / 2:
        raise RuntimeError("no path through the band")
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
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
    return Band(n, m, lo, 2 * half_width + 1)


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
    hi = hi + half_width
    width = int((hi - lo).max()) + 1 if n + 1 else 1
    return Band(n, m, lo, width)
