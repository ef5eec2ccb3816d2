"""Re-segment and re-align a bilingual file whose segments are paragraphs (a CAT tool's XLIFF, a TMX of
paragraph pairs, a two-column TSV): each side's segments become the paragraphs of a Document, split into
sentences, and the two Documents are aligned trusting those paragraph boundaries."""

from __future__ import annotations

import os
from pathlib import Path

from align.core.bitext import Bitext


def realign(path: str | os.PathLike, *, fmt: str | None = None, fast: bool = False, glossary=None, progress=None,
            bitext: Bitext | None = None) -> Bitext:
    """Sentence beads from the paragraph pairs in ``path`` (any readable bitext format; or ``bitext`` itself).

    Language codes of the input are kept. Paragraph pairs are found again by the paragraph aligner with
    every boundary trusted (``paragraphs="yes"``), so a paragraph left untranslated in the input stays a
    1-0 paragraph rather than shifting the rest."""
    from align.aligner import align
    from align.formats import read_bitext
    from align.read.structured import document_from_paragraphs

    source = bitext if bitext is not None else read_bitext(path, fmt)
    name = Path(path).name if path is not None else "<bitext>"
    zh = document_from_paragraphs([b.zh_text for b in source.beads if b.zh_text.strip()], "zh", source.zh_name or name, "bilingual")
    en = document_from_paragraphs([b.en_text for b in source.beads if b.en_text.strip()], "en", source.en_name or name, "bilingual")
    result = align(zh, en, fast=fast, glossary=glossary, paragraphs="yes", progress=progress)
    result.zh_lang, result.en_lang = source.zh_lang or result.zh_lang, source.en_lang or result.en_lang
    result.details["realigned-from"] = f"{name} ({len(source.beads)} segments)"
    return result
