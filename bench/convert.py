"""``bitext convert`` of a large TMX: time and peak memory per output format (TMX, TSV, JSONL, Moses).

Writes a TMX of about ``--mb`` megabytes to a temporary folder (units like those of
bench/tmx.py, with confidences from 0.05 to 0.95 so the default TMX threshold sorts
some out), then runs ``bitext convert`` on it once per output format, each in a
process of its own, as a user types it (``python -m align convert BIG.tmx OUT``),
and reads that process's peak RSS (``resource.getrusage(RUSAGE_CHILDREN)``). The
units stream from file to file, so peak memory should not grow with the file.

    .venv/bin/python bench/convert.py                   # 300 MB (about 5 minutes on 2 cores)
    .venv/bin/python bench/convert.py --mb 30           # quick look
    .venv/bin/python bench/convert.py --mb 1000 --formats tmx   # the issue's 1 GB case

The figures go to bench/results/convert.json (other sizes or formats: convert.<MB>mb.json;
see bench/record.py).
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
BYTES_PER_UNIT = 590  # about, measured (26 MB for 44,117 units)
TARGETS = {"tmx": "out.tmx", "tsv": "out.tsv", "jsonl": "out.jsonl", "moses": "out"}


def generate(path: str, units: int) -> None:
    from align.core.bitext import Bead, Bitext
    from align.formats.tmx import write_tmx

    def beads():
        for i in range(units):
            yield Bead((i,), (i,), ZH.format(i=i), EN.format(i=i), 0.05 + (i % 10) / 10, ("length", "lexical"),
                       str(i + 1), {"zh-paragraph": str(i // 10), "en-paragraph": str(i // 10)})

    write_tmx(Bitext(beads=beads(), signature={"bench": "convert"}), path, force=True, min_confidence=None)


def convert_once(source: str, folder: str, fmt: str) -> dict:
    target = os.path.join(folder, TARGETS[fmt])
    command = [sys.executable, "-m", "align", "convert", source, target, "--force", "--quiet", "--json"]
    if fmt == "moses":
        command += ["--format", "moses"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # RUSAGE_CHILDREN is the largest child so far: each format runs after smaller ones, so a rise is its own
    units = json.loads(done.stdout)["units"]
    return {"format": fmt, "units_written": units, "seconds": round(seconds, 1),
            "peak_rss_mb": round(peak / 1024, 1), "peak_is_own": peak > before or before == 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=300, help="size of the generated TMX in megabytes (default 300)")
    parser.add_argument("--formats", nargs="+", default=list(TARGETS), choices=list(TARGETS))
    args = parser.parse_args()
    units = args.mb * 1_000_000 // BYTES_PER_UNIT
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "big.tmx")
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--generate", source, str(units)], check=True)
        size_mb = os.path.getsize(source) / 1e6
        print(f"generated {source}: {units} units, {size_mb:.0f} MB in {time.perf_counter() - start:.0f} s", flush=True)
        for fmt in args.formats:
            # one child per format, each measured alone (a fresh RUSAGE_CHILDREN high-water mark per process)
            out = subprocess.run([sys.executable, __file__, "--measure", source, folder, fmt],
                                 check=True, capture_output=True, text=True).stdout
            rows.append({**json.loads(out.strip().splitlines()[-1]), "file_mb": round(size_mb, 1), "units": units})
            print(rows[-1], flush=True)
    from record import save

    from align.core.version import __version__

    # the README's row is the default run (300 MB, every format); other sizes are kept beside it
    mode = None if args.mb == 300 and args.formats == list(TARGETS) else f"{args.mb}mb"
    save("convert", mode, {"mb": args.mb, "rows": rows}, {"bitext": __version__})
    print(f"\n{'format':<8}{'units':>10}{'file MB':>9}{'seconds':>9}{'peak RSS MB':>13}")
    for r in rows:
        print(f"{r['format']:<8}{r['units']:>10}{r['file_mb']:>9}{r['seconds']:>9}{r['peak_rss_mb']:>13}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--generate":
        generate(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == "--measure":
        print(json.dumps(convert_once(sys.argv[2], sys.argv[3], sys.argv[4])))
    else:
        main()
