"""Batches across cores and a Dask cluster, and document pairing at 100 and 1,000 documents a side.

    .venv/bin/python bench/scale.py                 # 200+ pairs: --jobs 1, --jobs 2, a local Dask cluster of 2 workers
    .venv/bin/python bench/scale.py --fast --reps 1

The pairs are MAC-Dev chapters cut into pieces of about 20 gold beads and
Bible chapters, one sentence per line. Each configuration is one
``bitext align ZH_DIR EN_DIR -o OUT --presplit --format align`` process
(start-up and model loading included), into a folder of its own so that the
ledger skips nothing; configurations are taken in turn, repetitions
interleaved, medians reported. The Dask cluster (``distributed.LocalCluster``,
2 worker processes, one thread each) is started by this script before the
runs: its start-up is not counted, its workers' model loading is. The outputs
of every configuration are compared byte for byte. Pairing: ``bitext pair``'s
library on Bible chapters with distractors (bench/pairing.py builds the sets).
Writes bench/results/scale.json.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pairing import bible_units, build, mac_units, ratios, score_pairing  # noqa: E402
from record import save  # noqa: E402

BITEXT = [sys.executable, "-m", "align"]


def write_pairs(folder: Path, bible_chapters: int) -> int:
    """MAC-Dev pieces and the first Bible chapters as same-named files, one sentence per line."""
    units = mac_units(20) + bible_units(None)[:bible_chapters]
    for side in ("zh", "en"):
        (folder / side).mkdir(parents=True, exist_ok=True)
    for k, unit in enumerate(units):
        (folder / "zh" / f"{k:04d}").write_text("\n".join(unit.zh) + "\n", encoding="utf-8")
        (folder / "en" / f"{k:04d}").write_text("\n".join(unit.en) + "\n", encoding="utf-8")
    return len(units)


def run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def batches(folder: Path, pairs: int, fast: bool, reps: int) -> dict:
    import distributed

    common = ["align", str(folder / "zh"), str(folder / "en"), "--presplit", "--format", "align", "-q"]
    common += ["--fast"] if fast else []
    configs = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"]}
    seconds: dict[str, list[float]] = {name: [] for name in [*configs, "dask, 2 workers"]}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        configs["dask, 2 workers"] = ["--dask", cluster.scheduler_address]
        for rep in range(reps):
            for name, extra in configs.items():
                out = folder / f"out-{name.replace(' ', '').replace(',', '')}-{rep}"
                seconds[name].append(run(BITEXT + common + ["-o", str(out), *extra]))
                print(f"  {name:16} {seconds[name][-1]:6.1f} s", flush=True)
    table = {name: {"seconds": round(statistics.median(s), 1), "seconds_all": [round(x, 1) for x in s],
                    "pairs_per_second": round(pairs / statistics.median(s), 2)} for name, s in seconds.items()}
    base = table["--jobs 1"]["seconds"]
    for row in table.values():
        row["speed_up"] = round(base / row["seconds"], 2)
    outs = sorted(p for p in folder.iterdir() if p.name.startswith("out-"))
    names = sorted(p.name for p in outs[0].glob("*.align"))
    table["identical_outputs"] = all(filecmp.cmp(outs[0] / n, other / n, shallow=False) for other in outs[1:] for n in names)
    return table


def pairing(workdir: Path, sizes: list[int], fast: bool) -> dict:
    from align.job.pairing import pair_folders

    out = {}
    for size in sizes:
        rng = random.Random(size)
        folder = workdir / f"pairing-{size}"
        # passages short enough that the sample has about ``size`` documents a side, ~10 % of them without counterpart
        passages = bible_units(None) if size <= 140 else bible_units(max(1, round(4700 / (size * 1.1))))
        truth = build(rng.sample(passages, min(len(passages), round(size * 1.1))), folder, rng)
        started = time.perf_counter()
        found = pair_folders(folder / "zh", folder / "en", fast=fast)
        seconds = time.perf_counter() - started
        out[str(size)] = {"zh_documents": found.zh_documents, "en_documents": found.en_documents,
                          "seconds": round(seconds, 1), **ratios(score_pairing(found, truth))}
        print(f"  pairing {found.zh_documents} x {found.en_documents}: {seconds:.1f} s, "
              f"precision {out[str(size)]['pair_precision']}, recall {out[str(size)]['pair_recall']}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--bible-chapters", type=int, default=180)
    parser.add_argument("--pairing-sizes", default="100,1000")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bitext-scale-"))
    try:
        pairs = write_pairs(work, args.bible_chapters)
        print(f"{pairs} pairs, {'--fast' if args.fast else 'with embeddings'}, {os.cpu_count()} cores", flush=True)
        results = {"pairs": pairs, "mode": "fast" if args.fast else "embed", "reps": args.reps,
                   "batches": batches(work, pairs, args.fast, args.reps)}
        for name, row in results["batches"].items():
            if isinstance(row, dict):
                print(f"{name:16} {row['seconds']:6.1f} s  {row['pairs_per_second']:6.2f} pairs/s  speed-up {row['speed_up']}")
        print(f"identical outputs: {results['batches']['identical_outputs']}")
        sizes = [int(s) for s in args.pairing_sizes.split(",") if s]
        results["pairing"] = pairing(work, sizes, args.fast)
        save("scale", results["mode"], results)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
