"""Sentence segmentation: character spans of the sentences of one paragraph.

``split_sentences(text, lang)`` returns ``(start, end)`` spans into ``text``,
in order, non-overlapping, whitespace trimmed, together covering every
non-space character exactly once.  Single newlines inside a paragraph count
as spaces.  ``lang`` is ``"zh"`` (simplified or traditional) or ``"en"``.
"""

from __future__ import annotations

from align.core.errors import InputError
from align.read.segment import en, zh

_SPLITTERS = {"zh": zh.split, "en": en.split}


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    try:
        splitter = _SPLITTERS[lang]
    except KeyError:
        raise InputError(f"unsupported language {lang!r} for sentence segmentation: use zh or en") from None
    return splitter(text)


def sentences(text: str, lang: str) -> list[str]:
    """The sentence texts themselves (convenience for quick looks and tests)."""
    return [text[start:end] for start, end in split_sentences(text, lang)]


__all__ = ["split_sentences", "sentences"]
