"""Speed and memory side by side with hunalign + CC-CEDICT, in one run: interleaved repetitions, medians, ratios.

    .venv/bin/python bench/speed.py                    # MAC-Dev and the Bible (3 repetitions), then the scaling table
    .venv/bin/python bench/speed.py --reps 1 --sizes 5000,10000

Every figure is a whole process, start-up included, as a user runs it:
``bitext align ZH_DIR EN_DIR -o OUT --presplit --format align`` (directory
mode; ``--jobs 1`` and the default, all cores) in both modes, against
hunalign built from ../shared/anchors/hunalign (``build.sh``: the Chinese split
into words with rjieba, the English lower-cased, as hunalign needs). Wall
time is the median of the repetitions, taken in turn (A B C A B C ...), so a
machine that slows down slows all of them; peak memory is the child's largest
resident set (``wait4``). Strict F1 is Vecalign's; on the Bible after merging
beads inside one verse (as benchmarks/README.md says). The scaling table
aligns the Bible repeated and cut at a verse boundary to 5k/10k/20k/50k
Chinese sentences, one sentence per line, one pair, once per system.
Writes bench/results/speed.json.
"""

from __future__ import annotations

import argparse
import os
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
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "anchors" / "hunalign"))

from bible import merge_by_verse  # noqa: E402
from hunalign2align import ladder_to_beads  # noqa: E402
from record import save  # noqa: E402

from align.aligner.evaluate import read_align, score  # noqa: E402

MAC = SHARED / "benchmarks" / "mac-dev"
BIBLE = SHARED / "benchmarks" / "bible"
BITEXT = [sys.executable, "-m", "align"]


def measure(command: list[str], cwd: Path | None = None) -> dict:
    """Wall seconds, peak resident MB and exit code of one child process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0,):
            err.seek(0)
            raise RuntimeError(f"{' '.join(map(str, command))} exited {code}: {err.read().decode()[-500:]}")
    return {"seconds": time.perf_counter() - started, "peak_mb": usage.ru_maxrss / 1024}


def build_hunalign(folder: Path) -> tuple[Path, Path]:
    out = subprocess.run(["bash", str(SHARED / "anchors" / "hunalign" / "build.sh"), str(folder)],
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return Path(out), folder / "dict"


def hunalign_input(zh: Path, en: Path, folder: Path, name: str) -> tuple[Path, Path]:
    """What hunalign reads: Chinese words separated by spaces (rjieba), English lower-cased."""
    from align.aligner.resources.chinese import words

    zh_out, en_out = folder / f"{name}.zh", folder / f"{name}.en"
    zh_out.write_text("".join(" ".join(words(line)) + "\n" for line in zh.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    en_out.write_text("".join(line.lower() + "\n" for line in en.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    return zh_out, en_out


def median_runs(systems: dict[str, list[str]], reps: int) -> dict[str, dict]:
    """Each system ``reps`` times, in turn. A batch's ledger would skip pairs already aligned into the same
    folder, so every repetition writes into a folder of its own (``{rep}`` in a command)."""
    runs: dict[str, list[dict]] = {name: [] for name in systems}
    for rep in range(reps):
        for name, command in systems.items():
            # in a scratch folder: hunalign's batch mode leaves a translate.txt where it runs
            runs[name].append(measure([part.replace("{rep}", str(rep)) for part in command], cwd=Path(tempfile.gettempdir())))
    return {name: {"seconds": round(statistics.median(r["seconds"] for r in rs), 2),
                   "seconds_all": [round(r["seconds"], 2) for r in rs],
                   "peak_mb": round(max(r["peak_mb"] for r in rs))} for name, rs in runs.items()}


def bitext_systems(zh_dir: Path, en_dir: Path, out: Path) -> dict[str, list[str]]:
    common = ["align", str(zh_dir), str(en_dir), "--presplit", "--format", "align", "-q", "--force"]
    return {
        "bitext full": BITEXT + common + ["-o", str(out / "full-{rep}"), "--jobs", "1"],
        "bitext fast": BITEXT + common + ["-o", str(out / "fast-{rep}"), "--fast", "--jobs", "1"],
        f"bitext full, --jobs {os.cpu_count()}": BITEXT + common + ["-o", str(out / "full-jobs-{rep}")],
        f"bitext fast, --jobs {os.cpu_count()}": BITEXT + common + ["-o", str(out / "fast-jobs-{rep}"), "--fast"],
    }


def _folder(system: str) -> str:
    return {"bitext full": "full", "bitext fast": "fast"}.get(system, "full-jobs" if "full" in system else "fast-jobs")


def mac_dev(hunalign: Path, dicts: Path, work: Path, reps: int) -> dict:
    names = sorted(p.stem for p in (MAC / "gold").glob("*.align"))
    job = work / "mac.job"
    lines = []
    for name in names:
        zh, en = hunalign_input(MAC / "zh" / name, MAC / "en" / name, work, f"mac{name}")
        lines.append(f"{zh}\t{en}\t{work / f'mac{name}.ladder'}")
    job.write_text("\n".join(lines) + "\n", encoding="utf-8")
    systems = bitext_systems(MAC / "zh", MAC / "en", work / "mac-out")
    systems["hunalign"] = [str(hunalign), "-onebyteencoding", "-batch", str(dicts / "cedict.zh-en.dic"), str(job)]
    table = median_runs(systems, reps)
    golds = [read_align(MAC / "gold" / f"{n}.align") for n in names]
    for system, row in table.items():
        if system == "hunalign":
            tests = [ladder_to_beads((work / f"mac{n}.ladder").read_text().splitlines()) for n in names]
            tests = [[(tuple(z), tuple(e)) for z, e in t] for t in tests]
        else:
            folder = work / "mac-out" / (_folder(system) + "-0")
            tests = [read_align(folder / f"{n}.align") for n in names]
        row["strict_f1"] = round(score(golds, tests)["strict"]["f1"], 4)
    return table


def bible(hunalign: Path, dicts: Path, work: Path, reps: int) -> dict:
    zh_in, en_in = hunalign_input(BIBLE / "zh" / "001", BIBLE / "en" / "001", work, "bible")
    systems = bitext_systems(BIBLE / "zh", BIBLE / "en", work / "bible-out")
    # English first, as the gold is written and as hunalign was measured on this benchmark
    systems["hunalign"] = ["sh", "-c", f"exec {hunalign} -onebyteencoding {dicts / 'cedict.en-zh.dic'} {en_in} {zh_in} > {work / 'bible.ladder'}"]
    table = median_runs(systems, reps)
    zh_verse = (BIBLE / "zh.verse").read_text(encoding="utf-8").split()
    en_verse = (BIBLE / "en.verse").read_text(encoding="utf-8").split()
    gold = read_align(BIBLE / "gold" / "001.align")
    for system, row in table.items():
        if system == "hunalign":
            beads = [(tuple(z), tuple(e)) for e, z in ladder_to_beads((work / "bible.ladder").read_text().splitlines())]
        else:
            beads = read_align(work / "bible-out" / (_folder(system) + "-0") / "001.align")
        row["strict_f1_merged"] = round(score([gold], [merge_by_verse(beads, zh_verse, en_verse)])["strict"]["f1"], 4)
    return table


def repeated_bible(size: int, folder: Path) -> tuple[Path, Path]:
    """The Bible repeated and cut after the verse that brings the Chinese to ``size`` sentences."""
    zh = (BIBLE / "zh" / "001").read_text(encoding="utf-8").splitlines()
    en = (BIBLE / "en" / "001").read_text(encoding="utf-8").splitlines()
    zh_verse = (BIBLE / "zh.verse").read_text(encoding="utf-8").split()
    en_verse = (BIBLE / "en.verse").read_text(encoding="utf-8").split()
    copies = -(-size // len(zh))
    zv = [f"{k}:{v}" for k in range(copies) for v in zh_verse]
    ev = [f"{k}:{v}" for k in range(copies) for v in en_verse]
    cut_zh = size
    while cut_zh < len(zv) and zv[cut_zh] == zv[cut_zh - 1]:
        cut_zh += 1
    last = zv[cut_zh - 1]
    cut_en = max(j for j, v in enumerate(ev) if v == last) + 1
    zh_path, en_path = folder / f"zh{size}", folder / f"en{size}"
    zh_path.write_text("\n".join((zh * copies)[:cut_zh]) + "\n", encoding="utf-8")
    en_path.write_text("\n".join((en * copies)[:cut_en]) + "\n", encoding="utf-8")
    return zh_path, en_path


def scaling(hunalign: Path, dicts: Path, work: Path, sizes: list[int]) -> dict:
    table = {}
    for size in sizes:
        zh, en = repeated_bible(size, work)
        zh_in, en_in = hunalign_input(zh, en, work, f"scale{size}")
        row = {"zh_sentences": len(zh.read_text(encoding="utf-8").splitlines()),
               "en_sentences": len(en.read_text(encoding="utf-8").splitlines())}
        for system, extra in (("bitext full", []), ("bitext fast", ["--fast"])):
            row[system] = measure(BITEXT + ["align", str(zh), str(en), "--presplit", "-o", str(work / f"s{size}.align"),
                                            "-q", "--force", *extra])
        row["hunalign"] = measure(["sh", "-c", f"exec {hunalign} -onebyteencoding {dicts / 'cedict.en-zh.dic'} {en_in} {zh_in} > /dev/null"])
        for system in ("bitext full", "bitext fast", "hunalign"):
            row[system] = {"seconds": round(row[system]["seconds"], 1), "peak_mb": round(row[system]["peak_mb"])}
        table[str(size)] = row
        print(f"{size:>6} zh: " + "  ".join(f"{s} {row[s]['seconds']} s {row[s]['peak_mb']} MB" for s in ("bitext full", "bitext fast", "hunalign")), flush=True)
    return table


def print_table(title: str, table: dict, f1_key: str) -> None:
    reference = table["hunalign"]["seconds"]
    print(f"\n{title}")
    print(f"{'system':28} {'wall s':>7} {'× hunalign':>10} {'peak MB':>8} {'strict F1':>9}")
    for system, row in table.items():
        print(f"{system:28} {row['seconds']:7.2f} {row['seconds'] / reference:10.2f} {row['peak_mb']:8} {row[f1_key]:9.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sizes", default="5000,10000,20000,50000", help="scaling table sizes (zh sentences); empty: none")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bitext-speed-"))
    try:
        hunalign, dicts = build_hunalign(Path(tempfile.gettempdir()) / "bitext-hunalign")
        results = {"mac_dev": mac_dev(hunalign, dicts, work, args.reps)}
        print_table("MAC-Dev, 6 chapters, directory mode", results["mac_dev"], "strict_f1")
        results["bible"] = bible(hunalign, dicts, work, args.reps)
        print_table("Bible, 6,301 x 5,000 sentences, one sentence per line", results["bible"], "strict_f1_merged")
        for system in ("mac_dev", "bible"):
            for row in results[system].values():
                row["ratio_to_hunalign"] = round(row["seconds"] / results[system]["hunalign"]["seconds"], 2)
        sizes = [int(s) for s in args.sizes.split(",") if s]
        if sizes:
            print("\nscaling (Bible repeated, one pair, one run each)")
            results["scaling"] = scaling(hunalign, dicts, work, sizes)
        results["reps"] = args.reps
        save("speed", None, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
