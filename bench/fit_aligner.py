"""Fit the aligner's weights on MAC-Dev gold and store them in align/aligner/data/model.json.

Search weights: averaged structured perceptron (the DP path itself is what is
learned). Confidence: logistic regression on the beads the search picks,
label = the bead is exactly a gold bead. Reports leave-one-chapter-out figures
(each chapter aligned with weights fitted on the other five) beside in-sample.

    .venv/bin/python bench/fit_aligner.py            # fit both modes, write model.json
    .venv/bin/python bench/fit_aligner.py --no-write # only report
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.aligner.features import BEAD_TYPES, NAMES  # noqa: E402
from align.aligner.model import DEFAULT_WEIGHTS, MODEL_PATH  # noqa: E402
from align.aligner.pipeline import Pair, prepare  # noqa: E402
from align.aligner.search import best_path  # noqa: E402
from align.aligner.confidence import confidence_inputs, fit_logistic, predict  # noqa: E402
from align.evaluate import read_align, score  # noqa: E402

DATA = ROOT.parent / "shared" / "benchmarks" / "mac-dev"
CHAPTERS = ["001", "002", "003", "004", "005", "006"]


class Chapter:
    def __init__(self, name: str, fast: bool):
        zh = (DATA / "zh" / name).read_text(encoding="utf-8").splitlines()
        en = (DATA / "en" / name).read_text(encoding="utf-8").splitlines()
        self.name = name
        self.gold = read_align(DATA / "gold" / f"{name}.align")
        sides = prepare(zh, en, fast=fast)
        self.pair = Pair(sides.zh, sides.en)
        self.F = []
        self.valid = []
        for t in range(len(BEAD_TYPES)):
            F, valid = self.pair.features(t)
            self.F.append(F.astype(np.float64))
            self.valid.append(valid)
        lo = self.pair.band.lo
        self.gold_phi = np.zeros(len(NAMES))
        blocked_zh, blocked_en = set(), set()
        for src, tgt in self.gold:
            kind = (len(src), len(tgt))
            if kind not in BEAD_TYPES:
                blocked_zh.update(src)
                blocked_en.update(tgt)
                continue
            i1 = (src[-1] + 1) if src else self._row_before(tgt)
            j1 = (tgt[-1] + 1) if tgt else self._col_before(src)
            self.gold_phi += self.F[BEAD_TYPES.index(kind)][i1, j1 - lo[i1]]
        self.blocked_zh, self.blocked_en = blocked_zh, blocked_en

    def _row_before(self, tgt):  # zh sentences consumed before an en-only bead
        for src, t in self.gold:
            if t == tgt:
                break
        prior = [s for s, t in self.gold[: self.gold.index((src, tgt))] if s]
        return prior[-1][-1] + 1 if prior else 0

    def _col_before(self, src):
        index = next(k for k, (s, _) in enumerate(self.gold) if s == src)
        prior = [t for _, t in self.gold[:index] if t]
        return prior[-1][-1] + 1 if prior else 0

    def decode(self, w):
        scores = []
        for F, valid in zip(self.F, self.valid):
            s = F @ w
            s[~valid] = -1e18
            scores.append(s)
        return best_path(self.pair.band, BEAD_TYPES, scores)

    def phi(self, path):
        lo = self.pair.band.lo
        total = np.zeros(len(NAMES))
        for i0, i1, j0, j1 in path:
            if self.blocked_zh.intersection(range(i0, i1)) or self.blocked_en.intersection(range(j0, j1)):
                continue
            total += self.F[BEAD_TYPES.index((i1 - i0, j1 - j0))][i1, j1 - lo[i1]]
        return total

    def chunks(self, size: int = 12):
        """Stretches of ``size`` gold beads as training instances: (i0, i1, j0, j1, gold phi)."""
        lo = self.pair.band.lo
        out = []
        zi = ei = 0
        bounds = []
        for src, tgt in self.gold:
            zi += len(src)
            ei += len(tgt)
            bounds.append((zi, ei, src, tgt))
        start = (0, 0)
        for k in range(0, len(bounds), size):
            part = bounds[k:k + size]
            end = part[-1][:2]
            phi = np.zeros(len(NAMES))
            ok = True
            for i1, j1, src, tgt in part:
                kind = (len(src), len(tgt))
                if kind not in BEAD_TYPES:
                    ok = False
                    break
                phi += self.F[BEAD_TYPES.index(kind)][i1, j1 - lo[i1]]
            if ok:
                out.append((start[0], end[0], start[1], end[1], phi))
            start = end
        return out

    def decode_chunk(self, w, i0, i1, j0, j1):
        from align.aligner.band import Band

        scores = []
        for F, valid in zip(self.F, self.valid):
            sub = F[i0:i1 + 1, j0:j1 + 1]
            s = sub @ w
            s[~valid[i0:i1 + 1, j0:j1 + 1]] = -1e18
            scores.append(s)
        path = best_path(Band.full(i1 - i0, j1 - j0), BEAD_TYPES, scores)
        phi = np.zeros(len(NAMES))
        for a0, a1, b0, b1 in path:
            phi += self.F[BEAD_TYPES.index((a1 - a0, b1 - b0))][i0 + a1, j0 + b1]
        return phi

    def beads(self, path):
        return [(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1 in path]


def perceptron(chapters, epochs: int) -> np.ndarray:
    w = np.asarray([DEFAULT_WEIGHTS.get(n, 0.0) for n in NAMES])
    total = np.zeros_like(w)
    steps = 0
    rng = np.random.default_rng(0)
    instances = [(ch, c) for ch in chapters for c in ch.chunks()]
    for _ in range(epochs):
        for k in rng.permutation(len(instances)):
            ch, (i0, i1, j0, j1, gold_phi) = instances[k]
            w = w + 0.1 * (gold_phi - ch.decode_chunk(w, i0, i1, j0, j1))
            total += w
            steps += 1
    return total / steps


def bead_table(ch, w):
    path = ch.decode(w)
    rows, scores = ch.pair.bead_rows(path, w)
    gold = set(ch.gold)
    labels = np.asarray([b in gold for b in ch.beads(path)], dtype=float)
    return path, confidence_inputs(rows, scores), labels


def leave_one_chapter_out(chapters, epochs: int, mode: str = ""):
    """Each chapter aligned with weights and confidence fitted on the other five."""
    tests, probs, labels, per_chapter = [], [], [], {}
    for k, ch in enumerate(chapters):
        rest = chapters[:k] + chapters[k + 1:]
        w = perceptron(rest, epochs)
        X, y = [], []
        for other in rest:
            _, x, lab = bead_table(other, w)
            X.append(x)
            y.append(lab)
        coef = fit_logistic(np.vstack(X), np.concatenate(y))
        path, x, lab = bead_table(ch, w)
        tests.append(ch.beads(path))
        probs.append(predict(coef, x))
        labels.append(lab)
        s = score([ch.gold], [ch.beads(path)])
        per_chapter[ch.name] = s
        print(f"[{mode}] held-out {ch.name}: strict F1 {s['strict']['f1']:.3f} lax {s['lax']['f1']:.3f}", flush=True)
    overall = score([c.gold for c in chapters], tests)
    return overall, per_chapter, np.concatenate(probs), np.concatenate(labels)


def run(mode: str, epochs: int) -> dict:
    fast = mode == "fast"
    t = time.time()
    chapters = [Chapter(c, fast) for c in CHAPTERS]
    print(f"[{mode}] features ready in {time.time() - t:.1f}s", flush=True)
    loco, per_chapter, p, y = leave_one_chapter_out(chapters, epochs, mode)
    ece = expected_calibration_error(p, y)
    high = p >= 0.9
    print(f"[{mode}] LOCO overall strict F1 {loco['strict']['f1']:.4f} lax {loco['lax']['f1']:.4f}; "
          f"ECE {ece:.4f}; conf>=0.9: {high.mean():.2%} of beads, {y[high].mean() if high.any() else float('nan'):.3f} correct")
    # final fit on all chapters
    w = perceptron(chapters, epochs)
    X, Y, tests = [], [], []
    for ch in chapters:
        path, x, lab = bead_table(ch, w)
        X.append(x)
        Y.append(lab)
        tests.append(ch.beads(path))
    coef = fit_logistic(np.vstack(X), np.concatenate(Y))
    insample = score([c.gold for c in chapters], tests)
    print(f"[{mode}] in-sample strict F1 {insample['strict']['f1']:.4f} lax {insample['lax']['f1']:.4f}", flush=True)
    return {
        "search": {n: float(v) for n, v in zip(NAMES, w)},
        "confidence": {"coef": [float(c) for c in coef]},
        "report": {
            "loco_strict_f1": loco["strict"]["f1"], "loco_lax_f1": loco["lax"]["f1"],
            "loco_per_chapter": {n: s["strict"]["f1"] for n, s in per_chapter.items()}, "loco_ece": ece,
            "insample_strict_f1": insample["strict"]["f1"], "insample_lax_f1": insample["lax"]["f1"],
            "epochs": epochs,
        },
    }


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for k in range(bins):
        inside = (p >= edges[k]) & ((p < edges[k + 1]) | (k == bins - 1))
        if inside.any():
            total += inside.mean() * abs(p[inside].mean() - y[inside].mean())
    return float(total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--modes", default="embed,fast")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    model = json.loads(MODEL_PATH.read_text()) if MODEL_PATH.is_file() else {}
    for mode in args.modes.split(","):
        model[mode] = run(mode, args.epochs)
    model["version"] = time.strftime("%Y%m%d")
    model["fitted_on"] = "MAC-Dev (6 chapters), bench/fit_aligner.py"
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
