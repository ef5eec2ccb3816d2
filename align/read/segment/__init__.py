"""Sentence segmentation: character spans of the sentences of one paragraph.

``split_sentences(text, lang)`` returns ``(start, end)`` spans into ``text``,
in order, non-overlapping, whitespace trimmed, together covering every
non-space character exactly once; none is longer than ``MAX_CHARS``.  Single newlines inside a paragraph count
as spaces.  ``lang`` is ``"zh"`` (simplified or traditional) or ``"en"``.
"""

from __future__ import annotations

from align.core.errors import InputError
from align.read.segment import en, zh
from align.read.segment._spans import spans_from_cuts

_SPLITTERS = {"zh": zh.split, "en": en.split}


# A "sentence" longer than this (a page without stops, a table flattened into one line) is cut for
# alignment: at the last clause mark before the limit, else at the last space, else at the limit.
MAX_CHARS = {"zh": 600, "en": 1800}
_CLAUSE = {"zh": "，、；：,;:)）】」』”", "en": ",;:)]\"”"}


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    try:
        splitter = _SPLITTERS[lang]
    except KeyError:
        raise InputError(f"unsupported language {lang!r} for sentence segmentation: use zh or en") from None
    spans = splitter(text)
    if any(end - start > MAX_CHARS[lang] for start, end in spans):
        spans = [piece for span in spans for piece in _bounded(text, span, lang)]
    return spans


def _bounded(text: str, span: tuple[int, int], lang: str) -> list[tuple[int, int]]:
    """``span`` cut into pieces of at most ``MAX_CHARS[lang]`` characters, trimmed, covering the same characters."""
    limit, marks = MAX_CHARS[lang], _CLAUSE[lang]
    start, end = span
    cuts = []
    while end - start > limit:
        window = text[start + limit // 2:start + limit]
        at = max(window.rfind(mark) for mark in marks)
        if at < 0:
            at = window.rfind(" ")
        cut = start + limit // 2 + at + 1 if at >= 0 else start + limit
        cuts.append(cut)
        start = cut
    return spans_from_cuts(text[:end], [span[0], *cuts]) if cuts else [span]


def sentences(text: str, lang: str) -> list[str]:
    """The sentence texts themselves (convenience for quick looks and tests)."""
    return [text[start:end] for start, end in split_sentences(text, lang)]


__all__ = ["split_sentences", "sentences"]
