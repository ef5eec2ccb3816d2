"""Inputs that ran away before: each must finish within 1 GB of memory, or be refused with a clear message.

    .venv/bin/python bench/runaway.py            # all cases
    .venv/bin/python bench/runaway.py --only long-line

Cases (as issue 9 lists them): one 5 MB line without punctuation (Chinese)
against its English; 100,000 short lines a side; a 200 MB Chinese file against
a 3 KB English one. Each runs as ``bitext align`` in its own process (both
modes where it aligns); peak memory is the child's maximum resident set.
Writes bench/results/runaway.json.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from record import save  # noqa: E402

BITEXT = [sys.executable, "-m", "align"]
LIMIT_MB = 1024


def long_line(folder: Path) -> tuple[Path, Path]:
    """5 MB of Chinese in one line with no stop at all, and a matching English text."""
    zh_unit = "我们今天在公园里看见很多人在湖边跑步还有一些人在树下读书"
    en_unit = "today in the park we saw many people running by the lake and some reading under the trees "
    zh, en = folder / "long.zh.txt", folder / "long.en.txt"
    zh.write_text(zh_unit * (5_000_000 // len(zh_unit.encode())) + "\n", encoding="utf-8")
    en.write_text(en_unit * (5_000_000 // len(zh_unit.encode())) + "\n", encoding="utf-8")
    return zh, en


def many_lines(folder: Path) -> tuple[Path, Path]:
    """100,000 short lines a side, one sentence per line."""
    zh, en = folder / "many.zh", folder / "many.en"
    zh.write_text("".join(f"第{k}行很短。\n" for k in range(100_000)), encoding="utf-8")
    en.write_text("".join(f"Line {k} is short.\n" for k in range(100_000)), encoding="utf-8")
    return zh, en


def huge_against_tiny(folder: Path) -> tuple[Path, Path]:
    """200 MB of Chinese against 3 KB of English."""
    zh, en = folder / "huge.zh.txt", folder / "tiny.en.txt"
    line = ("我们今天在公园里看见很多人在湖边跑步。" * 20 + "\n").encode()
    with zh.open("wb") as handle:
        for _ in range(200_000_000 // len(line)):
            handle.write(line)
    en.write_text("We saw many people running by the lake today. " * 60 + "\n", encoding="utf-8")
    return zh, en


CASES = {
    "long-line": (long_line, ["--fast"], []),
    "many-lines": (many_lines, ["--presplit", "--fast"], ["--presplit"]),
    "huge-vs-tiny": (huge_against_tiny, [], None),
}


def run(args: list[str]) -> dict:
    """Run ``bitext ARGS`` and measure that one child: wall time, exit code, peak memory (wait4's rusage)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(BITEXT + args, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = (err.read().strip().splitlines() or [""])[-1][:300]
    return {
        "args": " ".join(a for a in args if not a.startswith("/")),
        "exit_code": child.returncode,
        "seconds": round(time.perf_counter() - started, 1),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "message": message,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=sorted(CASES))
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (make, *modes) in CASES.items():
            if args.only and name != args.only:
                continue
            zh, en = make(folder)
            for number, extra in enumerate(m for m in modes if m is not None):
                # a new output each time, and no --force: --force would also align sides a translation cannot be
                out = folder / f"{name}-{number}.align"
                row = run(["align", str(zh), str(en), "-o", str(out), "-q", *extra])
                key = f"{name} {' '.join(extra) or '(embeddings)'}"
                results[key] = row
                within = row["peak_mb"] <= LIMIT_MB
                print(f"{key:32} exit {row['exit_code']}  {row['seconds']:6.1f} s  peak {row['peak_mb']} MB "
                      f"{'ok' if within else 'OVER 1 GB'}  {row['message'][:100]}", flush=True)
    # a run of some cases (--only) keeps the figures of the others from earlier runs
    earlier = ROOT / "bench" / "results" / "runaway.json"
    if args.only and earlier.is_file():
        import json

        results = {**json.loads(earlier.read_text(encoding="utf-8"))["figures"]["cases"], **results}
    save("runaway", None, {"limit_mb": LIMIT_MB, "cases": results})


if __name__ == "__main__":
    main()
