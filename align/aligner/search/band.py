"""The search band: for each DP row i (zh sentences consumed), the en columns lo[i] <= j < hi[i].

``lo`` and ``hi`` never decrease, so every zh sentence and every en sentence
sees a contiguous stretch of the other side; the per-sentence views
(``zh_base``/``zh_width``, ``en_base``/``en_width``) are what the pairwise
signals are computed over. Rows may differ in width: a band made of aligned
paragraphs is as wide as each paragraph pair, not as the widest one. Cells are
numbered row by row (``offsets``). Optional groups (aligned paragraphs) forbid
beads that cross a group boundary. Everything is O(cells) = O((n + m) * W).
"""

from __future__ import annotations

import numpy as np

MAX_SIDE = 4  # largest number of sentences on one side of a bead


class Band:
    def __init__(self, n: int, m: int, lo, hi, groups: Groups | None = None):
        lo = np.clip(np.asarray(lo, dtype=np.int64), 0, m)
        hi = np.clip(np.asarray(hi, dtype=np.int64), 1, m + 1)
        if len(lo) != n + 1 or len(hi) != n + 1:
            raise ValueError("lo and hi need one entry per DP row (n + 1)")
        lo[0] = 0
        hi[-1] = m + 1
        self.n, self.m = n, m
        self.lo = np.maximum.accumulate(lo)
        self.hi = np.maximum(np.maximum.accumulate(hi), self.lo + 1)
        self.groups = groups
        widths = self.hi - self.lo
        self.offsets = np.concatenate([[0], np.cumsum(widths)])
        self.width = int(widths.max())
        # zh sentence s is a bead member for rows s+1 .. s+MAX_SIDE
        top = np.minimum(np.arange(n) + MAX_SIDE, n)
        self.zh_base = self.lo[np.arange(n) + 1] if n else np.zeros(0, np.int64)
        self.zh_width = int((self.hi[top] - self.zh_base).max()) if n else 1
        # en sentence t is a bead member for columns t+1 .. t+MAX_SIDE
        t = np.arange(m)
        self.en_base = np.minimum(np.searchsorted(self.hi - 1, t + 1, side="left"), n) if m else np.zeros(0, np.int64)
        last = np.searchsorted(self.lo, t + MAX_SIDE, side="right") - 1 if m else np.zeros(0, np.int64)
        self.en_width = int(max(1, (last - self.en_base).max() + 1)) if m else 1

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(n, m, np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64))

    @classmethod
    def fixed(cls, n: int, m: int, lo, width: int) -> Band:
        """Rows of one width starting at ``lo`` (the last start kept so that (n, m) is inside)."""
        width = min(int(width), m + 1)
        lo = np.clip(np.asarray(lo, dtype=np.int64), 0, m)
        lo[-1] = min(lo[-1], max(0, m - width + 1))
        return cls(n, m, lo, lo + width)

    @classmethod
    def of_groups(cls, n: int, m: int, groups: Groups, bands: list[Band]) -> Band:
        """One band made of a band per aligned paragraph pair (``bands[g]`` over pair g's sentences):
        the rows a pair shares with the next one take both pairs' columns, and beads stay inside one pair."""
        lo = np.zeros(n + 1, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        for (z0, z1), (e0, _), band in zip(groups.rows, groups.cols, bands):
            shared = hi[z0] > 0  # the last row of the pair before
            first_lo = lo[z0]
            lo[z0:z1 + 1] = e0 + band.lo
            hi[z0:z1 + 1] = e0 + band.hi
            if shared:
                lo[z0] = first_lo
        return cls(n, m, lo, hi, groups)

    @property
    def cells(self) -> int:
        return int(self.offsets[-1])

    def row_cells(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, cols) of every cell of rows start..stop-1, in cell order."""
        widths = self.hi[start:stop] - self.lo[start:stop]
        rows = np.repeat(np.arange(start, stop), widths)
        first = self.offsets[start:stop]
        cols = np.arange(self.offsets[start], self.offsets[stop]) - np.repeat(first, widths) + np.repeat(self.lo[start:stop], widths)
        return rows, cols

    def contains(self, i: int, j: int) -> bool:
        return 0 <= i <= self.n and self.lo[i] <= j < self.hi[i]

    def within(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Whether cells (i, j) are in the band (arrays of any shape; i must lie in 0..n)."""
        return (j >= self.lo[i]) & (j < self.hi[i])

    def restricted(self, lo, hi) -> Band:
        """This band narrowed to lo..hi per row, keeping its groups."""
        return Band(self.n, self.m, np.maximum(self.lo, lo), np.minimum(self.hi, hi), self.groups)


class Groups:
    """Aligned paragraph pairs as sentence ranges: a bead must not take sentences of two pairs."""

    def __init__(self, n: int, m: int, groups: list[tuple[list[int], list[int]]]):
        self.zh = np.zeros(n, dtype=np.int64)
        self.en = np.zeros(m, dtype=np.int64)
        rows, cols = [], []
        z = e = 0
        for g, (zs, es) in enumerate(groups):
            self.zh[z:z + len(zs)] = g
            self.en[e:e + len(es)] = g
            rows.append((z, z + len(zs)))
            cols.append((e, e + len(es)))
            z, e = z + len(zs), e + len(es)
        if z != n or e != m:
            raise ValueError("groups must cover both sides in order")
        self.rows = np.asarray(rows, dtype=np.int64).reshape(-1, 2)
        self.cols = np.asarray(cols, dtype=np.int64).reshape(-1, 2)

    def valid(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Beads of type (a, b) ending at (rows, cols) whose sentences lie in one group (cells already in range)."""
        n, m = len(self.zh), len(self.en)
        if a and b:
            zf, zl = self.zh[np.clip(rows - a, 0, n - 1)], self.zh[np.clip(rows - 1, 0, n - 1)]
            ef, el = self.en[np.clip(cols - b, 0, m - 1)], self.en[np.clip(cols - 1, 0, m - 1)]
            return (zf == zl) & (ef == el) & (zf == ef)
        if a:  # zh sentences left out at column ``cols``: inside their group's columns
            g = self.zh[np.clip(rows - 1, 0, n - 1)]
            first = self.zh[np.clip(rows - a, 0, n - 1)]
            return (first == g) & (cols >= self.cols[g, 0]) & (cols <= self.cols[g, 1])
        g = self.en[np.clip(cols - 1, 0, m - 1)]
        first = self.en[np.clip(cols - b, 0, m - 1)]
        return (first == g) & (rows >= self.rows[g, 0]) & (rows <= self.rows[g, 1])
