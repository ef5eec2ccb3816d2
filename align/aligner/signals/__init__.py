"""The signals, in one list: each contributes named features to every candidate bead.

The feature vector of a bead is the concatenation of the signals' features in
this order (``FEATURES``); the model stores its weights by feature name, so a
model fitted for another list is refused with the names that differ.

>>> from align.aligner.signals import FEATURES, SIGNALS
"""

from __future__ import annotations

import numpy as np

from align.aligner.signals.base import Cells, FeatureBlock, SideData, Signal, Stretch
from align.aligner.signals.dialogue import Dialogue
from align.aligner.signals.embedding import Embedding
from align.aligner.signals.length import Length
from align.aligner.signals.lexical import Lexical
from align.aligner.signals.prior import BeadTypePrior

# the order reason codes are given in: embedding, lexical, length
SIGNALS: tuple[Signal, ...] = (Embedding(), Lexical(), Length(), Dialogue(), BeadTypePrior())
FEATURES: tuple[str, ...] = tuple(name for signal in SIGNALS for name in signal.features)

__all__ = ["SIGNALS", "FEATURES", "Signal", "SideData", "Stretch", "Cells", "FeatureBlock", "prepare", "bead_features", "reasons"]


def prepare(stretch: Stretch) -> Stretch:
    """Let every available signal precompute what it needs over the stretch's band."""
    for signal in SIGNALS:
        if signal.available(stretch):
            stretch.state[signal.name] = signal.prepare(stretch)
    return stretch


def reasons(row: np.ndarray) -> list[str]:
    """Reason codes of a bead from its feature row (``FEATURES`` order)."""
    features = dict(zip(FEATURES, map(float, row)))
    return [code for code in (signal.reason(features) for signal in SIGNALS) if code]


def bead_features(stretch: Stretch, cells: Cells) -> np.ndarray:
    """Features (len(FEATURES), *cells.shape) of the candidate beads; 0 where a cell is not a bead."""
    block = FeatureBlock(FEATURES, cells.shape)
    for signal in SIGNALS:
        if signal.name in stretch.state:
            signal.compute(stretch, stretch.state[signal.name], cells, block)
    block.values[:, ~cells.valid] = 0.0
    return block.values
