"""Places in an English document: its sentences or lines with their offsets, and an offset as ``line:column``."""

from __future__ import annotations

from typing import Iterable


def segments(document_or_text) -> Iterable[tuple[str, int, str]]:
    """(text, offset in the original, original) for each sentence or line."""
    if isinstance(document_or_text, str):
        offset = 0
        for line in document_or_text.splitlines(keepends=True):
            yield line.rstrip("\r\n"), offset, document_or_text
            offset += len(line)
        return
    original = document_or_text.original
    for sentence in document_or_text.sentences:
        yield sentence.text, sentence.start, original


def where(original: str, offset: int) -> str:
    line = original.count("\n", 0, offset) + 1
    column = offset - (original.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"
