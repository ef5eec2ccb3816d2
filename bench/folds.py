"""Models fitted without each MAC-Dev chapter: leave-one-chapter-out figures for any bench.

    from folds import fold_models
    models = fold_models("embed")          # {"001": Model fitted on the five other chapters, ...}
    align(zh, en, model=models["001"])

Each fold repeats the whole fit of ``bench/fit_aligner.py`` without the
chapter and the negatives made from it: first pass, re-estimation, second
pass, confidence. A few minutes per mode on 2 cores.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fit_aligner import CHAPTERS, SETTINGS, examples, model_part  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from align.aligner.model import MODEL_PATH, Model  # noqa: E402
from align.aligner.pipeline import prepare  # noqa: E402
from align.aligner.training.fit import Trainer  # noqa: E402


def fold_models(mode: str, log=lambda text: None) -> dict[str, Model]:
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    items = examples()
    with threadpool_limits(limits=1, user_api="blas"):
        sides = {ex.name: prepare(ex.zh, ex.en, fast=mode == "fast") for ex in items}
        trainer = Trainer(items, sides, SETTINGS[mode], log=log)
        out = {}
        for chapter in CHAPTERS:
            fitted = trainer.fit([ex.name for ex in items if ex.name not in (chapter, f"{chapter}-mismatched")])
            data = copy.deepcopy(shipped)  # the other mode's part stays the shipped one: a model has both
            data[mode] = model_part(fitted)
            out[chapter] = Model(data, Path(f"<model fitted without chapter {chapter}>"), f"loco-{chapter}-{mode}")
            log(f"[{mode}] fold without {chapter} fitted")
    return out
