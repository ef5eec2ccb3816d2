"""The pairing score and verdict: two logistic regressions over the candidate features, and two thresholds.

``bench/pairing.py --fit`` fits them on document sets cut from MAC-Dev
chapters and Bible chapters and passages and writes ``align/job/data/pairing.json``:

* ``related``: P(the two documents belong together: translation or comparable);
* ``translation``: P(the English is a translation of the Chinese);
* the score is their mean, ``(P(related) + P(translation)) / 2``: near 1 for
  a translation, near 1/2 for a comparable pair, near 0 for unrelated documents;
* the verdict is ``translation`` at or above ``thresholds.translation``,
  ``comparable`` at or above ``thresholds.comparable``, else ``unrelated``; the
  thresholds are those that classify the training sets' chosen pairs best.

Each mode (``embed``: sentence embeddings for the sentence-level evidence;
``fast``: dictionary rows) has its own coefficients, thresholds and the log
length ratio of translations (English letters per Han character).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from align.aligner.logistic import predict, with_intercept
from align.job.pairing.features import FEATURES

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "pairing.json"
VERDICTS = ("translation", "comparable", "unrelated")


def probabilities(mode_model: dict, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(related) and P(translation) for rows of ``features`` (columns: ``FEATURES``)."""
    x = with_intercept(np.asarray(features, dtype=np.float64).reshape(-1, len(FEATURES)))
    related = predict(mode_model["related"], x)
    translation = np.minimum(predict(mode_model["translation"], x), related)
    return related, translation


def score(related: np.ndarray, translation: np.ndarray) -> np.ndarray:
    return (related + translation) / 2


def verdicts(scores: np.ndarray, thresholds: dict) -> list[str]:
    return ["translation" if s >= thresholds["translation"] else "comparable" if s >= thresholds["comparable"] else "unrelated"
            for s in np.asarray(scores).tolist()]


@lru_cache(maxsize=1)
def load_model() -> dict:
    try:
        raw = MODEL_PATH.read_bytes()
    except FileNotFoundError:  # pragma: no cover - shipped with the package
        raise RuntimeError(f"{MODEL_PATH} is missing; run bench/pairing.py --fit") from None
    model = json.loads(raw)
    for mode in ("embed", "fast"):
        part = model.get(mode, {})
        if model.get("features") != list(FEATURES) or any(len(part.get(k, ())) != len(FEATURES) + 1 for k in ("related", "translation")):
            raise RuntimeError(f"{MODEL_PATH} does not match these features; rerun bench/pairing.py --fit")
    model["hash"] = hashlib.sha256(raw).hexdigest()[:12]
    return model
