"""Term extraction benchmark: precision at 50 and 100 and recall against reference term and name lists.

    .venv/bin/python bench/extract.py            # MAC-Dev (gold beads) and the Bible (gold beads)

For each set, ``glossary.extract`` runs twice on the gold beads: with the
CC-CEDICT lexicon and pinyin names (bitext's method) and without (the plain
co-occurrence Dice baseline), same candidates. A proposed pair is right when
its Chinese and English (case-insensitive) are a pair of the reference list in
bench/data/extract/ (README.md there says how it was built: by the author of
the method, from reading the texts, see the caveat). Recall is the share of
reference pairs proposed anywhere in the ranked list. Figures go to
bench/results/extract.json.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from record import save  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "benchmarks"
REFERENCE = ROOT / "bench" / "data" / "extract"


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.strip().strip("[]").split(",") if x.strip())


def gold_beads(name: str, data: Path = SHARED):
    """The gold alignment as beads; the Bible's gold is written English first."""
    from align.core.bitext import Bead

    if name == "bible":
        chapters = [("001", data / "bible", True)]
    else:
        chapters = [(p.stem, data / "mac-dev", False) for p in sorted((data / "mac-dev" / "gold").glob("*.align"))]
    beads = []
    for stem, folder, english_first in chapters:
        zh = (folder / "zh" / stem).read_text(encoding="utf-8").splitlines()
        en = (folder / "en" / stem).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate((folder / "gold" / f"{stem}.align").read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            left, right = line.split(":")
            zh_ids, en_ids = (_ids(right), _ids(left)) if english_first else (_ids(left), _ids(right))
            beads.append(Bead(zh_ids, en_ids, "".join(zh[i] for i in zh_ids), " ".join(en[j] for j in en_ids),
                              id=f"{stem}:{number}"))
    return beads


def reference(name: str) -> dict[str, set[str]]:
    pairs: dict[str, set[str]] = {}
    for line in (REFERENCE / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        zh, en = line.split("\t")[:2]
        pairs.setdefault(zh, set()).update(e.strip().casefold() for e in en.split("|"))
    return pairs


def measure(candidates, pairs: dict[str, set[str]]) -> dict[str, float]:
    right = [c.en.casefold() in pairs.get(c.zh, ()) for c in candidates]
    found = {(c.zh, c.en.casefold()) for c, ok in zip(candidates, right) if ok}
    total = len(pairs)
    return {"p@50": round(sum(right[:50]) / 50, 3), "p@100": round(sum(right[:100]) / 100, 3),
            "recall": round(len({zh for zh, _ in found}) / total, 3), "proposed": len(candidates), "reference": total}


def main() -> None:
    parser = argparse.ArgumentParser(description="Score glossary.extraction against the reference term lists.")
    parser.add_argument("--show", type=int, default=0, help="print the first N candidates of each run")
    args = parser.parse_args()
    from align.aligner.resources.lexicon import CedictLexicon
    from glossary.extraction import extract

    lexicon = CedictLexicon()
    lexicon.glosses("词")  # load the dictionary outside the timings
    figures = {}
    for name in ("mac-dev", "bible"):
        beads = gold_beads(name)
        pairs = reference(name)
        for method, lex in (("bitext", lexicon), ("baseline-dice", None)):
            started = time.perf_counter()
            candidates = extract(beads, lexicon=lex)
            seconds = time.perf_counter() - started
            scores = measure(candidates, pairs)
            figures[f"{name}.{method}"] = {**scores, "beads": len(beads), "seconds": round(seconds, 1)}
            for rank, c in enumerate(candidates[:args.show], start=1):
                ok = "+" if c.en.casefold() in pairs.get(c.zh, ()) else "-"
                print(f"  {ok} {rank:3} {c.zh} | {c.en} ({c.together})")
    figures["wall_seconds"] = round(time.perf_counter() - START, 1)
    save("extract", None, figures)
    print(f"{'set.method':24} {'P@50':>6} {'P@100':>6} {'recall':>7} {'proposed':>9} {'ref':>5} {'secs':>6}")
    for key, row in figures.items():
        if isinstance(row, dict):
            print(f"{key:24} {row['p@50']:6.3f} {row['p@100']:6.3f} {row['recall']:7.3f} {row['proposed']:9} "
                  f"{row['reference']:5} {row['seconds']:6.1f}")
    print(f"wall {figures['wall_seconds']:.1f}s (incl. imports and dictionary loading)")


if __name__ == "__main__":
    main()
