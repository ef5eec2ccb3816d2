"""Fit and measure the mining confidence (align/data/mining.json) on MAC-Dev mining sets.

A mining set: the Chinese sentences of a random half of a chapter's gold 1-1
beads, the English sentences of another random half (cut to a share of 1, 0.3 or
0.15 of it, cycling over the repeats) mixed with as many English sentences from
the next chapter, both sides shuffled. True pairs: gold 1-1 beads whose two
sides both survived (25 %, ~8 % or ~4 % of the Chinese sentences): real
comparable documents have few corresponding sentences, and a model fitted at
25 % alone was overconfident on sparse sets.

For each mode the logistic regression is fitted on the candidates of five
chapters and ``mine()`` runs on the sixth with those coefficients (leave one
chapter out): precision/recall of the mined pairs at thresholds 0.5/0.7/0.9 and
the ECE over every held-out candidate. The coefficients written are fitted on all six.

    .venv/bin/python bench/mining.py [--modes embed,fast] [--seed 0] [--repeats 6] [--no-write]
    .venv/bin/python bench/mining.py --no-write --test-share 0.15   # measure on sparse sets only
    .venv/bin/python bench/mining.py --bible [--modes fast]   # scale: 6,301 x 5,000 sentences, time and memory

The figures of each mode are also written to bench/results/mining.MODE.json
(``mining-bible.MODE.json`` with --bible; see bench/record.py).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from record import save  # noqa: E402

from align import read_document  # noqa: E402
from align.aligner.logistic import fit_logistic  # noqa: E402
from align.aligner.mining import FEATURES, MODEL_PATH, candidate_features, mine  # noqa: E402
from align.aligner.mining.model import design, probability  # noqa: E402
from align.aligner.mining.sides import MiningSides  # noqa: E402

MAC = Path("/work/shared/benchmarks/mac-dev")
CHAPTERS = ["001", "002", "003", "004", "005", "006"]
THRESHOLDS = (0.5, 0.7, 0.9)
L2 = 1.0


def gold_one_to_one(chapter: str) -> list[tuple[int, int]]:
    out = []
    for line in (MAC / "gold" / f"{chapter}.align").read_text().split("\n"):
        if not line.strip():
            continue
        z, e = line.split(":")
        z = [int(x) for x in z.strip("[] ").split(",") if x.strip()]
        e = [int(x) for x in e.strip("[] ").split(",") if x.strip()]
        if len(z) == 1 and len(e) == 1:
            out.append((z[0], e[0]))
    return out


def mining_set(chapter: str, rng: random.Random, workdir: Path, distractors: float = 1.0, share: float = 1.0):
    """Documents (zh, en) of a shuffled mining set and its true pairs as (zh id, en id) in those documents."""
    other = CHAPTERS[(CHAPTERS.index(chapter) + 1) % len(CHAPTERS)]
    zh_lines = read_document(MAC / "zh" / chapter, "zh", presplit=True).texts()
    en_lines = read_document(MAC / "en" / chapter, "en", presplit=True).texts()
    other_en = read_document(MAC / "en" / other, "en", presplit=True).texts()
    beads = gold_one_to_one(chapter)
    zh_half = rng.sample(beads, len(beads) // 2)
    en_half = rng.sample(beads, max(1, int(len(beads) // 2 * share)))
    distractors = rng.sample(range(len(other_en)), min(len(other_en), int(distractors * len(en_half))))
    zh_items = [(z, zh_lines[z]) for z, _ in zh_half]
    en_items = [("own", e, en_lines[e]) for _, e in en_half] + [("other", e, other_en[e]) for e in distractors]
    rng.shuffle(zh_items)
    rng.shuffle(en_items)
    zh_pos = {z: k for k, (z, _) in enumerate(zh_items)}
    en_pos = {e: k for k, (src, e, _) in enumerate(en_items) if src == "own"}
    truth = {(zh_pos[z], en_pos[e]) for z, e in beads if z in zh_pos and e in en_pos}
    workdir.mkdir(parents=True, exist_ok=True)
    zp, ep = workdir / f"{chapter}.zh", workdir / f"{chapter}.en"
    zp.write_text("\n".join(t for _, t in zh_items) + "\n", encoding="utf-8")
    ep.write_text("\n".join(t for _, _, t in en_items) + "\n", encoding="utf-8")
    return read_document(zp, "zh", presplit=True), read_document(ep, "en", presplit=True), truth


def ece(conf: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    if not len(conf):
        return float("nan")
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf >= lo) & (conf < hi if hi < 1 else conf <= hi)
        if mask.any():
            total += mask.sum() * abs(conf[mask].mean() - correct[mask].mean())
    return total / len(conf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modes", default="embed,fast")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=6, help="mining sets per chapter (different random halves)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--share", default="1,0.3,0.15",
                        help="English half size as a share of the Chinese half, one value per repeat (cycled): small values "
                             "make true pairs rarer, as in real comparable documents")
    parser.add_argument("--test-share", type=float, default=None,
                        help="measure held-out chapters on sets built with this share instead (fit stays on --share)")
    parser.add_argument("--bible", action="store_true", help="measure speed, memory and precision on the Bible pair instead")
    args = parser.parse_args()
    if args.bible:
        return bible(args.modes.split(","))
    rng = random.Random(args.seed)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, "blas")
    workdir = Path(tempfile.mkdtemp(prefix="mining-bench-"))
    shares = [float(v) for v in args.share.split(",")]
    sets = {(c, r): mining_set(c, rng, workdir / str(r), share=shares[r % len(shares)])
            for r in range(args.repeats) for c in CHAPTERS}
    test_sets = sets
    if args.test_share is not None:  # fit on one share of true pairs, measure on another (prior shift)
        test_sets = {(c, r): mining_set(c, rng, workdir / f"test{r}", share=args.test_share)
                     for r in range(args.repeats) for c in CHAPTERS}
    model = {"version": date.today().strftime("%Y%m%d"), "features": list(FEATURES),
             "fitted_on": f"MAC-Dev mining sets, seed {args.seed}, {args.repeats} per chapter, "
                          f"English shares {args.share}", "l2": L2}
    for mode in args.modes.split(","):
        fast = mode == "fast"
        t0 = time.time()
        data = _features(sets, fast)
        test_data = data if test_sets is sets else _features(test_sets, fast)
        print(f"\n== {mode}: candidate features in {time.time() - t0:.1f} s; "
              f"candidates {sum(len(v[1]) for v in data.values())}, true among them "
              f"{int(sum(v[1].sum() for v in data.values()))} of {sum(len(s[2]) for s in sets.values())} true pairs")
        all_conf, all_correct = [], []
        signature = None
        figures = {"feature_seconds": round(time.time() - t0, 1), "candidates": sum(len(v[1]) for v in data.values()),
                   "true_candidates": int(sum(v[1].sum() for v in data.values())),
                   "true_pairs": sum(len(s[2]) for s in sets.values()), "held_out": []}
        per_threshold = {t: [0, 0, 0] for t in THRESHOLDS}  # kept, correct, truth
        print(f"{'held out':8} {'true':>5} " + " ".join(f"{'P@' + str(t):>7} {'R@' + str(t):>7}" for t in THRESHOLDS) + "   secs")
        for c in CHAPTERS:
            train = [key for key in sets if key[0] != c]
            x = np.vstack([data[key][0] for key in train])
            y = np.concatenate([data[key][1] for key in train])
            coef = fit_logistic(design(x), y, l2=L2)
            fold = {mode: {"coef": coef.tolist()}, "version": "loco"}
            held = [key for key in test_sets if key[0] == c]
            counts = {t: [0, 0] for t in THRESHOLDS}
            total_truth = 0
            t1 = time.time()
            for key in held:
                zh, en, truth = test_sets[key]
                total_truth += len(truth)
                mined = mine(zh, en, threshold=min(THRESHOLDS), fast=fast, model=fold)
                signature = signature or mined.signature
                conf = np.asarray([b.confidence for b in mined.beads])
                correct = np.asarray([len(b.zh_ids) == 1 and len(b.en_ids) == 1 and (b.zh_ids[0], b.en_ids[0]) in truth
                                      for b in mined.beads], dtype=np.float64)
                # ECE over every candidate's confidence, not only the mined ones (those are >= 0.5)
                all_conf.append(probability(coef, test_data[key][0]))
                all_correct.append(test_data[key][1])
                for t in THRESHOLDS:
                    keep = conf >= t
                    counts[t][0] += int(keep.sum())
                    counts[t][1] += int(correct[keep].sum())
            secs = (time.time() - t1) / len(held)
            cells = []
            row = {"chapter": c, "true": total_truth, "seconds_per_set": round(secs, 1)}
            for t in THRESHOLDS:
                kept, right = counts[t]
                per_threshold[t][0] += kept
                per_threshold[t][1] += right
                per_threshold[t][2] += total_truth
                row[f"precision@{t}"] = _share(right, kept)
                row[f"recall@{t}"] = _share(right, total_truth)
                cells.append(f"{right / kept if kept else float('nan'):7.3f} {right / total_truth:7.3f}")
            figures["held_out"].append(row)
            print(f"{c:8} {total_truth:5} " + " ".join(cells) + f"   {secs:4.1f}")
        cells = []
        overall = {"true": per_threshold[0.5][2]}
        for t in THRESHOLDS:
            kept, right, total = per_threshold[t]
            overall.update({f"kept@{t}": kept, f"correct@{t}": right, f"precision@{t}": _share(right, kept),
                            f"recall@{t}": _share(right, total)})
            cells.append(f"{right / kept if kept else float('nan'):7.3f} {right / total:7.3f}")
        conf, correct = np.concatenate(all_conf), np.concatenate(all_correct)
        figures["overall"] = overall
        figures["ece"] = round(float(ece(conf, correct)), 4)
        print(f"{'overall':8} {per_threshold[0.5][2]:5} " + " ".join(cells))
        print(f"ECE (every candidate, held-out chapter): {ece(conf, correct):.3f}; "
              f"kept >= 0.9: {per_threshold[0.9][0]} pairs, {per_threshold[0.9][1]} correct")
        figures["reliability"] = []
        for lo, hi in ((0.5, 0.7), (0.7, 0.9), (0.9, 1.01)):
            mask = (conf >= lo) & (conf < hi)
            if mask.any():
                figures["reliability"].append({"from": lo, "to": min(hi, 1), "candidates": int(mask.sum()),
                                               "mean_confidence": round(float(conf[mask].mean()), 4),
                                               "correct": round(float(correct[mask].mean()), 4)})
                print(f"  candidates conf {lo:.1f}-{min(hi, 1):.1f}: {int(mask.sum()):5}, mean conf {conf[mask].mean():.3f}, "
                      f"correct {correct[mask].mean():.3f}")
        x = np.vstack([v[0] for v in data.values()])
        y = np.concatenate([v[1] for v in data.values()])
        coef = fit_logistic(design(x), y, l2=L2)
        model[mode] = {"coef": [round(float(v), 6) for v in coef]}
        figures["coefficients"] = {n: round(float(v), 4) for n, v in zip(list(FEATURES) + ["intercept"], coef)}
        figures["settings"] = {"seed": args.seed, "repeats": args.repeats, "share": args.share, "test_share": args.test_share}
        save("mining", mode, figures, signature)
        print("coefficients:", ", ".join(f"{n} {v:+.2f}" for n, v in zip(list(FEATURES) + ["intercept"], coef)))
    if not args.no_write:
        if MODEL_PATH.exists():
            old = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
            for mode in ("embed", "fast"):
                if mode not in model and mode in old and old.get("features") == list(FEATURES):
                    model[mode] = old[mode]
        MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _features(sets: dict, fast: bool) -> dict:
    """Candidate features and labels (1 = a true pair) of each mining set."""
    data = {}
    for key, (zh, en, truth) in sets.items():
        sides = MiningSides.build(zh.texts(), en.texts(), fast, lambda *a: None)
        cands, feats = candidate_features(sides)
        data[key] = (feats, np.asarray([(int(i), int(j)) in truth for i, j in cands], dtype=np.float64))
    return data


def bible(modes: list[str]) -> None:
    """Mine the whole Bible pair (a translation, so nearly everything should pair): a scale test.

    A pair is right when both sentences belong to one gold verse bead.
    """
    import resource

    base = MAC.parent / "bible"
    zh = read_document(base / "zh" / "001", "zh", presplit=True)
    en = read_document(base / "en" / "001", "en", presplit=True)
    same = set()
    for line in (base / "gold" / "001.align").read_text().split("\n"):
        if line.strip():
            e, z = line.split(":")  # this gold is English first
            for i in (int(x) for x in z.strip("[] ").split(",") if x.strip()):
                for j in (int(x) for x in e.strip("[] ").split(",") if x.strip()):
                    same.add((i, j))
    for mode in modes:
        t0 = time.time()
        mined = mine(zh, en, threshold=0.5, fast=mode == "fast")
        secs = time.time() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        figures = {"zh_sentences": len(zh), "en_sentences": len(en), "seconds": round(secs, 1), "peak_mb_so_far": peak,
                   "thresholds": []}
        print(f"{mode}: {len(zh)} x {len(en)} sentences, {secs:.1f} s, peak RSS so far {peak} MB")
        for t in THRESHOLDS:
            kept = [b for b in mined.beads if b.confidence >= t]
            right = sum(all((i, j) in same for i in b.zh_ids for j in b.en_ids) for b in kept)
            figures["thresholds"].append({"threshold": t, "pairs": len(kept), "inside_gold_verse": round(right / max(1, len(kept)), 4)})
            print(f"  >= {t}: {len(kept)} pairs, {right / max(1, len(kept)):.3f} inside a gold verse bead")
        save("mining-bible", mode, figures, mined.signature)


if __name__ == "__main__":
    main()
