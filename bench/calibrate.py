"""Calibration of bead confidence on MAC-Dev, leave one chapter out.

Each chapter is aligned with search weights and a confidence model fitted on
the other five; its beads' confidences are then compared with whether each bead
is exactly a gold bead. Prints the reliability table (confidence bins against
observed strict accuracy), the expected calibration error, and how many beads
at or above 0.9 are right.

    .venv/bin/python bench/calibrate.py          # embeddings mode
    .venv/bin/python bench/calibrate.py --fast
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_aligner import CHAPTERS, MODEL_PATH, NAMES, Chapter, expected_calibration_error, leave_one_chapter_out  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description="Leave-one-chapter-out reliability table on MAC-Dev.")
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--bins", type=int, default=10)
    args = parser.parse_args()
    mode = "fast" if args.fast else "embed"
    stored = json.loads(MODEL_PATH.read_text()).get(mode, {}) if MODEL_PATH.is_file() else {}
    first = stored.get("first_pass")
    first = np.asarray([first.get(n, 0.0) for n in NAMES]) if first else None
    chapters = [Chapter(c, args.fast, first) for c in CHAPTERS]
    negatives = [Chapter(c, args.fast, first, mismatched=True) for c in CHAPTERS]
    overall, _, p, y = leave_one_chapter_out(chapters, args.epochs, mode, negatives)
    print(f"\nreliability ({mode}, leave one chapter out, {len(p)} beads)")
    print(f"{'bin':>11} {'beads':>6} {'mean conf':>9} {'correct':>8}")
    edges = np.linspace(0, 1, args.bins + 1)
    for k in range(args.bins):
        inside = (p >= edges[k]) & ((p < edges[k + 1]) | (k == args.bins - 1))
        if inside.any():
            print(f"{edges[k]:.1f}-{edges[k + 1]:.1f} {inside.sum():>6} {p[inside].mean():>9.3f} {y[inside].mean():>8.3f}")
    high = p >= 0.9
    print(f"ECE {expected_calibration_error(p, y, args.bins):.4f}; beads >= 0.9: {high.sum()} ({high.mean():.1%}), "
          f"{y[high].mean():.3f} correct; strict F1 {overall['strict']['f1']:.4f}")


if __name__ == "__main__":
    main()
