"""Chinese term matching: one Aho-Corasick automaton over the matching key, leftmost-longest.

The key of a text is built character by character so that every key position
maps back to the original: full-width→half-width, traditional→simplified
(OpenCC's character table, which keeps length), ASCII case-folded, and inline
pinyin artefacts such as 產業(yè) dropped. 產業互聯網 therefore finds the entry
产业互联网, and inside 产业互联网 the shorter entry 互联网 does not fire.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple, Sequence

import ahocorasick

from align.core.text import PINYIN_ANNOTATION  # 產業(yè): the same rule cleaning uses


@functools.lru_cache(maxsize=1)
def _key_table() -> dict[int, str]:
    import opencc

    table: dict[int, str] = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            target = parts[1].split(" ")[0]
            if len(target) == 1:
                table[ord(parts[0])] = target
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0).lower()
    table[0x3000] = " "
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


def zh_key(text: str) -> tuple[str, list[int] | None]:
    """The matching key of ``text`` and, when characters were dropped, the original index of each key character."""
    if "(" in text or "（" in text:
        spans = [m.span() for m in PINYIN_ANNOTATION.finditer(text)]
        if spans:
            pieces, offsets, position = [], [], 0
            for start, end in spans:
                pieces.append(text[position:start])
                offsets.extend(range(position, start))
                position = end
            pieces.append(text[position:])
            offsets.extend(range(position, len(text)))
            return "".join(pieces).translate(_key_table()), offsets
    return text.translate(_key_table()), None


class ZhMatch(NamedTuple):
    concept: int  # index into the TermBase's concepts
    start: int  # span in the ORIGINAL text
    end: int
    text: str  # the original characters matched


class ChineseMatcher:
    def __init__(self, concepts: Sequence) -> None:
        self.automaton = ahocorasick.Automaton()
        for index, concept in enumerate(concepts):
            for form in tuple(concept.zh) + tuple(concept.traditional):
                key, _ = zh_key(form)
                key = key.strip()
                if key and not self.automaton.exists(key):
                    self.automaton.add_word(key, (len(key), index))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[ZhMatch]:
        """Non-overlapping matches, leftmost-longest, with spans in the original text."""
        if self.empty or not text:
            return []
        key, offsets = zh_key(text)
        found = []
        for end, (length, index) in self.automaton.iter_long(key):
            start = end - length + 1
            if offsets is None:
                o_start, o_end = start, end + 1
            else:
                o_start, o_end = offsets[start], offsets[end] + 1
            found.append(ZhMatch(index, o_start, o_end, text[o_start:o_end]))
        return found

    def concepts_in(self, text: str) -> set[int]:
        if self.empty or not text:
            return set()
        key, _ = zh_key(text)
        return {index for _, (_, index) in self.automaton.iter_long(key)}
