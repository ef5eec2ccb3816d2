"""Length: a translation is about as long as its source, relative to how wordy this translator is.

Chinese counts non-space characters, English counts characters. The feature is
the log of the bead's en/zh length ratio against the stretch's own overall
ratio, so a terse or wordy translator is not penalised. Omission beads are
scored by how much text they leave out; merges by their shortest member (a
one-word "he said." is easy to attach anywhere).
"""

from __future__ import annotations

import numpy as np

from align.aligner.signals.base import Cells, FeatureBlock, Signal, Stretch, prefix_sums, sized, span_totals


def char_lengths(texts: list[str], lang: str) -> np.ndarray:
    if lang == "zh":
        return np.asarray([sum(1 for ch in t if not ch.isspace()) for t in texts], dtype=np.float64)
    return np.asarray([len(t.strip()) for t in texts], dtype=np.float64)


class LengthState:
    """Prefix sums of the lengths, and the en/zh length ratio of the stretch (of each paragraph pair when the
    band has groups: a terse paragraph is judged against its own pair)."""

    def __init__(self, stretch: Stretch):
        zh, en = stretch.zh.lengths, stretch.en.lengths
        self.zl = prefix_sums(zh)
        self.el = prefix_sums(en)
        self.groups = stretch.band.groups
        if self.groups is None:
            self.ratios = np.asarray([float(en.sum() + 1.0) / float(zh.sum() + 1.0)])
        else:
            zc = self.zl[self.groups.rows[:, 1]] - self.zl[self.groups.rows[:, 0]]
            ec = self.el[self.groups.cols[:, 1]] - self.el[self.groups.cols[:, 0]]
            self.ratios = (ec + 1.0) / (zc + 1.0)

    def ratio(self, cells: Cells):
        """The ratio each candidate bead is judged against (a number, or one per cell)."""
        if self.groups is None:
            return float(self.ratios[0])
        return self.ratios[self.groups.zh[np.clip(cells.r - 1, 0, max(cells.n - 1, 0))]]

    def spans(self, cells: Cells) -> tuple[np.ndarray, np.ndarray]:
        """Characters on each side of every candidate bead."""
        return (span_totals(self.zl, cells.r, cells.a, cells.n), span_totals(self.el, cells.c, cells.b, cells.m))


class Length(Signal):
    name = "length"
    features = ("len_abs", "len_sq", "len_mn", "sz_len_abs", "omit_len", "short_member")

    def prepare(self, stretch: Stretch) -> LengthState:
        return LengthState(stretch)

    def reason(self, features: dict[str, float]) -> str | None:
        return "length" if features["len_abs"] <= 0.35 else None

    def compute(self, stretch: Stretch, state: LengthState, cells: Cells, out: FeatureBlock) -> None:
        zlen, elen = state.spans(cells)
        if cells.omission:
            out["omit_len"] = np.log1p(zlen + elen)
            return
        ratio = state.ratio(cells)
        d = np.log((elen + 8.0) / (ratio * zlen + 8.0))
        out["len_abs"] = np.abs(d)
        out["len_sq"] = d * d
        if cells.a > 1 and cells.b > 1:
            out["len_mn"] = np.abs(d)
        if cells.merge:
            out["short_member"] = np.log1p(self._shortest(stretch, ratio, cells))
        out["sz_len_abs"] = sized(cells, out["len_abs"])

    @staticmethod
    def _shortest(stretch: Stretch, ratio, cells: Cells) -> np.ndarray:
        n, m = cells.n, cells.m
        shortest = np.full(cells.shape, np.inf)
        if n:
            for o in range(1, cells.a + 1):
                np.minimum(shortest, stretch.zh.lengths[np.clip(cells.r - o, 0, n - 1)] * ratio, out=shortest)
        if m:
            for o in range(1, cells.b + 1):
                np.minimum(shortest, stretch.en.lengths[np.clip(cells.c - o, 0, m - 1)], out=shortest)
        return shortest
