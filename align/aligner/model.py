"""The fitted model: bead weights for the search and the confidence calibration, by feature name.

``data/model.json`` is written by ``bench/fit_aligner.py`` (all passes, from a
clean checkout, deterministic; ``--check`` verifies the shipped file). It
lists the features it was fitted for: a model whose features differ from the
signals' (``align.aligner.signals.FEATURES``) is refused with the names that
differ, never read with missing weights as zeros. Its content hash goes into
every signature.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from align.aligner.signals import FEATURES
from align.core.errors import BitextError

MODEL_PATH = Path(__file__).parent / "data" / "model.json"
FORMAT = 2
MODES = ("embed", "fast")
# confidence inputs after the bead features: the search score, the contrast features, an intercept
CONFIDENCE_EXTRA = ("search_score", "emb_contrast", "lex_contrast", "lex_pair", "intercept")
CONFIDENCE_INPUTS = FEATURES + CONFIDENCE_EXTRA
REBUILD = "rebuild it with: python bench/fit_aligner.py"


class ModelError(BitextError):
    """The model file does not fit this code (or is unreadable): the installation is inconsistent."""

    exit_code = 5


class Model:
    def __init__(self, data: dict, path: Path, digest: str):
        self.data, self.path, self.hash = data, path, digest
        self.version = str(data.get("version", "unknown"))
        self._check()

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> Model:
        path = Path(path)
        try:
            raw = path.read_bytes()
            data = json.loads(raw)
        except FileNotFoundError:
            raise ModelError(f"{path}: the aligner's model is missing; {REBUILD}") from None
        except (OSError, ValueError) as error:
            raise ModelError(f"{path}: cannot read the aligner's model ({error}); {REBUILD}") from None
        return cls(data, path, hashlib.sha256(raw).hexdigest()[:12])

    def _check(self) -> None:
        if self.data.get("format") != FORMAT:
            raise ModelError(f"{self.path}: model format {self.data.get('format')!r}, this code reads format {FORMAT}; {REBUILD}")
        _same_names(self.path, "features", self.data.get("features", []), FEATURES)
        for mode in MODES:
            part = self.data.get(mode)
            if not isinstance(part, dict) or "search" not in part or "confidence" not in part:
                raise ModelError(f"{self.path}: no {mode} model; {REBUILD}")
            for key in ("first_pass", "search"):
                if key in part:
                    _same_names(self.path, f"{mode}.{key}", part[key], FEATURES)
            _same_names(self.path, f"{mode}.confidence", part["confidence"], CONFIDENCE_INPUTS)

    def _vector(self, weights: dict, names: tuple[str, ...]) -> np.ndarray:
        return np.asarray([weights[name] for name in names], dtype=np.float64)

    def search_weights(self, mode: str) -> np.ndarray:
        return self._vector(self.data[mode]["search"], FEATURES)

    def first_pass_weights(self, mode: str) -> np.ndarray | None:
        """Weights of the pass before lexicon re-estimation (None: the model has one pass)."""
        stored = self.data[mode].get("first_pass")
        return None if stored is None else self._vector(stored, FEATURES)

    def confidence_coef(self, mode: str) -> np.ndarray:
        """Coefficients over ``CONFIDENCE_INPUTS`` (see ``confidence.confidence_inputs``)."""
        return self._vector(self.data[mode]["confidence"], CONFIDENCE_INPUTS)


def _same_names(path: Path, what: str, found, expected: tuple[str, ...]) -> None:
    found = set(found)
    missing = [name for name in expected if name not in found]
    extra = sorted(found - set(expected))
    if missing or extra:
        details = "; ".join(part for part in (
            f"missing {', '.join(missing)}" if missing else "",
            f"unknown {', '.join(extra)}" if extra else "",
        ) if part)
        raise ModelError(f"{path}: {what} does not match the aligner's features ({details}); {REBUILD}")


@lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_PATH) -> Model:
    return Model.load(path)
