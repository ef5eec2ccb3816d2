"""MAC-Dev chapters as translators receive them: Word and PDF files, read back and aligned.

    .venv/bin/python bench/intake.py            # all dev chapters, fast mode, the shipped model

For each chapter, the ``paragraphs`` running text of ``plaintext.py`` (paragraphs
that correspond on both sides) is written three ways:

- ``text``: a UTF-8 ``.txt`` file;
- ``docx``: a Word file, one ``w:p`` per paragraph (built from its XML);
- ``pdf``: an A4 PDF made with fpdf2, text wrapped by fpdf2, a running header
  and a page number on every page (needs a CJK font: WenQuanYi Zen Hei).

``text`` and ``docx`` are aligned (fast mode) and scored through the sentence
spans as ``plaintext.py`` does: the Word file should align exactly as well.
The PDF is scored on what reading it gives back: the share of the chapter's
characters recovered in order (whitespace aside), paragraphs found against
paragraphs written, and the running heads and page numbers removed against the
pages printed. Reading times per format are wall seconds on this machine.
Writes bench/results/intake.fast.json.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from office_files import paragraph, write_docx  # noqa: E402
from plaintext import DATA, chapters, lines_of, mapped, variant  # noqa: E402
from record import save  # noqa: E402

from align import align, read_document  # noqa: E402
from align.aligner.evaluate import read_align, score  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def write_pdf(path: Path, text: str, title: str, chinese: bool) -> int:
    from fpdf import FPDF

    class Book(FPDF):
        def header(self):
            self.set_font("cjk", size=8)
            self.cell(0, 6, title, align="C")
            self.ln(12)

        def footer(self):
            self.set_y(-12)
            self.set_font("cjk", size=8)
            self.cell(0, 6, str(self.page_no()), align="C")

    pdf = Book(format="A4")
    pdf.add_font("cjk", fname=str(FONT), collection_font_number=0)
    pdf.add_page()
    pdf.set_font("cjk", size=11)
    for block in text.strip().split("\n\n"):
        pdf.multi_cell(0, 6, block, wrapmode="CHAR" if chinese else "WORD")  # Chinese wraps between any characters
        pdf.ln(4)
    pdf.output(str(path))
    return pdf.page_no()


def fidelity(written: str, doc) -> float:
    """Share of the written characters (whitespace aside) that reading gives back, in order."""
    a = "".join(written.split())
    b = "".join("".join(doc.paragraph_text(p) for p in doc.paragraphs).split())
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(a), 1)


def run(data: Path, with_pdf: bool) -> dict:
    golds, tests = [], {"text": [], "docx": []}
    seconds = {"text": 0.0, "docx": 0.0, "pdf": 0.0}
    pdf_rows = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for name in chapters(data):
            zh = (data / "zh" / name).read_text(encoding="utf-8").splitlines()
            en = (data / "en" / name).read_text(encoding="utf-8").splitlines()
            gold = read_align(data / "gold" / f"{name}.align")
            golds.append(gold)
            zh_text, zh_spans, en_text, en_spans = variant("paragraphs", zh, en, gold)
            for kind in ("text", "docx"):
                docs = {}
                for lang, text in (("zh", zh_text), ("en", en_text)):
                    path = folder / f"{name}.{lang}.{'txt' if kind == 'text' else 'docx'}"
                    if kind == "text":
                        path.write_text(text, encoding="utf-8")
                    else:
                        write_docx(path, [paragraph(block) for block in text.strip().split("\n\n")])
                    started = time.perf_counter()
                    docs[lang] = read_document(path, lang)
                    seconds[kind] += time.perf_counter() - started
                assert docs["zh"].original == zh_text and docs["en"].original == en_text, "the Word file gives back the text"
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    bitext = align(docs["zh"], docs["en"], fast=True)
                tests[kind].append(mapped(bitext, lines_of(docs["zh"], zh_spans), lines_of(docs["en"], en_spans)))
            if with_pdf:
                for lang, text in (("zh", zh_text), ("en", en_text)):
                    path = folder / f"{name}.{lang}.pdf"
                    pages = write_pdf(path, text, f"MAC chapter {name}", lang == "zh")
                    started = time.perf_counter()
                    doc = read_document(path, lang)
                    seconds["pdf"] += time.perf_counter() - started
                    removed = sum(1 for r in doc.removals if r.rule in ("running-header", "page-number"))
                    pdf_rows[f"{name}.{lang}"] = {
                        "pages": pages, "heads_and_numbers_removed": removed,
                        "paragraphs_written": text.count("\n\n") + 1, "paragraphs_read": len(doc.paragraphs),
                        "characters_recovered": round(fidelity(text, doc), 4),
                    }
                    print(f"{name}.{lang}: {pdf_rows[f'{name}.{lang}']}", flush=True)
    figures = {kind: {"strict_f1": round(score(golds, t)["strict"]["f1"], 4), "lax_f1": round(score(golds, t)["lax"]["f1"], 4)}
               for kind, t in tests.items()}
    figures["read_seconds"] = {k: round(v, 2) for k, v in seconds.items()}
    if pdf_rows:
        figures["pdf"] = pdf_rows
        figures["pdf_characters_recovered_min"] = min(r["characters_recovered"] for r in pdf_rows.values())
    for kind in tests:
        print(f"{kind:5} strict F1 {figures[kind]['strict_f1']:.4f}  lax {figures[kind]['lax_f1']:.4f}", flush=True)
    print(f"reading: {figures['read_seconds']}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    with_pdf = FONT.is_file()
    if not with_pdf:
        print(f"{FONT} missing: PDF figures skipped", file=sys.stderr)
    save("intake", "fast", run(args.data, with_pdf))


if __name__ == "__main__":
    main()
