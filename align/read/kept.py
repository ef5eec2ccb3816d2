"""A paragraph's text with removals cut out, and the map from its characters back to the original."""

from __future__ import annotations

from align.core.document import Removal


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
