"""Bible benchmark (CUV / KJV): strict F1 merged by verse, wall time, peak memory.

    .venv/bin/python bench/bible.py                 # chapters as paragraphs (from the .verse files)
    .venv/bin/python bench/bible.py --no-paragraphs # one stretch of 6,301 x 5,000 sentences
    .venv/bin/python bench/bible.py --fast

The gold is verse-level and written English first (``[en ids]:[zh ids]``).
Predicted beads are turned round, then consecutive beads whose sentences all
belong to one and the same verse are merged (as the Bertalign project's
evaluation does), and scored with Vecalign's strict/lax measures. Unmerged
figures are printed too. The figures are also written to
bench/results/bible.MODE.json (``bible.MODE.no-paragraphs.json`` with
--no-paragraphs; see bench/record.py).
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

from record import save  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "benchmarks" / "bible"


def merge_by_verse(beads, zh_verse, en_verse):
    """Beads as (en ids, zh ids); consecutive beads inside one verse become one."""
    merged = []
    verses_of_last = None
    for zh_ids, en_ids in beads:
        verses = {zh_verse[i] for i in zh_ids} | {en_verse[j] for j in en_ids}
        if merged and len(verses) == 1 and verses == verses_of_last:
            en_prev, zh_prev = merged[-1]
            merged[-1] = (en_prev + tuple(en_ids), zh_prev + tuple(zh_ids))
        else:
            merged.append((tuple(en_ids), tuple(zh_ids)))
            verses_of_last = verses if len(verses) == 1 else None
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description="Align the Bible sample and score it against the verse gold.")
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--no-paragraphs", action="store_true", help="do not use chapters as paragraphs")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    from align import align, read_document
    from align.aligner.evaluate import read_align, score

    zh_verse = (args.data / "zh.verse").read_text(encoding="utf-8").split()
    en_verse = (args.data / "en.verse").read_text(encoding="utf-8").split()
    zh = read_document(args.data / "zh" / "001", "zh", presplit=True)
    en = read_document(args.data / "en" / "001", "en", presplit=True)
    if not args.no_paragraphs:
        zh = zh.regroup([v.rsplit(":", 1)[0] for v in zh_verse])
        en = en.regroup([v.rsplit(":", 1)[0] for v in en_verse])
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bitext = align(zh, en, fast=args.fast, paragraphs=not args.no_paragraphs)
    seconds = time.perf_counter() - t
    beads = [(b.zh_ids, b.en_ids) for b in bitext.beads]
    gold = read_align(args.data / "gold" / "001.align")
    merged = score([gold], [merge_by_verse(beads, zh_verse, en_verse)])
    unmerged = score([gold], [[(e, z) for z, e in beads]])
    wall = time.perf_counter() - START
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mode = "fast" if args.fast else "embed"
    figures = {"zh_sentences": len(zh), "en_sentences": len(en), "mode": mode,
               "paragraphs": "no" if args.no_paragraphs else "chapters", "paragraphs_used": bitext.signature.get("paragraphs"),
               "merged": merged, "unmerged": unmerged, "align_seconds": round(seconds, 1), "wall_seconds": round(wall, 1),
               "peak_mb": round(peak)}
    save("bible", mode + (".no-paragraphs" if args.no_paragraphs else ""), figures, bitext.signature)
    print(f"Bible ({len(zh)} zh / {len(en)} en sentences), mode {mode}, "
          f"paragraphs {figures['paragraphs']} (used: {figures['paragraphs_used']})")
    for label, s in (("merged by verse", merged), ("unmerged", unmerged)):
        print(f"{label:16} strict P {s['strict']['precision']:.3f} R {s['strict']['recall']:.3f} F1 {s['strict']['f1']:.3f}"
              f" | lax F1 {s['lax']['f1']:.3f}")
    print(f"align {seconds:.1f}s, wall {wall:.1f}s (incl. imports and loading), peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
