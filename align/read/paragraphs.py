"""Paragraph boundaries in plain text.

Blank lines always separate paragraphs. A single newline does too when the
line before it ends a sentence or is short (a heading, a list item); otherwise
it is a hard wrap inside a paragraph (English text wrapped at 72 columns).
"""

from __future__ import annotations

from align.core.document import Removal

_ENDS_SENTENCE = tuple("。！？；…：:.!?;\"”’)）」』】")


def split_paragraphs(text: str, removals: list[Removal] = ()) -> list[tuple[int, int]]:
    """Spans of paragraphs (trimmed); lines removed whole by cleaning are not paragraphs."""
    removed_lines = {(r.start, r.end) for r in removals}
    blocks: list[list[tuple[int, int]]] = [[]]
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        start, end = position, position + len(body)
        position += len(raw)
        if not body.strip() or (start, end) in removed_lines:
            if blocks[-1]:
                blocks.append([])
            continue
        lead = len(body) - len(body.lstrip())
        blocks[-1].append((start + lead, start + len(body.rstrip())))
    spans: list[tuple[int, int]] = []
    for block in blocks:
        if block:
            spans.extend(_split_block(text, block))
    return spans


def _split_block(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    longest = max(end - start for start, end in lines)
    paragraphs: list[tuple[int, int]] = []
    current_start, current_end = lines[0]
    for (start, end), (next_start, next_end) in zip(lines, lines[1:]):
        line = text[start:end]
        if line.endswith(_ENDS_SENTENCE) or (end - start) < 0.6 * longest:
            paragraphs.append((current_start, current_end))
            current_start = next_start
        current_end = next_end
    paragraphs.append((current_start, current_end))
    return paragraphs
