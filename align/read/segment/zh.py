"""Chinese sentence boundaries (simplified and traditional alike).

A sentence ends after a run of 。！？；… (full- or half-width, plus ``...``),
together with the closing quotes and brackets that follow it, so
``“……。”他说。`` splits after ``。”``.  No split inside 《》, nor inside a quote
(“…”, 「…」, 『…』, "…", ‘…’) that closes later in the paragraph.

Two limits on that protection, both because the aligner can merge sentences
but cannot split them:

* a quote that never closes in the paragraph protects nothing: fiction leaves
  multi-paragraph speeches open, and a web page can lose a closing mark; either
  way protection would swallow the rest of the paragraph into one "sentence";
* a quote holding more than ``MAX_QUOTED_SENTENCES`` sentence is split inside,
  where its sentences end: its English translation is as many English
  sentences, and translators' sentence-per-line files cut it so (on MAC-Dev
  plain text, keeping quotes of up to three sentences whole merged 56 gold
  lines and cost 0.05 strict F1).

An ellipsis is a pause more often than an end: it ends a sentence unless the
word after it repeats a character just before it (a stammer, 我……我), or it
follows a comma or an opening mark.  Half-width ``!?;.`` count only next to a
Han character, so English, numbers (5.2) and addresses inside Chinese text
are left alone.
"""

from __future__ import annotations

import bisect
import re

from align.core.text import is_han as _is_han
from align.read.segment._spans import spans_from_cuts

MAX_QUOTED_SENTENCES = 1

_CLOSERS = "”’」』）)】〕］]\"'"
# Closing marks after the stop, also after a stray space ("。 ”").
_TERMINATOR_RUN = re.compile(r"(?:[。！？；!?;．…]|\.)+(?:\s*[" + re.escape(_CLOSERS) + r"])*")
_HALF_WIDTH = frozenset("!?;.")
_ELLIPSIS = frozenset("….")
_CLAUSE_PUNCT = frozenset("，,、：:")
_OPENERS = frozenset("“‘「『《〈（(【〔［[\"")
_PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", "‘": "’", '"': '"'}
_CLOSING = {close: open_ for open_, close in _PAIRS.items()}
_QUOTE_MARK = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSING)) + "]")


def _paired_marks(text: str) -> tuple[list[tuple[int, int, str]], set[int]]:
    """Matched (open, close+1, opener) pairs, and positions of straight quotes that open."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int, str]] = []
    straight_openers: set[int] = set()
    for match in _QUOTE_MARK.finditer(text):
        mark, position = match.group(), match.start()
        if mark == '"':
            if stack and stack[-1][0] == '"':
                pairs.append((stack.pop()[1], position + 1, '"'))
            else:
                stack.append(('"', position))
                straight_openers.add(position)
        elif mark in _PAIRS:
            stack.append((mark, position))
        else:
            opener = _CLOSING[mark]
            # Close the nearest matching opener; marks opened after it and never
            # closed are dropped (a stray apostrophe ’ in English text is ignored).
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == opener:
                    pairs.append((stack[depth][1], position + 1, opener))
                    del stack[depth:]
                    break
    return pairs, straight_openers


def _is_terminator(text: str, run: str, start: int, end: int) -> bool:
    marks = run.rstrip(_CLOSERS + " \t\n\r\u3000")
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    next_char = text[after] if after < len(text) else ""
    before = text[start - 1] if start > 0 else ""
    if next_char in _CLAUSE_PUNCT:
        return False
    if set(marks) <= _HALF_WIDTH and "..." not in marks:
        # 5.2, www.qq.com, "A; B": half-width marks end a sentence only beside Han text.
        if marks.startswith(".") and (before.isdigit() or (after == end and next_char.isascii() and next_char.isalnum())):
            return False  # 5.2, 7. (a list number), www.qq.com
        return _is_han(before) or before in _CLOSERS or _is_han(next_char) or next_char in _OPENERS
    if set(marks) <= _ELLIPSIS:
        if not before or before in _CLAUSE_PUNCT or before in _OPENERS:
            return False
        if next_char and next_char in text[max(0, start - 3) : start]:
            return False  # stammer: 我……我, 一百个……一万个
    return True


def cut_positions(text: str) -> list[int]:
    """Offsets after which a sentence ends."""
    runs = [m for m in _TERMINATOR_RUN.finditer(text) if _is_terminator(text, m.group(), m.start(), m.end())]
    if not runs:
        return []
    pairs, straight_openers = _paired_marks(text)
    run_starts = [m.start() for m in runs]
    protected: list[tuple[int, int]] = []
    for open_at, close_end, opener in pairs:
        if opener != "《":
            inside = bisect.bisect_left(run_starts, close_end - 1) - bisect.bisect_right(run_starts, open_at)
            # The run that ends the quote ("。”") is one sentence end too.
            ends_with_run = inside > 0 and runs[bisect.bisect_left(run_starts, close_end - 1) - 1].end() >= close_end
            if inside + (0 if ends_with_run else 1) > MAX_QUOTED_SENTENCES:
                continue
        protected.append((open_at, close_end))
    protected = _outermost(protected)
    starts = [start for start, _ in protected]
    cuts: list[int] = []
    for match in runs:
        cut = match.end()
        while cut > match.start() + 1 and text[cut - 1] == '"' and cut - 1 in straight_openers:
            cut -= 1  # a straight quote after the stop opens the next sentence
        index = bisect.bisect_right(starts, cut - 1) - 1
        if index >= 0 and protected[index][0] < cut < protected[index][1]:
            continue
        cuts.append(cut)
    return cuts


def _outermost(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def split(text: str) -> list[tuple[int, int]]:
    return spans_from_cuts(text, cut_positions(text))
