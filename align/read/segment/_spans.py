"""Turn cut positions into trimmed sentence spans."""

from __future__ import annotations

import re
from typing import Iterable

_NON_SPACE = re.compile(r"\S")


def spans_from_cuts(text: str, cuts: Iterable[int]) -> list[tuple[int, int]]:
    """Spans between consecutive cuts, whitespace trimmed, empty pieces dropped.

    Every non-space character of ``text`` ends up in exactly one span, in order.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if cut <= start:
            continue
        first = _NON_SPACE.search(text, start, cut)
        if first is not None:
            end = cut
            while text[end - 1].isspace():
                end -= 1
            spans.append((first.start(), end))
        start = cut
    return spans
