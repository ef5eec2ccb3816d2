"""Precision and recall of the glossary check's ``number-mismatch`` rule on a labelled set of real sentence pairs.

The set (bench/data/numbers/pairs.tsv, described in bench/data/numbers/README.md): 493 pairs from
the MAC-Dev gold alignments, the Chinese Union Version / King James Bible gold alignments and the
hand-translated seed pairs, 140 of them copies with one number of the English changed; every label
read and checked by hand. A pair is "mismatch" when the rule should report it.

    .venv/bin/python bench/numbers_eval.py [--json] [--show-errors N]

Runs ``glossary.check_rows`` (the rule as ``bitext glossary check`` runs it, with an empty glossary so
only the number rule can fire) and prints precision and recall overall and per source. The figures
are written to bench/results/numbers_eval.json (see bench/record.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from record import save  # noqa: E402

from align.core.version import __version__  # noqa: E402
from glossary import TermBase, check_rows  # noqa: E402

DATA = ROOT / "bench" / "data" / "numbers" / "pairs.tsv"


def read_pairs(path: Path = DATA) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    bad = [r["id"] for r in rows if r["label"] not in ("agree", "mismatch")]
    if bad:
        raise SystemExit(f"{path}: labels must be agree or mismatch: {', '.join(bad[:5])}")
    return rows


def flagged_ids(rows: list[dict[str, str]]) -> set[str]:
    findings = check_rows([(r["id"], r["zh"], r["en"]) for r in rows], TermBase(), rules=["number-mismatch"])
    return {f.bead for f in findings}


def scores(rows: list[dict[str, str]], flagged: set[str]) -> dict[str, float | int]:
    tp = sum(1 for r in rows if r["label"] == "mismatch" and r["id"] in flagged)
    fp = sum(1 for r in rows if r["label"] == "agree" and r["id"] in flagged)
    fn = sum(1 for r in rows if r["label"] == "mismatch" and r["id"] not in flagged)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"pairs": len(rows), "mismatches": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(precision, 4), "recall": round(recall, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="list up to N false positives and N misses")
    args = parser.parse_args()
    rows = read_pairs()
    started = time.perf_counter()
    flagged = flagged_ids(rows)
    seconds = time.perf_counter() - started
    figures = {"overall": scores(rows, flagged), "seconds": round(seconds, 3), "bitext": __version__}
    for source in sorted({r["source"] for r in rows}):
        figures[source] = scores([r for r in rows if r["source"] == source], flagged)
    for kind in ("original", "injected"):
        figures[kind] = scores([r for r in rows if r["kind"] == kind], flagged)
    figures["labels"] = dict(Counter(r["label"] for r in rows))
    save("numbers_eval", None, figures)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(f"number-mismatch on {len(rows)} labelled pairs ({figures['labels'].get('mismatch', 0)} mismatches), "
              f"{seconds:.2f} s")
        print(f"{'':18} {'pairs':>6} {'tp':>5} {'fp':>5} {'fn':>5} {'precision':>10} {'recall':>8}")
        for name in ["overall", "original", "injected"] + sorted({r["source"] for r in rows}):
            s = figures[name]
            print(f"{name:18} {s['pairs']:>6} {s['tp']:>5} {s['fp']:>5} {s['fn']:>5} {s['precision']:>10.3f} {s['recall']:>8.3f}")
    if args.show_errors:
        for title, wanted in (("false positives", "agree"), ("misses", "mismatch")):
            errors = [r for r in rows if r["label"] == wanted and (r["id"] in flagged) == (wanted == "agree")]
            print(f"\n{title} ({len(errors)}):")
            for r in errors[:args.show_errors]:
                print(f"  {r['id']}  {r['note']}\n    zh: {r['zh'][:120]}\n    en: {r['en'][:160]}")


if __name__ == "__main__":
    main()
