"""Scores of every candidate bead in a band, computed a block of rows at a time, and the best path through them.

Memory is bounded by the block size, not by the document: the features of a
block are computed, weighed and dropped. The features of the chosen beads are
computed again afterwards, for the chosen cells only.
"""

from __future__ import annotations

import numpy as np

from align.aligner import signals
from align.aligner.search.band import Band
from align.aligner.search.path import best_path
from align.aligner.signals import FEATURES, Cells, SideData, Stretch
from align.aligner.signals.prior import type_feature

BLOCK_BYTES = 32_000_000  # features of one block of rows: D x rows x band width float32
NEG = -1e18


def weigh(weights: np.ndarray, F: np.ndarray) -> np.ndarray:
    """Bead scores w . f for every cell of a (D, ...) feature block, in float64."""
    flat = np.ascontiguousarray(F).reshape(F.shape[0], -1)
    return (weights.astype(np.float32) @ flat).reshape(F.shape[1:]).astype(np.float64)


class StretchSearch:
    """One zh/en stretch: its band, the signals' precomputed state, and per-type scores on demand."""

    def __init__(self, zh: SideData, en: SideData, band: Band, bead_types: tuple[tuple[int, int], ...]):
        self.bead_types = tuple(bead_types)
        self.stretch = signals.prepare(Stretch(zh, en, band))
        self.band = band

    def band_cells(self, t: int, start: int = 0, stop: int | None = None) -> Cells:
        """Cells of band rows start..stop-1 for bead type t; valid when the bead's first cell is in the band too
        (and, with paragraph groups, when its sentences lie in one group)."""
        band = self.band
        n, m = band.n, band.m
        stop = n + 1 if stop is None else min(stop, n + 1)
        a, b = self.bead_types[t]
        rows, cols = band.row_cells(start, stop)
        cells = Cells(a, b, rows, cols, n, m)
        src_i = np.clip(rows - a, 0, n)
        cells.valid &= band.within(src_i, cols - b)
        if band.groups is not None:
            cells.valid &= band.groups.valid(a, b, cells.r, cells.c)
        return cells

    def type_features(self, t: int, start: int = 0, stop: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(features (D, cells), valid (cells,)) of bead type t over band rows start..stop-1, in cell order."""
        cells = self.band_cells(t, start, stop)
        return signals.bead_features(self.stretch, cells), cells.valid

    def block_scores(self, weights: np.ndarray, start: int, stop: int) -> list[np.ndarray]:
        """Per bead type, the scores of the cells of rows start..stop-1; NEG where no bead of that type ends."""
        out = []
        for t in range(len(self.bead_types)):
            F, valid = self.type_features(t, start, stop)
            s = weigh(weights, F)
            s[~valid] = NEG
            out.append(s)
        return out

    def rows_per_block(self) -> int:
        return max(1, BLOCK_BYTES // (len(FEATURES) * self.band.width * 4))

    def align(self, weights: np.ndarray):
        """Beads (i0, i1, j0, j1), their feature rows (k, D) and scores (k,)."""
        n, m = self.band.n, self.band.m
        if n == 0 or m == 0:
            beads = [(i, i + 1, 0, 0) for i in range(n)] + [(0, 0, j, j + 1) for j in range(m)]
            rows = np.zeros((len(beads), len(FEATURES)), np.float32)
            for r, (i0, i1, j0, j1) in enumerate(beads):
                rows[r, FEATURES.index(type_feature(i1 - i0, j1 - j0))] = 1.0
            return beads, rows, rows.astype(np.float64) @ weights
        path = best_path(self.band, self.bead_types, lambda start, stop: self.block_scores(weights, start, stop),
                         self.rows_per_block())
        return path, *self.bead_rows(path, weights)

    def bead_rows(self, path, weights: np.ndarray):
        """Feature rows (k, D) and scores (k,) of the beads of a path."""
        rows = np.zeros((len(path), len(FEATURES)), np.float32)
        by_type: dict[tuple[int, int], list[int]] = {}
        for r, (i0, i1, j0, j1) in enumerate(path):
            by_type.setdefault((i1 - i0, j1 - j0), []).append(r)
        for (a, b), members in by_type.items():
            ends = np.asarray([path[r][1] for r in members])
            cols = np.asarray([path[r][3] for r in members])
            F = signals.bead_features(self.stretch, Cells(a, b, ends, cols, self.band.n, self.band.m))
            rows[members] = F.T
        return rows, rows.astype(np.float64) @ weights
