"""Plain views of a Document for people and pipelines: a summary and the cleaned text."""

from __future__ import annotations

from collections import Counter
from typing import Any

from align.core.document import Document, Removal


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def describe(doc: Document) -> dict[str, Any]:
    """What ``bitext info`` shows: encoding, format, language, script, counts, the kinds of paragraphs a format
    marks (``heading``, ``footnote``, ``table-row``...), removals by rule and what the reader left out of the file."""
    return {
        "file": doc.source or "<string>",
        "encoding": doc.encoding or ("str" if doc.format in ("text", "html", "presplit") else "-"),
        "format": doc.format,
        "language": doc.lang,
        "script": doc.script,
        "characters": len(doc.original),
        "paragraphs": len(doc.paragraphs),
        "sentences": len(doc.sentences),
        "kept_characters": sum(len(s.text) for s in doc.sentences),
        "parts": dict(Counter(p.role for p in doc.paragraphs if p.role)),
        "removed": dict(Counter(r.rule for r in doc.removals)),
        "left_out": dict(doc.left_out),
    }


def removal_rows(doc: Document) -> list[dict[str, Any]]:
    return [
        {"line": line_of(doc.original, r.start), "start": r.start, "end": r.end, "rule": r.rule, "text": r.text}
        for r in doc.removals
    ]


def cleaned_text(doc: Document) -> str:
    """The kept text, one paragraph per block, original characters."""
    return "\n\n".join(doc.paragraph_text(p) for p in doc.paragraphs) + "\n"


def sentence_rows(doc: Document) -> list[dict[str, Any]]:
    """One row per sentence; ``role`` is its paragraph's (heading, footnote, table-row...), ``meta`` what the
    format said about it (a subtitle cue's start and end)."""
    roles = {p.id: p.role for p in doc.paragraphs}
    return [
        {"id": s.id, "paragraph": s.paragraph, "role": roles.get(s.paragraph, ""), "start": s.start, "end": s.end,
         "text": s.text, "key": s.key, "meta": dict(s.meta or {})}
        for s in doc.sentences
    ]


__all__ = ["describe", "removal_rows", "cleaned_text", "sentence_rows", "line_of", "Removal"]
