"""Learned weights: bead scores for the search and the confidence calibration.

``data/model.json`` is written by ``bench/fit_aligner.py`` (structured
perceptron for the search weights, logistic regression for confidence, both
fitted on MAC-Dev gold). One set per mode: ``embed`` and ``fast``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from align.aligner.features import NAMES

MODEL_PATH = Path(__file__).parent / "data" / "model.json"

# Used only until a fitted model exists, and as the perceptron's starting point.
DEFAULT_WEIGHTS = {
    "cos": 4.0, "cos_min": 2.0, "merge_cos_min": 1.0, "len_abs": -1.0, "len_sq": -0.5,
    "lex_zh": 1.0, "lex_en": 1.0, "lex_min": 1.0, "merge_lex_min": 0.5, "quote_mismatch": -0.3,
    "omit_len": -0.2,
    "type_11": 0.0, "type_12": -2.0, "type_21": -2.0, "type_13": -3.0, "type_31": -3.0, "type_22": -3.0,
    "type_14": -4.0, "type_41": -4.0, "type_23": -4.0, "type_32": -4.0, "type_10": -1.0, "type_01": -1.0,
}


@lru_cache(maxsize=1)
def load_model() -> dict:
    if MODEL_PATH.is_file():
        return json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return {}


def search_weights(mode: str) -> np.ndarray:
    stored = load_model().get(mode, {}).get("search")
    if stored:
        return np.asarray([stored.get(name, 0.0) for name in NAMES], dtype=np.float64)
    return np.asarray([DEFAULT_WEIGHTS.get(name, 0.0) for name in NAMES], dtype=np.float64)


def confidence_model(mode: str) -> dict | None:
    return load_model().get(mode, {}).get("confidence")


def model_version() -> str:
    return str(load_model().get("version", "default"))


def first_pass_weights(mode: str) -> np.ndarray | None:
    """Weights of the pass before lexicon re-estimation, when the model was fitted with one."""
    stored = load_model().get(mode, {}).get("first_pass")
    if not stored:
        return None
    return np.asarray([stored.get(name, 0.0) for name in NAMES], dtype=np.float64)
