"""bitext: Chinese-English alignment toolkit.

>>> from align import read_document, align
>>> zh = read_document("corpus/x.zh.txt"); en = read_document("corpus/x.en.txt")
>>> bt = align(zh, en); bt.to_tmx("exports/x.tmx")
"""

from __future__ import annotations

from .bitext import Bead, Bitext
from .document import Document, Paragraph, Removal, Sentence
from .errors import BitextError, InputError, OutputExistsError, UsageError
from .normalize import matching_key

__version__ = "0.1.0"

__all__ = [
    "Bead", "Bitext", "Document", "Paragraph", "Removal", "Sentence",
    "BitextError", "InputError", "OutputExistsError", "UsageError",
    "matching_key", "read_document", "align", "__version__",
]


def __getattr__(name: str):
    # Heavy modules (OpenCC, jieba, embeddings) load only when first used.
    if name == "read_document":
        from .reader import read_document

        return read_document
    if name == "align":
        from .aligner import align

        return align
    raise AttributeError(name)
