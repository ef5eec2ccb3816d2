"""Rebuild the aligner's model (align/aligner/data/model.json) from MAC-Dev gold, all passes, deterministically.

    .venv/bin/python bench/fit_aligner.py              # rebuild model.json (both modes), with leave-one-out figures
    .venv/bin/python bench/fit_aligner.py --check      # rebuild into a temporary file; exit 0 when it matches
                                                       # the shipped model (weights within 1e-6), 1 otherwise
    .venv/bin/python bench/fit_aligner.py --modes fast --no-write   # only report

Per mode: a first pass is fitted (averaged structured perceptron from a fixed
start, seeded), each chapter's lexicon is re-estimated from that pass's
beads, the second pass is fitted on the re-estimated features, then the
confidence model (logistic regression; label: exactly a gold bead), with
mismatched halves of each chapter as negatives. Leave-one-chapter-out figures
hold each chapter (and the negatives made from it) out of *every* step.
Writes bench/results/fit_aligner.json. Takes several minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from threadpoolctl import threadpool_limits  # noqa: E402

from align.aligner.evaluate import read_align  # noqa: E402
from align.aligner.model import CONFIDENCE_INPUTS, FORMAT, MODEL_PATH, Model  # noqa: E402
from align.aligner.pipeline import prepare  # noqa: E402
from align.aligner.signals import FEATURES  # noqa: E402
from align.aligner.training.fit import FitSettings, Trainer  # noqa: E402
from align.aligner.training.pairs import Example  # noqa: E402

DATA = ROOT.parent / "shared" / "benchmarks" / "mac-dev"
RESULTS = ROOT / "bench" / "results" / "fit_aligner.json"
CHAPTERS = ["001", "002", "003", "004", "005", "006"]
# Features a mode leaves at weight 0 (chosen leave-one-chapter-out): the speech-boundary cues
# (open/close_mismatch) help with embeddings, the looser any-quotation-mark cues without them.
SETTINGS = {
    "embed": FitSettings(epochs=20, unused=("quote_open_mismatch", "quote_close_mismatch")),
    "fast": FitSettings(epochs=10, unused=("open_mismatch", "close_mismatch")),
}
TOLERANCE = 1e-6


def examples(data: Path = DATA) -> list[Example]:
    """The chapters, and for each the mismatched halves (zh first half, en second half: no bead is right)."""
    out = []
    for name in CHAPTERS:
        zh = (data / "zh" / name).read_text(encoding="utf-8").splitlines()
        en = (data / "en" / name).read_text(encoding="utf-8").splitlines()
        out.append(Example(name, zh, en, read_align(data / "gold" / f"{name}.align")))
        out.append(Example(f"{name}-mismatched", zh[: len(zh) // 2], en[len(en) // 2:], [], negative=True))
    return out


def model_part(fitted) -> dict:
    """One mode's weights as model.json holds them: by feature name."""
    weights = lambda vector: {name: float(v) for name, v in zip(FEATURES, vector)}  # noqa: E731
    part = {} if fitted.first_pass is None else {"first_pass": weights(fitted.first_pass)}
    part["search"] = weights(fitted.search)
    part["confidence"] = {name: float(v) for name, v in zip(CONFIDENCE_INPUTS, fitted.confidence)}
    return part


def fit_mode(mode: str, log) -> dict:
    settings = SETTINGS[mode]
    started = time.perf_counter()
    items = examples()
    sides = {ex.name: prepare(ex.zh, ex.en, fast=mode == "fast") for ex in items}
    trainer = Trainer(items, sides, settings, log=lambda text: log(f"[{mode}] {text}"))
    log(f"[{mode}] features ready in {time.perf_counter() - started:.0f}s")
    loo = trainer.leave_one_out([[name, f"{name}-mismatched"] for name in CHAPTERS])
    log(f"[{mode}] leave-one-chapter-out strict F1 {loo['strict_f1']:.4f} lax {loo['lax_f1']:.4f} ECE {loo['ece']:.4f}; "
        f"conf >= 0.9: {loo['confident_share']:.1%} of beads, {loo['confident_correct']:.3f} correct")
    fitted = trainer.fit([ex.name for ex in items])
    part = {
        **model_part(fitted),
        "report": {
            "loco_strict_f1": round(loo["strict_f1"], 6), "loco_lax_f1": round(loo["lax_f1"], 6),
            "loco_per_chapter": {k: round(v, 6) for k, v in loo["per_example"].items()},
            "loco_ece": round(loo["ece"], 6), "loco_confident_share": round(loo["confident_share"], 6),
            "loco_confident_correct": round(loo["confident_correct"], 6), "epochs": settings.epochs,
            "unused": list(settings.unused),
        },
    }
    log(f"[{mode}] done in {time.perf_counter() - started:.0f}s")
    return part


def build_model(modes: list[str], log) -> dict:
    model = {"format": FORMAT, "fitted_on": "MAC-Dev (6 chapters), bench/fit_aligner.py", "features": list(FEATURES)}
    with threadpool_limits(limits=1, user_api="blas"):  # one thread: sums in a fixed order, the same weights every time
        for mode in modes:
            model[mode] = fit_mode(mode, log)
    weights_only = {mode: {k: v for k, v in model[mode].items() if k != "report"} for mode in modes}
    model["version"] = hashlib.sha256(json.dumps(weights_only, sort_keys=True).encode()).hexdigest()[:8]
    return model


def differences(new: dict, old: dict, modes: list[str]) -> list[str]:
    out = []
    for mode in modes:
        for part in ("first_pass", "search", "confidence"):
            a, b = new[mode].get(part), old.get(mode, {}).get(part)
            if (a is None) != (b is None):
                out.append(f"{mode}.{part}: present in one model only")
                continue
            if a is None:
                continue
            for name in sorted(set(a) | set(b)):
                if name not in a or name not in b or abs(a[name] - b[name]) > TOLERANCE:
                    out.append(f"{mode}.{part}.{name}: rebuilt {a.get(name)} shipped {b.get(name)}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--modes", default="embed,fast")
    parser.add_argument("--check", action="store_true", help="rebuild into a temporary file and compare with the shipped model")
    parser.add_argument("--no-write", action="store_true", help="fit and report only")
    args = parser.parse_args()
    modes = args.modes.split(",")
    log = lambda text: print(text, flush=True)  # noqa: E731
    model = build_model(modes, log)
    text = json.dumps(model, indent=1) + "\n"
    if args.check:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            handle.write(text)
        shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        found = differences(model, shipped, modes)
        print(f"rebuilt into {handle.name}")
        if found:
            print(f"differs from the shipped {MODEL_PATH} ({len(found)} weights):")
            print("\n".join(f"  {line}" for line in found[:20]))
            sys.exit(1)
        print(f"matches the shipped {MODEL_PATH} (weights within {TOLERANCE})")
        return
    if not args.no_write and modes == ["embed", "fast"]:
        MODEL_PATH.write_text(text, encoding="utf-8")
        Model.load(MODEL_PATH)  # the file written must load
        print(f"wrote {MODEL_PATH}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "command": "python bench/fit_aligner.py", "date": time.strftime("%Y-%m-%d"),
        "model_version": model["version"], **{mode: model[mode]["report"] for mode in modes},
    }, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
