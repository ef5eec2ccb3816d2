"""A paragraph's text with removals cut out, and the map from its characters back to the original."""

from __future__ import annotations

import bisect
from itertools import accumulate

from align.core.document import Removal, Sentence
from align.core.normalize import matching_key


class Kept:
    """A paragraph's text with removals cut out, and a map back to original offsets."""

    def __init__(self, text: str, offsets: list[int]):
        self.text = text
        self.offsets = offsets  # offsets[i] = original position of text[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets[start], self.offsets[end - 1] + 1


def kept_text(text: str, start: int, end: int, removals: list[Removal]) -> Kept:
    inside = [r for r in removals if r.end > start and r.start < end]
    chars: list[str] = []
    offsets: list[int] = []
    position = start
    for removal in sorted(inside, key=lambda r: r.start):
        if removal.start > position:
            chars.append(text[position : removal.start])
            offsets.extend(range(position, removal.start))
        position = max(position, removal.end)
    if position < end:
        chars.append(text[position:end])
        offsets.extend(range(position, end))
    return Kept("".join(chars), offsets)


class Removals:
    """A text's removals (sorted by start, as ``clean_text`` and ``merge_removals`` return them), found by position."""

    def __init__(self, removals: list[Removal]):
        self.removals = removals
        self.starts = [r.start for r in removals]
        self.reach = list(accumulate((r.end for r in removals), max))  # the furthest end of the first k removals

    def kept(self, text: str, start: int, end: int) -> Kept:
        """``text[start:end]`` without the removals, looking only at those that can touch it."""
        first = bisect.bisect_right(self.reach, start)  # the first removal that reaches past start
        last = bisect.bisect_left(self.starts, end)
        return kept_text(text, start, end, self.removals[first:last])


def add_sentences(kept: Kept, spans, lang: str, paragraph: int, sentences: list[Sentence], meta=None) -> list[int]:
    """Append a Sentence for each span of ``kept.text`` (spans back in original offsets); their ids."""
    ids = []
    for s_start, s_end in spans:
        o_start, o_end = kept.to_original(s_start, s_end)
        sentence_text = kept.text[s_start:s_end]
        ids.append(len(sentences))
        sentences.append(Sentence(len(sentences), paragraph, o_start, o_end, sentence_text, matching_key(sentence_text, lang), meta))
    return ids
