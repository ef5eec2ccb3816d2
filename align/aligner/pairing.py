"""Checks that two Documents can be paired: a Chinese one first, an English one second, both with text."""

from __future__ import annotations

from align.core.document import Document
from align.core.errors import InputError
from align.core.text import HAN, LATIN_LETTER


def han_share(doc: Document) -> float:
    """Share of Han characters among Han + Latin letters in a sample of the text."""
    sample = "".join(s.text for s in doc.sentences[:400])[:20000]
    han, latin = len(HAN.findall(sample)), len(LATIN_LETTER.findall(sample))
    return han / (han + latin) if han + latin else 0.0


def check_document_pair(zh_doc: Document, en_doc: Document, task: str = "align") -> None:
    """Raise InputError for a missing Document, an empty side, two documents in one language, or a swapped order.

    The language is judged from the characters as well as ``Document.lang``, so a
    mislabelled document is caught too.
    """
    for doc, side in ((zh_doc, "Chinese"), (en_doc, "English")):
        if not isinstance(doc, Document):
            raise InputError(f"expected a Document, got {type(doc).__name__}; use read_document() first")
        if not any(s.text.strip() for s in doc.sentences):
            raise InputError(f"{doc.name}: no text to {task} (the {side} side is empty)")
    zh_han, en_han = han_share(zh_doc), han_share(en_doc)
    if zh_doc.lang == en_doc.lang or (zh_han < 0.2 and en_han < 0.2) or (zh_han > 0.5 and en_han > 0.5):
        which = "Chinese" if zh_han > 0.5 and en_han > 0.5 else "English" if zh_han < 0.2 and en_han < 0.2 else zh_doc.lang
        raise InputError(f"{zh_doc.name} and {en_doc.name} are both {which}: give a Chinese and an English document")
    if zh_doc.lang != "zh" or en_doc.lang != "en" or (zh_han < 0.2 and en_han > 0.5):
        raise InputError(f"the Chinese document must come first: {zh_doc.name} is {zh_doc.lang}, {en_doc.name} is {en_doc.lang}")
