"""A document pair with gold beads, as the trainer sees it: the features of every cell of the whole grid.

The search is decoded over the whole grid here (no band), so the weights are
learned from every competing path, not only those near a first guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.aligner.pipeline import Sides, reestimated
from align.aligner.search.band import Band
from align.aligner.search.path import best_path
from align.aligner.search.scoring import NEG, StretchSearch, weigh
from align.aligner.settings import BEAD_TYPES
from align.aligner.signals import FEATURES
from align.core.bitext import IdPair


@dataclass
class Example:
    """Texts of a document pair and its gold beads; ``negative``: not a translation, no bead is right."""

    name: str
    zh: list[str]
    en: list[str]
    gold: list[IdPair]
    negative: bool = False


def path_beads(path) -> list[IdPair]:
    return [(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1 in path]


class TrainingPair:
    """Whole-grid features of one example; with ``first_pass`` weights, of its re-estimated lexicon."""

    def __init__(self, example: Example, sides: Sides, first_pass: np.ndarray | None = None):
        self.name = example.name
        self.gold = list(example.gold)
        self.negative = example.negative
        self.dictionary_sides = sides
        n, m = len(sides.zh), len(sides.en)
        full = Band.full(n, m)
        if first_pass is not None:
            path, _, _ = StretchSearch(sides.zh, sides.en, full, BEAD_TYPES).align(first_pass)
            sides = reestimated(sides, path_beads(path))
        self.sides = sides
        self.search = StretchSearch(sides.zh, sides.en, full, BEAD_TYPES)
        self.F, self.valid = [], []
        for t in range(len(BEAD_TYPES)):  # the whole grid, row by row: a (features, rows, columns) block
            F, valid = self.search.type_features(t)
            self.F.append(F.reshape(len(FEATURES), n + 1, m + 1))
            self.valid.append(valid.reshape(n + 1, m + 1))
        self.gold_phi = np.zeros(len(FEATURES))
        self.blocked_zh: set[int] = set()
        self.blocked_en: set[int] = set()
        for src, tgt in ([] if self.negative else self.gold):
            kind = (len(src), len(tgt))
            if kind not in BEAD_TYPES:  # larger than any searched bead: its sentences are left out of training
                self.blocked_zh.update(src)
                self.blocked_en.update(tgt)
                continue
            i1 = (src[-1] + 1) if src else self._row_before(tgt)
            j1 = (tgt[-1] + 1) if tgt else self._col_before(src)
            self.gold_phi += self.F[BEAD_TYPES.index(kind)][:, i1, j1]

    def _row_before(self, tgt) -> int:
        """Chinese sentences consumed before an English-only bead."""
        index = next(k for k, (_, t) in enumerate(self.gold) if t == tgt)
        prior = [s for s, _ in self.gold[:index] if s]
        return prior[-1][-1] + 1 if prior else 0

    def _col_before(self, src) -> int:
        index = next(k for k, (s, _) in enumerate(self.gold) if s == src)
        prior = [t for _, t in self.gold[:index] if t]
        return prior[-1][-1] + 1 if prior else 0

    def _scores(self, w, rows=slice(None), cols=slice(None)) -> list[np.ndarray]:
        """Scores of every cell of a sub-grid, in cell order (row by row), as ``best_path`` takes them."""
        out = []
        for F, valid in zip(self.F, self.valid):
            s = weigh(w, F[:, rows, cols])
            s[~valid[rows, cols]] = NEG
            out.append(s.ravel())
        return out

    def decode(self, w) -> list[tuple[int, int, int, int]]:
        return best_path(self.search.band, BEAD_TYPES, self._scores(w))

    def phi(self, path) -> np.ndarray:
        """Summed features of a path's beads, leaving out those touching blocked sentences."""
        total = np.zeros(len(FEATURES))
        for i0, i1, j0, j1 in path:
            if self.blocked_zh.intersection(range(i0, i1)) or self.blocked_en.intersection(range(j0, j1)):
                continue
            total += self.F[BEAD_TYPES.index((i1 - i0, j1 - j0))][:, i1, j1]
        return total

    def chunks(self, size: int = 12) -> list[tuple[int, int, int, int, np.ndarray]]:
        """Stretches of ``size`` gold beads as training instances: (i0, i1, j0, j1, gold phi)."""
        out = []
        zi = ei = 0
        bounds = []
        for src, tgt in self.gold:
            zi += len(src)
            ei += len(tgt)
            bounds.append((zi, ei, src, tgt))
        start = (0, 0)
        for k in range(0, len(bounds), size):
            part = bounds[k:k + size]
            end = part[-1][:2]
            phi = np.zeros(len(FEATURES))
            ok = True
            for i1, j1, src, tgt in part:
                kind = (len(src), len(tgt))
                if kind not in BEAD_TYPES:
                    ok = False
                    break
                phi += self.F[BEAD_TYPES.index(kind)][:, i1, j1]
            if ok:
                out.append((start[0], end[0], start[1], end[1], phi))
            start = end
        return out

    def decode_chunk(self, w, i0: int, i1: int, j0: int, j1: int) -> np.ndarray:
        """Summed features of the best path through the sub-grid (i0, j0)..(i1, j1)."""
        scores = self._scores(w, slice(i0, i1 + 1), slice(j0, j1 + 1))
        path = best_path(Band.full(i1 - i0, j1 - j0), BEAD_TYPES, scores)
        phi = np.zeros(len(FEATURES))
        for a0, a1, b0, b1 in path:
            phi += self.F[BEAD_TYPES.index((a1 - a0, b1 - b0))][:, i0 + a1, j0 + b1]
        return phi
