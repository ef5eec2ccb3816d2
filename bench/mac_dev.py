"""MAC-Dev benchmark: align the six chapters, print strict/lax P/R/F1, wall time and peak memory.

    .venv/bin/python bench/mac_dev.py            # embeddings (default mode)
    .venv/bin/python bench/mac_dev.py --fast     # no embeddings
    .venv/bin/python bench/mac_dev.py --out /tmp/mac   # also write NNN.align files

The figures are also written to bench/results/mac_dev.MODE.json (see bench/record.py),
from which bench/readme_figures.py builds the README's table.

Wall time counts everything from process start: imports, dictionary and model
loading, reading, aligning. Peak memory is the process's maximum RSS.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

from record import save  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "benchmarks" / "mac-dev"


def main() -> None:
    parser = argparse.ArgumentParser(description="Align MAC-Dev and score it against the gold.")
    parser.add_argument("--fast", action="store_true", help="no embeddings")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, help="write NNN.align files here")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--loco", action="store_true",
                        help="leave one chapter out: align each chapter with a model fitted without it (a few minutes more)")
    args = parser.parse_args()
    mode = "fast" if args.fast else "embed"
    models = {}
    if args.loco:
        sys.path.insert(0, str(ROOT / "bench"))
        from folds import fold_models

        models = fold_models(mode)

    from align import align, read_document
    from align.aligner.evaluate import counts, read_align

    chapters = sorted(p.name for p in (args.data / "gold").iterdir() if p.suffix == ".align")
    rows = []
    total = None
    bitext = None
    for name in chapters:
        stem = name[: -len(".align")]
        t = time.perf_counter()
        zh = read_document(args.data / "zh" / stem, "zh", presplit=True)
        en = read_document(args.data / "en" / stem, "en", presplit=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bitext = align(zh, en, fast=args.fast, paragraphs=False, model=models.get(stem))
        seconds = time.perf_counter() - t
        test = [(b.zh_ids, b.en_ids) for b in bitext.beads]
        c = counts(read_align(args.data / "gold" / name), test)
        total = c if total is None else _add(total, c)
        rows.append({"chapter": stem, "seconds": round(seconds, 2), **c.scores()})
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / name).write_text("\n".join(bitext.to_align_lines()) + "\n", encoding="utf-8")
    wall = time.perf_counter() - START
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"mode": mode, "fit": "leave one chapter out" if args.loco else "in sample", "chapters": rows, "overall": total.scores(),
              "wall_seconds": round(wall, 1), "peak_mb": round(peak), "signature": bitext.signature if bitext else {}}
    save("mac_dev", mode + (".loco" if args.loco else ""), {k: v for k, v in result.items() if k != "signature"}, result["signature"])
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"MAC-Dev, mode {result['mode']}")
    print(f"{'chapter':8} {'sP':>6} {'sR':>6} {'sF1':>6} {'lP':>6} {'lR':>6} {'lF1':>6} {'secs':>6}")
    for r in rows + [{"chapter": "overall", "seconds": "", **result["overall"]}]:
        s, lax = r["strict"], r["lax"]
        print(f"{r['chapter']:8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
              f"{lax['precision']:6.3f} {lax['recall']:6.3f} {lax['f1']:6.3f} {r['seconds']!s:>6}")
    print(f"wall {wall:.1f}s (incl. imports and loading), peak RSS {peak:.0f} MB")
    print("signature " + "|".join(f"{k}:{v}" for k, v in result["signature"].items()))


def _add(a, b):
    a += b
    return a


if __name__ == "__main__":
    main()
