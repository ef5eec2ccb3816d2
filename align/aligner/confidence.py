"""Confidence: a logistic regression over a bead's features and its search score.

Fitted on MAC-Dev gold by ``bench/fit_aligner.py`` (label: the bead is exactly
a gold bead), so the output is a calibrated probability that the bead is right.
"""

from __future__ import annotations

import numpy as np


def confidence_inputs(rows: np.ndarray, scores: np.ndarray, contrast: np.ndarray) -> np.ndarray:
    """Design matrix: bead features, search score, contrast with nearby beads (see ``contrast``), intercept."""
    rows = np.asarray(rows, dtype=np.float64)
    return np.hstack([rows, np.asarray(scores, dtype=np.float64)[:, None], contrast, np.ones((len(rows), 1))])


def predict(coef, x: np.ndarray) -> np.ndarray:
    z = np.clip(x @ np.asarray(coef, dtype=np.float64), -30, 30)
    return 1.0 / (1.0 + np.exp(-z))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50, weights: np.ndarray | None = None) -> np.ndarray:
    """L2-regularised, optionally sample-weighted logistic regression by Newton's method (intercept not penalised)."""
    sw = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = predict(w, x)
        grad = x.T @ (sw * (p - y)) + penalty * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w
