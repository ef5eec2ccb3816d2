"""The search band: for each DP row i (zh sentences consumed), the en columns lo[i] .. lo[i]+W-1.

``lo`` never decreases, so every zh sentence and every en sentence sees a
contiguous stretch of the other side; the per-sentence views (``zh_base``,
``en_base``) are what the pairwise signals are computed over. Everything is
O((n + m) * W).
"""

from __future__ import annotations

import numpy as np

MAX_SIDE = 4  # largest number of sentences on one side of a bead


class Band:
    def __init__(self, n: int, m: int, lo: np.ndarray, width: int):
        if len(lo) != n + 1:
            raise ValueError("lo needs one entry per DP row (n + 1)")
        width = min(int(width), m + 1)
        self.n, self.m, self.width = n, m, int(width)
        lo = np.clip(np.asarray(lo, dtype=np.int64), 0, m)
        lo[0] = 0
        lo[-1] = min(lo[-1], max(0, m - width + 1))
        self.lo = np.maximum.accumulate(lo)
        # zh sentence s is a bead member for rows s+1 .. s+MAX_SIDE
        top = np.minimum(np.arange(n) + MAX_SIDE, n)
        self.zh_base = self.lo[np.arange(n) + 1] if n else np.zeros(0, np.int64)
        self.zh_width = self.width + int((self.lo[top] - self.zh_base).max()) if n else self.width
        # en sentence t is a bead member for columns t+1 .. t+MAX_SIDE
        hi = self.lo + self.width - 1
        t = np.arange(m)
        self.en_base = np.searchsorted(hi, t + 1, side="left") if m else np.zeros(0, np.int64)
        last = np.searchsorted(self.lo, t + MAX_SIDE, side="right") - 1 if m else np.zeros(0, np.int64)
        self.en_base = np.minimum(self.en_base, n)
        self.en_width = int(max(1, (last - self.en_base).max() + 1)) if m else 1

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(n, m, np.zeros(n + 1, dtype=np.int64), m + 1)

    @property
    def cells(self) -> int:
        return (self.n + 1) * self.width

    def columns(self) -> np.ndarray:
        """(n+1, W) absolute en column of every band cell (may exceed m: invalid)."""
        return self.lo[:, None] + np.arange(self.width)[None, :]

    def contains(self, i: int, j: int) -> bool:
        return 0 <= i <= self.n and self.lo[i] <= j < self.lo[i] + self.width and j <= self.m
