"""bitext: Chinese-English translation alignment, exports, glossary checks and consistency scoring.

>>> from align import read_document, align
>>> zh = read_document("corpus/x.zh.txt"); en = read_document("corpus/x.en.txt")
>>> bt = align(zh, en); bt.to_tmx("exports/x.tmx")

This module is the public API and the top of the package: it may import every
layer, and no module of the project imports it (see docs/architecture.md).
"""

from __future__ import annotations

from align import formats as _formats  # noqa: F401  (registers the file formats Bitext.read/write use)
from align.core.bitext import Bead, Bitext
from align.core.document import Document, Paragraph, Removal, Sentence
from align.core.errors import BitextError, InputError, OutputExistsError, UsageError
from align.core.normalize import matching_key
from align.core.version import __version__

__all__ = [
    "Bead", "Bitext", "Document", "Paragraph", "Removal", "Sentence",
    "BitextError", "InputError", "OutputExistsError", "UsageError",
    "matching_key", "read_document", "align", "mine", "extract_terms", "__version__",
]

def __getattr__(name: str):
    # Heavy modules (OpenCC, jieba, embeddings) load only when first used.
    if name == "read_document":
        from align.read.reader import read_document

        return read_document
    if name == "align":
        from align.aligner import align

        return align
    if name == "mine":
        from align.aligner.mining import mine

        return mine
    if name == "extract_terms":
        return _extract_terms
    raise AttributeError(name)


def _extract_terms(bitexts, termbase=None, **options):
    """Term and name pairs proposed from aligned text, best first (``glossary.extract`` with CC-CEDICT and pinyin)."""
    from align.aligner.resources.lexicon import CedictLexicon
    from glossary import extract

    return extract(bitexts, termbase=termbase, lexicon=CedictLexicon(), **options)
