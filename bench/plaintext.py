"""MAC-Dev as users have it: plain text that bitext segments itself, scored through the sentence spans.

    .venv/bin/python bench/plaintext.py               # both variants and --presplit, both modes, leave one chapter out
    .venv/bin/python bench/plaintext.py --modes fast --in-sample   # with the shipped model (fitted on these chapters)

Each chapter is written as running text in two ways:

- ``paragraphs``: paragraphs that correspond, cut on both sides at the same gold bead
  boundary every ``PARAGRAPH_BEADS`` beads (as a published translation is);
- ``independent``: each side cut into paragraphs of ``LINES`` lines of its own,
  so the two sides' paragraphs do not correspond.

bitext reads the text (cleaning, paragraphs, sentences) and aligns it with
default settings (``paragraphs="auto"``). Each predicted bead is mapped to the
gold lines its sentences overlap (a sentence's span in the written text);
beads that share a line are merged, since a gold line belongs to one bead.
Strict and lax F1 are Vecalign's. ``--presplit`` gives the reference: one
sentence per line, no paragraphs. ``ceiling`` is the strict F1 a perfect
aligner would reach on bitext's segmentation (gold beads that share a
sentence merged): what segmentation alone costs against the gold's cuts. Each chapter is aligned with a model fitted
without it (``folds.py``) unless ``--in-sample``. Writes
bench/results/plaintext.<mode>.json.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from record import save  # noqa: E402

from align import align, read_document  # noqa: E402
from align.aligner.evaluate import read_align, score  # noqa: E402

DATA = ROOT.parent / "shared" / "benchmarks" / "mac-dev"
PARAGRAPH_BEADS = 6
LINES = 5


def chapters(data: Path) -> list[str]:
    return sorted(p.stem for p in (data / "gold").glob("*.align"))


def written(lines: list[str], breaks: set[int], joiner: str) -> tuple[str, list[tuple[int, int]]]:
    """The lines as running text, a blank line before every line index in ``breaks``; each line's span."""
    parts, spans, position = [], [], 0
    for k, line in enumerate(lines):
        if k and k in breaks:
            parts.append("\n\n")
            position += 2
        elif k and joiner:
            parts.append(joiner)
            position += len(joiner)
        spans.append((position, position + len(line)))
        parts.append(line)
        position += len(line)
    return "".join(parts) + "\n", spans


def variant(kind: str, zh: list[str], en: list[str], gold) -> tuple[str, list, str, list]:
    if kind == "paragraphs":
        zh_breaks, en_breaks = set(), set()
        for k, (src, tgt) in enumerate(gold):
            if k and k % PARAGRAPH_BEADS == 0:
                if src:
                    zh_breaks.add(src[0])
                if tgt:
                    en_breaks.add(tgt[0])
    else:
        zh_breaks, en_breaks = set(range(0, len(zh), LINES)), set(range(0, len(en), LINES))
    zh_text, zh_spans = written(zh, zh_breaks, "")
    en_text, en_spans = written(en, en_breaks, " ")
    return zh_text, zh_spans, en_text, en_spans


def lines_of(doc, spans: list[tuple[int, int]]) -> list[set[int]]:
    """For each sentence of ``doc``, the written lines its span overlaps."""
    out = []
    for sentence in doc.sentences:
        out.append({k for k, (a, b) in enumerate(spans) if a < sentence.end and sentence.start < b})
    return out


def mapped(bitext, zh_lines: list[set[int]], en_lines: list[set[int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Beads as gold-line ids; consecutive beads sharing a line become one."""
    beads: list[tuple[set[int], set[int]]] = []
    for bead in bitext.beads:
        z = set().union(*(zh_lines[i] for i in bead.zh_ids)) if bead.zh_ids else set()
        e = set().union(*(en_lines[j] for j in bead.en_ids)) if bead.en_ids else set()
        if beads and ((z & beads[-1][0]) or (e & beads[-1][1])):
            beads[-1] = (beads[-1][0] | z, beads[-1][1] | e)
        else:
            beads.append((z, e))
    return [(tuple(sorted(z)), tuple(sorted(e))) for z, e in beads if z or e]


def ceiling(gold, zh_lines: list[set[int]], en_lines: list[set[int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The gold beads as a perfect aligner of these sentences would give them: beads sharing a sentence merged."""
    owner = {("zh", line): k for k, (src, _) in enumerate(gold) for line in src}
    owner.update({("en", line): k for k, (_, tgt) in enumerate(gold) for line in tgt})
    merged_into = list(range(len(gold)))

    def root(k: int) -> int:
        while merged_into[k] != k:
            k = merged_into[k]
        return k

    for side, sentence_lines in (("zh", zh_lines), ("en", en_lines)):
        for lines in sentence_lines:
            beads = sorted({owner[(side, line)] for line in lines if (side, line) in owner})
            for k in beads[1:]:
                merged_into[root(k)] = root(beads[0])
    groups: dict[int, tuple[set[int], set[int]]] = {}
    for k, (src, tgt) in enumerate(gold):
        zh_ids, en_ids = groups.setdefault(root(k), (set(), set()))
        zh_ids.update(src)
        en_ids.update(tgt)
    return [(tuple(sorted(z)), tuple(sorted(e))) for z, e in groups.values()]


def run(mode: str, data: Path, models: dict) -> dict:
    fast = mode == "fast"
    table: dict[str, dict] = {}
    for kind in ("presplit", "paragraphs", "independent"):
        golds, tests, bounds, per_chapter, details = [], [], [], {}, {}
        started = time.perf_counter()
        for name in chapters(data):
            zh = (data / "zh" / name).read_text(encoding="utf-8").splitlines()
            en = (data / "en" / name).read_text(encoding="utf-8").splitlines()
            gold = read_align(data / "gold" / f"{name}.align")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if kind == "presplit":
                    zh_doc = read_document("\n".join(zh) + "\n", "zh", presplit=True)
                    en_doc = read_document("\n".join(en) + "\n", "en", presplit=True)
                    bitext = align(zh_doc, en_doc, fast=fast, model=models.get(name))
                    test = [(b.zh_ids, b.en_ids) for b in bitext.beads]
                    bound = gold
                else:
                    zh_text, zh_spans, en_text, en_spans = variant(kind, zh, en, gold)
                    zh_doc, en_doc = read_document(zh_text, "zh"), read_document(en_text, "en")
                    bitext = align(zh_doc, en_doc, fast=fast, model=models.get(name))
                    zh_lines, en_lines = lines_of(zh_doc, zh_spans), lines_of(en_doc, en_spans)
                    test = mapped(bitext, zh_lines, en_lines)
                    bound = ceiling(gold, zh_lines, en_lines)
            golds.append(gold)
            tests.append(test)
            bounds.append(bound)
            s = score([gold], [test])
            per_chapter[name] = {"strict": round(s["strict"]["f1"], 4), "lax": round(s["lax"]["f1"], 4)}
            details[name] = dict(bitext.details)
        overall = score(golds, tests)
        table[kind] = {"strict_f1": round(overall["strict"]["f1"], 4), "lax_f1": round(overall["lax"]["f1"], 4),
                       "ceiling_strict_f1": round(score(golds, bounds)["strict"]["f1"], 4),
                       "chapters": per_chapter, "details": details, "seconds": round(time.perf_counter() - started, 1)}
        print(f"[{mode}{' LOCO' if models else ''}] {kind:12} strict F1 {table[kind]['strict_f1']:.4f}  lax {table[kind]['lax_f1']:.4f}  "
              f"ceiling {table[kind]['ceiling_strict_f1']:.4f}  "
              + "  ".join(f"{c}:{v['strict']:.3f}" for c, v in per_chapter.items()), flush=True)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--modes", default="embed,fast")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--in-sample", action="store_true", help="align with the shipped model (fitted on these chapters)")
    args = parser.parse_args()
    for mode in args.modes.split(","):
        models = {}
        if not args.in_sample:
            from folds import fold_models

            models = fold_models(mode)
        fit = "in sample (the shipped model)" if args.in_sample else "leave one chapter out (a model fitted without the chapter)"
        save("plaintext", mode + (".in-sample" if args.in_sample else ""), {"fit": fit, **run(mode, args.data, models)})


if __name__ == "__main__":
    main()
