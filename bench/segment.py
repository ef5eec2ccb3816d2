"""Sentence segmentation: throughput on ~10 MB per language, and agreement with MAC-Dev.

    .venv/bin/python bench/segment.py            # 10 MB per language
    .venv/bin/python bench/segment.py --mb 2     # quicker

Throughput: ``split_sentences`` alone, then the full plain-text read
(``read_document`` on a string: cleaning, paragraphs, segmentation, matching
keys), in MB of UTF-8 input per second.  pysbd is timed on a 1 MB slice of the
English for comparison.  The texts are the MAC-Dev chapters and the seeds,
repeated; traditional Chinese is the simplified text through OpenCC s2t.

Agreement: each MAC-Dev chapter's reference sentences (one per line, from the
Bertalign project) are joined back into running text and re-split; boundary
precision/recall/F1 against the reference is printed for this segmenter and,
for English, for pysbd.  The reference splits inside Chinese quotes, which this
segmenter deliberately does not (see align/segment/zh.py), so Chinese recall is
expected to be below 1.

The figures are also written to bench/results/segment.json (see bench/record.py).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from record import save

from align.core.normalize import to_traditional
from align.core.version import __version__
from align.read.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MAC_DEV = SHARED / "benchmarks" / "mac-dev"
SEEDS = SHARED / "seeds"


def _paragraphs_from_lines(lines: list[str], joiner: str, per_paragraph: int = 8) -> list[str]:
    return [joiner.join(lines[i : i + per_paragraph]) for i in range(0, len(lines), per_paragraph)]


def _seed_paragraphs(prefixes: tuple[str, ...]) -> list[str]:
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        if path.name.startswith(prefixes):
            paragraphs += [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
    return paragraphs


def _mac_dev_lines(lang: str) -> list[list[str]]:
    return [path.read_text(encoding="utf-8").splitlines() for path in sorted((MAC_DEV / lang).iterdir())]


def build_corpus(lang: str, megabytes: float) -> list[str]:
    """About ``megabytes`` MB (UTF-8) of paragraphs in ``lang`` (zh-Hans, zh-Hant or en)."""
    base_lang = "en" if lang == "en" else "zh"
    joiner = " " if base_lang == "en" else ""
    base: list[str] = []
    for chapter in _mac_dev_lines(base_lang):
        base += _paragraphs_from_lines(chapter, joiner)
    base += _seed_paragraphs(("000", "001", "004") if base_lang == "en" else ("002",))
    if lang == "zh-Hant":
        base = [to_traditional(p) for p in base]
    size = sum(len(p.encode("utf-8")) + 2 for p in base)
    repeats = max(1, round(megabytes * 1e6 / size))
    return base * repeats


def _mb(paragraphs: list[str]) -> float:
    return sum(len(p.encode("utf-8")) for p in paragraphs) / 1e6


def time_split(paragraphs: list[str], lang: str) -> tuple[float, int]:
    start = time.perf_counter()
    count = sum(len(split_sentences(p, lang)) for p in paragraphs)
    return time.perf_counter() - start, count


def time_read(paragraphs: list[str], lang: str) -> tuple[float, int] | None:
    try:
        from align.read.reader import read_document
    except ImportError:
        return None
    text = "\n\n".join(paragraphs)
    start = time.perf_counter()
    try:
        document = read_document(text, lang)
    except Exception as error:  # the read path belongs to others; report, don't crash the bench
        print(f"  read_document failed: {error}", file=sys.stderr)
        return None
    return time.perf_counter() - start, len(document.sentences)


def _pysbd():
    try:
        import pysbd
    except ImportError:
        raise SystemExit("bench/segment.py compares with pysbd: pip install 'bitext[bench]'") from None
    return pysbd


def time_pysbd(paragraphs: list[str], megabytes: float = 1.0) -> tuple[float, float, int]:
    pysbd = _pysbd()
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    chosen, size = [], 0.0
    for paragraph in paragraphs:
        chosen.append(paragraph)
        size += len(paragraph.encode("utf-8")) / 1e6
        if size >= megabytes:
            break
    start = time.perf_counter()
    count = sum(len(segmenter.segment(p)) for p in chosen)
    return time.perf_counter() - start, size, count


def _cuts_from_spans(spans: list[tuple[int, int]]) -> set[int]:
    """A boundary is identified by the start of the sentence after it."""
    return {start for start, _ in spans[1:]}


def agreement(lang: str, splitter) -> tuple[float, float, float, int]:
    joiner = " " if lang == "en" else ""
    true_positive = predicted = reference = 0
    for chapter in _mac_dev_lines(lang):
        lines = [line.strip() for line in chapter if line.strip()]
        text = joiner.join(lines)
        gold, position = set(), 0
        for line in lines:
            if position:
                gold.add(position)
            position += len(line) + len(joiner)
        got = _cuts_from_spans(splitter(text))
        true_positive += len(gold & got)
        predicted += len(got)
        reference += len(gold)
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / reference if reference else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, reference


def _pysbd_spans(text: str) -> list[tuple[int, int]]:
    pysbd = _pysbd()
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    spans = []
    for piece in segmenter.segment(text):
        stripped = piece.sent.strip()
        if stripped:
            offset = piece.sent.index(stripped[0])
            spans.append((piece.start + offset, piece.start + offset + len(stripped)))
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="MB of text per language (default 10)")
    parser.add_argument("--no-pysbd", action="store_true", help="skip the pysbd comparison (slow)")
    args = parser.parse_args()

    print(f"Throughput, ~{args.mb:g} MB per language (MB of UTF-8 input per second, 1 process)")
    print(f"{'text':<10}{'MB':>7}{'sentences':>11}{'split s':>9}{'split MB/s':>12}{'read s':>8}{'read MB/s':>11}")
    english: list[str] = []
    figures: dict = {"megabytes_per_language": args.mb, "throughput": [], "agreement": []}
    for lang in ("zh-Hans", "zh-Hant", "en"):
        paragraphs = build_corpus(lang, args.mb)
        if lang == "en":
            english = paragraphs
        code = "en" if lang == "en" else "zh"
        size = _mb(paragraphs)
        seconds, count = time_split(paragraphs, code)
        read = time_read(paragraphs, code)
        read_cells = f"{read[0]:>8.2f}{size / read[0]:>11.2f}" if read else f"{'n/a':>8}{'n/a':>11}"
        figures["throughput"].append({"text": lang, "mb": round(size, 2), "sentences": count, "split_seconds": round(seconds, 2),
                                      "split_mb_per_s": round(size / seconds, 2),
                                      "read_seconds": round(read[0], 2) if read else None,
                                      "read_mb_per_s": round(size / read[0], 2) if read else None})
        print(f"{lang:<10}{size:>7.2f}{count:>11,}{seconds:>9.2f}{size / seconds:>12.2f}{read_cells}")
    if not args.no_pysbd:
        seconds, size, count = time_pysbd(english)
        figures["throughput"].append({"text": "en pysbd", "mb": round(size, 2), "sentences": count, "split_seconds": round(seconds, 2),
                                      "split_mb_per_s": round(size / seconds, 2), "read_seconds": None, "read_mb_per_s": None})
        print(f"{'en pysbd':<10}{size:>7.2f}{count:>11,}{seconds:>9.2f}{size / seconds:>12.2f}{'':>8}{'':>11}")

    print()
    print("Agreement with the MAC-Dev reference sentence split (chapters re-joined, boundaries compared)")
    print(f"{'segmenter':<22}{'boundaries':>11}{'P':>7}{'R':>7}{'F1':>7}")
    rows = [("bitext zh", "zh", lambda t: split_sentences(t, "zh")), ("bitext en", "en", lambda t: split_sentences(t, "en"))]
    if not args.no_pysbd:
        rows.append(("pysbd en", "en", _pysbd_spans))
    for name, lang, splitter in rows:
        precision, recall, f1, reference = agreement(lang, splitter)
        figures["agreement"].append({"segmenter": name, "boundaries": reference, "precision": round(precision, 4),
                                     "recall": round(recall, 4), "f1": round(f1, 4)})
        print(f"{name:<22}{reference:>11,}{precision:>7.3f}{recall:>7.3f}{f1:>7.3f}")
    save("segment", None, figures, {"bitext": __version__})


if __name__ == "__main__":
    main()
