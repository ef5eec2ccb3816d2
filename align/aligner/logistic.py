"""Logistic regression, the one implementation the confidence model and mining both use."""

from __future__ import annotations

import numpy as np


def predict(coef, x: np.ndarray) -> np.ndarray:
    """Probabilities for the rows of ``x`` (the last column is the intercept's 1)."""
    z = np.clip(x @ np.asarray(coef, dtype=np.float64), -30, 30)
    return 1.0 / (1.0 + np.exp(-z))


def with_intercept(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return np.hstack([x, np.ones((len(x), 1))])


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
