"""Beads that pair a text with itself: site boilerplate shared by both pages, not a translation.

Two web pages of one site carry the same menu, company name and copyright
lines on the Chinese and the English page. The aligner pairs them with each
other, and every signal agrees (same length, same words, same numbers), so
they come out 1-1 at 0.99 although neither side translates the other. In a
Chinese–English pair a bead is marked, its confidence capped at
``NOT_A_TRANSLATION``, when:

- ``same-text``: both sides are the same text once case, width, spacing and
  punctuation are set aside (``"About Us"`` / ``"About us"``); or
- ``same-language``: neither side holds a Chinese character while both hold
  Latin words (``"Home | Products"`` / ``"Home | Our products"``): English
  on the Chinese page aligned with English.

The bead stays in place (the text is the page's own, and the alignment around
it is right), but below every confidence threshold: CAT-tool exports and mining
leave it out, the review page shows why. Text without letters (``"2024"``,
``"3.5"``) is not marked: numbers are written alike in both languages.
"""

from __future__ import annotations

import re
import unicodedata

NOT_A_TRANSLATION = 0.05
UNTRANSLATED = frozenset({"same-text", "same-language"})  # the reason codes
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_NOT_WORD = re.compile(r"[\W_]+")


def untranslated_reason(zh_text: str, en_text: str) -> str | None:
    """``same-text``, ``same-language`` or None (see the module's docstring)."""
    zh_key, en_key = _key(zh_text), _key(en_text)
    if zh_key and zh_key == en_key and any(c.isalpha() for c in zh_key):
        return "same-text"
    if not _HAN.search(zh_text) and not _HAN.search(en_text) and _LATIN_WORD.search(zh_text) and _LATIN_WORD.search(en_text):
        return "same-language"
    return None


def mark_untranslated(items: list, zh_doc, en_doc) -> list:
    """``(zh_ids, en_ids, confidence, reasons)`` items with the beads above marked and capped."""
    marked = []
    for zh_ids, en_ids, confidence, reasons in items:
        why = untranslated_reason(zh_doc.join(zh_ids), en_doc.join(en_ids)) if zh_ids and en_ids else None
        if why is not None:
            confidence = NOT_A_TRANSLATION if confidence is None else min(confidence, NOT_A_TRANSLATION)
            reasons = (why, *[r for r in reasons if r != why])
        marked.append((zh_ids, en_ids, confidence, tuple(reasons)))
    return marked


def _key(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())
