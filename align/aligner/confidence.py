"""Confidence: a logistic regression over a bead's features, its search score and its contrast with nearby beads.

Fitted on MAC-Dev gold by ``bench/fit_aligner.py`` (label: the bead is exactly
a gold bead), so the output is a calibrated probability that the bead is right.
Inputs are ``model.CONFIDENCE_INPUTS`` in that order.
"""

from __future__ import annotations

import numpy as np

from align.aligner.logistic import predict, with_intercept

__all__ = ["confidence_inputs", "predict"]


def confidence_inputs(rows: np.ndarray, scores: np.ndarray, contrast: np.ndarray) -> np.ndarray:
    """Design matrix: bead features, search score, contrast with nearby beads (see ``contrast``), intercept."""
    rows = np.asarray(rows, dtype=np.float64)
    return with_intercept(np.hstack([rows, np.asarray(scores, dtype=np.float64)[:, None], contrast]))
