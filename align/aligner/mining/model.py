"""The mining model: a logistic regression over candidate features, fitted on MAC-Dev mining sets
(``bench/mining.py`` writes ``align/aligner/data/mining.json``)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from align.aligner.logistic import predict, with_intercept

MODEL_PATH = Path(__file__).parent.parent / "data" / "mining.json"
FEATURES = ("margin", "sim", "cos", "cov_zh", "cov_en", "cov_min", "num_agree", "num_clash", "num_one_side",
            "len_abs", "short", "mutual", "gap")


def design(features: np.ndarray) -> np.ndarray:
    """Logistic-regression inputs: the features plus an intercept column."""
    return with_intercept(np.asarray(features, dtype=np.float64).reshape(-1, len(FEATURES)))


def probability(coef: np.ndarray, features: np.ndarray) -> np.ndarray:
    return predict(coef, design(features))


@lru_cache(maxsize=1)
def load_model() -> dict:
    try:
        raw = MODEL_PATH.read_bytes()
        model = json.loads(raw)
    except FileNotFoundError:  # pragma: no cover - shipped with the package
        raise RuntimeError(f"{MODEL_PATH} is missing; run bench/mining.py") from None
    for mode in ("embed", "fast"):
        if model.get("features") != list(FEATURES) or len(model[mode]["coef"]) != len(FEATURES) + 1:
            raise RuntimeError(f"{MODEL_PATH} does not match these features; rerun bench/mining.py")
    model["hash"] = hashlib.sha256(raw).hexdigest()[:12]
    return model
