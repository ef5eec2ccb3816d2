"""Fit the search weights (averaged structured perceptron) and the confidence model (logistic regression).

The model has two passes: a first pass aligns with the dictionary lexicon, a
translation table is learned from its beads, and the second pass aligns
again with the extended lexicon. Both passes are fitted here, from scratch
and deterministically (fixed seed, one BLAS thread), so the shipped model can
be rebuilt from a clean checkout. Leave-one-out is nested: the held-out
example is aligned with first-pass *and* second-pass weights and a confidence
model fitted on the others only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from align.aligner.confidence import confidence_inputs
from align.aligner.contrast import contrast_features
from align.aligner.evaluate import score
from align.aligner.logistic import fit_logistic, predict
from align.aligner.pipeline import Sides
from align.aligner.signals import FEATURES
from align.aligner.training.pairs import Example, TrainingPair, path_beads

# The perceptron's starting point: a plausible hand-set model.
START_WEIGHTS = {
    "cos": 4.0, "cos_min": 2.0, "merge_cos_min": 1.0, "len_abs": -1.0, "len_sq": -0.5,
    "lex_zh": 1.0, "lex_en": 1.0, "lex_min": 1.0, "merge_lex_min": 0.5, "quote_mismatch": -0.3,
    "omit_len": -0.2,
    "type_11": 0.0, "type_12": -2.0, "type_21": -2.0, "type_13": -3.0, "type_31": -3.0, "type_22": -3.0,
    "type_14": -4.0, "type_41": -4.0, "type_23": -4.0, "type_32": -4.0, "type_10": -1.0, "type_01": -1.0,
}
# mismatched halves teach the confidence model that fluent, on-topic pairs are not enough;
# a small weight keeps calibration on real translations intact
NEGATIVE_WEIGHT = 0.1
LEARNING_RATE = 0.1
SEED = 0

Log = Callable[[str], None]


@dataclass
class FitSettings:
    epochs: int = 20
    unused: tuple[str, ...] = ()  # features held at 0 in this mode (chosen leave-one-out)
    reestimate: bool = True

    def mask(self) -> np.ndarray:
        return np.asarray([0.0 if name in self.unused else 1.0 for name in FEATURES])


def perceptron(pairs: list[TrainingPair], settings: FitSettings) -> np.ndarray:
    """Averaged structured perceptron over stretches of gold beads, seeded: the same input gives the same weights."""
    mask = settings.mask()
    w = np.asarray([START_WEIGHTS.get(name, 0.0) for name in FEATURES]) * mask
    total = np.zeros_like(w)
    steps = 0
    rng = np.random.default_rng(SEED)
    instances = [(pair, chunk) for pair in pairs for chunk in pair.chunks()]
    for _ in range(settings.epochs):
        for k in rng.permutation(len(instances)):
            pair, (i0, i1, j0, j1, gold_phi) = instances[k]
            w = w + LEARNING_RATE * mask * (gold_phi - pair.decode_chunk(w, i0, i1, j0, j1))
            total += w
            steps += 1
    return total / max(steps, 1)


def bead_table(pair: TrainingPair, w: np.ndarray):
    """The pair's decoded beads, their confidence inputs and labels (exactly a gold bead or not)."""
    path = pair.decode(w)
    rows, scores = pair.search.bead_rows(path, w)
    beads = path_beads(path)
    gold = set(pair.gold)
    labels = np.asarray([b in gold for b in beads], dtype=float)
    return beads, confidence_inputs(rows, scores, contrast_features(pair.dictionary_sides, beads)), labels


def fit_confidence(pairs: list[TrainingPair], w: np.ndarray) -> np.ndarray:
    X, Y, sw = [], [], []
    for pair in pairs:
        _, x, labels = bead_table(pair, w)
        X.append(x)
        Y.append(labels)
        sw.append(np.full(len(labels), NEGATIVE_WEIGHT if pair.negative else 1.0))
    return fit_logistic(np.vstack(X), np.concatenate(Y), weights=np.concatenate(sw))


@dataclass
class ModeFit:
    first_pass: np.ndarray | None
    search: np.ndarray
    confidence: np.ndarray
    report: dict = field(default_factory=dict)


class Trainer:
    """Fits one mode on examples whose sides are prepared once (``sides[name]``)."""

    def __init__(self, examples: list[Example], sides: dict[str, Sides], settings: FitSettings, log: Log = print):
        self.examples, self.sides, self.settings, self.log = examples, sides, settings, log
        self.single = {ex.name: TrainingPair(ex, sides[ex.name]) for ex in examples}

    def _pairs(self, first_pass: np.ndarray | None, names: list[str]) -> list[TrainingPair]:
        if first_pass is None:
            return [self.single[name] for name in names]
        by_name = {ex.name: ex for ex in self.examples}
        return [TrainingPair(by_name[name], self.sides[name], first_pass) for name in names]

    def fit(self, names: list[str]) -> ModeFit:
        """Both passes and the confidence model, on the examples named (gold ones for the search)."""
        positives = [n for n in names if not self._example(n).negative]
        first_pass = None
        if self.settings.reestimate:
            first_pass = perceptron(self._pairs(None, positives), self.settings)
        pairs = self._pairs(first_pass, names)
        search = perceptron([p for p in pairs if not p.negative], self.settings)
        return ModeFit(first_pass, search, fit_confidence(pairs, search))

    def _example(self, name: str) -> Example:
        return next(ex for ex in self.examples if ex.name == name)

    def held_out(self, name: str, fitted: ModeFit):
        """Beads, confidences and labels of one example aligned with a model fitted without it."""
        pair = self._pairs(fitted.first_pass, [name])[0]
        beads, x, labels = bead_table(pair, fitted.search)
        return beads, predict(fitted.confidence, x), labels

    def leave_one_out(self, groups: list[list[str]]) -> dict:
        """Each group (an example and the negatives made from it) held out in turn; figures on the gold examples."""
        golds, tests, probs, labels, per_example = [], [], [], [], {}
        every = [ex.name for ex in self.examples]
        for group in groups:
            fitted = self.fit([n for n in every if n not in group])
            for name in group:
                ex = self._example(name)
                if ex.negative:
                    continue
                beads, p, y = self.held_out(name, fitted)
                golds.append(ex.gold)
                tests.append(beads)
                probs.append(p)
                labels.append(y)
                s = score([ex.gold], [beads])
                per_example[name] = s["strict"]["f1"]
                self.log(f"held-out {name}: strict F1 {s['strict']['f1']:.3f} lax {s['lax']['f1']:.3f}")
        overall = score(golds, tests)
        p, y = np.concatenate(probs), np.concatenate(labels)
        high = p >= 0.9
        return {
            "strict_f1": overall["strict"]["f1"], "lax_f1": overall["lax"]["f1"], "per_example": per_example,
            "ece": expected_calibration_error(p, y), "confident_share": float(high.mean()),
            "confident_correct": float(y[high].mean()) if high.any() else None,
            "probabilities": p, "labels": y,
        }


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for k in range(bins):
        inside = (p >= edges[k]) & ((p < edges[k + 1]) | (k == bins - 1))
        if inside.any():
            total += inside.mean() * abs(p[inside].mean() - y[inside].mean())
    return float(total)
