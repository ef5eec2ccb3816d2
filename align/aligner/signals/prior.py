"""The bead type itself: one indicator per type, so the fitted weights learn how often 1-2, 2-1 or an omission occur."""

from __future__ import annotations

from align.aligner.settings import BEAD_TYPES
from align.aligner.signals.base import Cells, FeatureBlock, Signal, Stretch


def type_feature(a: int, b: int) -> str:
    return f"type_{a}{b}"


class BeadTypePrior(Signal):
    name = "prior"
    features = tuple(type_feature(a, b) for a, b in BEAD_TYPES)

    def compute(self, stretch: Stretch, state: None, cells: Cells, out: FeatureBlock) -> None:
        out[type_feature(cells.a, cells.b)] = 1.0
