"""Speed of ``glossary.check``: 1,000,000 beads against 10,000 terms (target: ≤ 60 s on 2 cores).

Beads are real MAC-Dev gold beads (literary sentences of realistic length) with glossary terms
and renderings spliced in: on average two terms per bead, a quarter of them with an error
(rendering dropped, forbidden rendering, wrong case) and one bead in five with a number pair.
The term base is the shipped glossary plus synthetic concepts (random Chinese words of 2-5
characters, English renderings of 1-3 words, a third in exact case, a fifth with a forbidden
rendering) up to --terms.

    .venv/bin/python bench/glossary.py                       # 1,000,000 beads x 10,000 terms, 2 processes
    .venv/bin/python bench/glossary.py --beads 100000 --processes 1

The figures are also written to bench/results/glossary.json (see bench/record.py).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from record import save  # noqa: E402

from align.core.version import __version__  # noqa: E402
from glossary import Concept, TermBase, check_rows, load_default  # noqa: E402

MAC_DEV = Path("/work/shared/benchmarks/mac-dev")
SYLLABLES = "ka lo mi ne ru sa ti vo ze ba du fe gi ho ju ky la me ni po qu ra si tu va we xo ya zu".split()
HAN_POOL = "产业工农商贸科技研发制造服务金融数据网络平台智能云端安全标准体系创新驱动融合协同生态治理能力结构优化升级转型绿色低碳循环"


def synthetic_termbase(size: int, rng: random.Random) -> TermBase:
    concepts = list(load_default())
    seen_zh = {f for c in concepts for f in c.zh}
    seen_en = {r.casefold() for c in concepts for r in c.en}
    while len(concepts) < size:
        zh = "".join(rng.choice(HAN_POOL) for _ in range(rng.randint(2, 5)))
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(1, 3))]
        exact = rng.random() < 0.33
        if exact:
            words[-1] = words[-1].capitalize()
        en = " ".join(words)
        if zh in seen_zh or en.casefold() in seen_en:
            continue
        seen_zh.add(zh)
        seen_en.add(en.casefold())
        forbidden = ("".join(rng.choice(SYLLABLES) for _ in range(3)) + " " + words[-1].lower(),) if rng.random() < 0.2 else ()
        concepts.append(Concept(zh=zh, en=en, forbidden=forbidden, case="exact" if exact else "insensitive", id=f"s{len(concepts)}"))
    return TermBase(concepts, name=f"synthetic-{size}")


def base_beads() -> list[tuple[str, str]]:
    beads = []
    for gold in sorted((MAC_DEV / "gold").glob("*.align")):
        zh_lines = (MAC_DEV / "zh" / gold.stem).read_text(encoding="utf-8").split("\n")
        en_lines = (MAC_DEV / "en" / gold.stem).read_text(encoding="utf-8").split("\n")
        for line in gold.read_text(encoding="utf-8").split("\n"):
            if ":" not in line:
                continue
            left, right = line.split(":")
            zh_ids = [int(x) for x in left.strip("[]").split(",") if x.strip()]
            en_ids = [int(x) for x in right.strip("[]").split(",") if x.strip()]
            if zh_ids and en_ids:
                beads.append(("".join(zh_lines[i] for i in zh_ids), " ".join(en_lines[i] for i in en_ids)))
    return beads


def make_beads(count: int, termbase: TermBase, rng: random.Random) -> list[tuple[str, str, str]]:
    base = base_beads()
    concepts = termbase.concepts
    numbers = [("投资2,000亿元", "investing 200 billion yuan"), ("用户5000万", "5 million users"), ("增长13.2%", "up 13.2%")]
    rows = []
    for number in range(count):
        zh, en = base[number % len(base)]
        zh_parts, en_parts = [zh], [en]
        for _ in range(rng.choice((1, 2, 2, 3))):
            concept = concepts[rng.randrange(len(concepts))]
            zh_parts.append(concept.zh[0])
            roll = rng.random()
            if roll < 0.75:
                en_parts.append(concept.en[0])
            elif roll < 0.85 and concept.forbidden:
                en_parts.append(concept.forbidden[0])
            elif roll < 0.92:
                en_parts.append(concept.en[0].upper() if concept.case == "exact" else concept.en[0])
        if rng.random() < 0.2:
            pair = rng.choice(numbers)
            zh_parts.append(pair[0])
            en_parts.append(pair[1])
        rows.append((str(number + 1), "，".join(zh_parts) + "。", " ".join(en_parts) + "."))
    return rows


def _cpu_seconds() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--beads", type=int, default=1_000_000)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args()
    rng = random.Random(1)

    started = time.perf_counter()
    termbase = synthetic_termbase(args.terms, rng)
    rows = make_beads(args.beads, termbase, rng)
    prepared = time.perf_counter() - started

    started = time.perf_counter()
    termbase.zh_matcher, termbase.en_matcher
    built = time.perf_counter() - started

    cpu_before = _cpu_seconds()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    findings = check_rows(rows, termbase, processes=args.processes, chunk_size=20_000)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before

    zh_chars = sum(len(r[1]) for r in rows)
    en_chars = sum(len(r[2]) for r in rows)
    by_rule = Counter(f.rule for f in findings).most_common()
    save("glossary", None, {
        "concepts": len(termbase), "automata_seconds": round(built, 2), "beads": len(rows),
        "zh_chars_per_bead": round(zh_chars / len(rows)), "en_chars_per_bead": round(en_chars / len(rows)),
        "prepare_seconds": round(prepared, 1), "check_seconds": round(seconds, 1), "processes": args.processes,
        "beads_per_second": round(len(rows) / seconds), "cpu_seconds": round(cpu, 1),
        "cpu_us_per_bead": round(cpu / len(rows) * 1e6), "idle_core_wall_seconds": round(cpu / args.processes, 1),
        "load_average_before": round(load_before, 2), "findings": len(findings), "findings_by_rule": dict(by_rule),
    }, {"bitext": __version__, "glossary": termbase.name, "glossary.concepts": len(termbase)})
    print(f"term base: {len(termbase):,} concepts; automata built in {built:.2f} s")
    print(f"beads: {len(rows):,} ({zh_chars / len(rows):.0f} zh chars, {en_chars / len(rows):.0f} en chars on average); data prepared in {prepared:.1f} s")
    print(f"checked {len(rows):,} beads x {len(termbase):,} terms in {seconds:.1f} s on {args.processes} process(es): "
          f"{len(rows) / seconds:,.0f} beads/s")
    print(f"CPU time of the check (this process and its workers): {cpu:.1f} s = {cpu / len(rows) * 1e6:.0f} µs per bead; "
          f"on {args.processes} otherwise idle core(s) that is {cpu / args.processes:.1f} s of wall time "
          f"(load average before the run: {load_before:.2f}, i.e. other work was sharing the cores)")
    print(f"findings: {len(findings):,} — " + ", ".join(f"{rule} {n:,}" for rule, n in by_rule))


if __name__ == "__main__":
    main()
