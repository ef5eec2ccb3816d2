"""``bitext score`` of a large TMX: peak memory as the file grows (it streams, so it should stay flat).

Writes synthetic TMX files of each ``--units`` size (the units of bench/convert.py: one sentence
with a glossary term and a distinct number each), then runs ``python -m align score X.tmx --json``
on each in a process of its own, as a user types it, and reads that process's peak RSS
(``resource.getrusage(RUSAGE_CHILDREN)`` in a fresh measuring child). The growth is given in MB
per 100,000 beads, between the smallest and the largest size.

    .venv/bin/python bench/score_memory.py                          # 20k, 100k, 200k units (about 5 minutes on 2 cores)
    .venv/bin/python bench/score_memory.py --units 20000 60000      # quick look
    PYTHONPATH=/work/main .venv/bin/python bench/score_memory.py --code /work/main   # another checkout's code

The figures go to bench/results/score_memory.json (see bench/record.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(source: str, code: str) -> dict:
    command = [sys.executable, "-m", "align", "score", source, "--json"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": code})
    if done.returncode not in (0, 1):  # 1: findings, as expected of these units
        raise SystemExit(done.stderr)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"beads": json.loads(done.stdout)["summary"]["beads"], "seconds": round(seconds, 1), "peak_rss_mb": round(peak / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, nargs="+", default=[20_000, 100_000, 200_000])
    parser.add_argument("--code", default=str(ROOT), help="checkout whose align/glossary are measured (default: this one)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for units in sorted(args.units):
            source = os.path.join(folder, f"{units}.tmx")
            subprocess.run([sys.executable, str(ROOT / "bench" / "convert.py"), "--generate", source, str(units)],
                           check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            # one measuring child per size: RUSAGE_CHILDREN is then that score run's own peak
            out = subprocess.run([sys.executable, __file__, "--measure", source, args.code],
                                 check=True, capture_output=True, text=True).stdout
            rows.append({"units": units, "file_mb": round(os.path.getsize(source) / 1e6, 1), **json.loads(out)})
            os.remove(source)
            print(rows[-1], flush=True)
    small, large = rows[0], rows[-1]
    growth = (large["peak_rss_mb"] - small["peak_rss_mb"]) / (large["units"] - small["units"]) * 100_000 if len(rows) > 1 else None
    figures = {"code": args.code, "rows": rows, "mb_per_100k_beads": round(growth, 1) if growth is not None else None}
    sys.path.insert(0, str(ROOT / "bench"))
    from record import save

    save("score_memory", None if Path(args.code).resolve() == ROOT else "other", figures)
    print(f"\n{'units':>8}{'file MB':>9}{'seconds':>9}{'peak RSS MB':>13}")
    for r in rows:
        print(f"{r['units']:>8}{r['file_mb']:>9}{r['seconds']:>9}{r['peak_rss_mb']:>13}")
    print(f"growth: {figures['mb_per_100k_beads']} MB per 100,000 beads")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3])))
    else:
        main()
