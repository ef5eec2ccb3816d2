"""TMX write/read speed and peak memory at 10k and 100k units by default, 100k and 1,000,000 as the README shows.

Each (phase, size) runs in its own Python process, so every peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) is that phase's own. The writer
is fed by a generator and the reader counts units as they stream, so peak memory
should be the same at every size; ``materialise`` (``read_tmx`` building a full
Bitext) is shown for contrast: that one grows with the file, as any in-memory list does;
``--phases write translate-toolkit`` measures translate-toolkit's TMX reader the same way.

    .venv/bin/python bench/tmx.py                         # 10k and 100k (about 30 s)
    .venv/bin/python bench/tmx.py --sizes 100000 1000000  # the README's figures (about 5 minutes on 2 cores)
    .venv/bin/python bench/tmx.py --sizes 10000           # quick look

The figures are also written to bench/results/tmx.json (see bench/record.py).
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

ZH = "工业互联网是新一代信息技术与制造业深度融合的产物，第{i}句包含“引号”和 R&D。"
EN = "The industrial Internet, sentence {i}, is the product of deep integration of IT & manufacturing."


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child(phase: str, size: int, path: str) -> dict:
    from align.core.bitext import Bead, Bitext
    from align.formats.tmx import TmxReader, read_tmx, write_tmx

    baseline = peak_mb()
    start = time.perf_counter()
    if phase == "write":
        def beads():
            for i in range(size):
                yield Bead((i,), (i,), ZH.format(i=i), EN.format(i=i), 0.9, ("length", "lexical"), str(i + 1),
                           {"zh-paragraph": str(i // 10), "en-paragraph": str(i // 10)})

        bitext = Bitext(beads=beads(), signature={"bench": "tmx"}, zh_name="bench.zh", en_name="bench.en")
        count = write_tmx(bitext, path, force=True)
    elif phase == "translate-toolkit":  # the usual Python TMX reader, for contrast: whole tree in memory
        from translate.storage import tmx

        count = len(tmx.tmxfile.parsefile(path).units)
    elif phase == "stream-read":
        count = sum(1 for _ in TmxReader(path).beads())
    else:
        count = len(read_tmx(path).beads)
    seconds = time.perf_counter() - start
    assert count == size, (count, size)
    return {"phase": phase, "units": size, "seconds": round(seconds, 2), "units_per_s": int(size / seconds),
            "peak_rss_mb": round(peak_mb(), 1), "baseline_mb": round(baseline, 1),
            "file_mb": round(os.path.getsize(path) / 1e6, 1)}


def _version() -> str:
    from align.core.version import __version__

    return __version__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="units per file (default 10k and 100k; the README's figures use 100000 1000000)")
    parser.add_argument("--phases", nargs="+", default=["write", "stream-read", "materialise"],
                        help="write, stream-read, materialise, translate-toolkit (contrast; slow and memory-hungry)")
    parser.add_argument("--child", nargs=3, metavar=("PHASE", "SIZE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.child[2])))
        return
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = os.path.join(folder, f"bench-{size}.tmx")
            for phase in args.phases:
                out = subprocess.run([sys.executable, __file__, "--child", phase, str(size), path],
                                     check=True, capture_output=True, text=True).stdout
                rows.append(json.loads(out.strip().splitlines()[-1]))
                print(rows[-1], flush=True)
    from record import save  # here, not at the top: the --child processes measure their memory without it

    save("tmx", None, {"sizes": args.sizes, "phases": args.phases, "rows": rows}, {"bitext": _version()})
    print()
    print(f"{'phase':<12}{'units':>10}{'seconds':>9}{'units/s':>10}{'peak RSS MB':>13}{'after imports':>15}{'file MB':>9}")
    for r in rows:
        print(f"{r['phase']:<12}{r['units']:>10}{r['seconds']:>9}{r['units_per_s']:>10}{r['peak_rss_mb']:>13}{r['baseline_mb']:>15}{r['file_mb']:>9}")


if __name__ == "__main__":
    main()
