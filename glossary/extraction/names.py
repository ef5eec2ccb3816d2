"""Person and place names paired through pinyin: 叶文洁 <-> Ye Wenjie, 宝玉 <-> Bao-yu, 汪淼 <-> Wang Miao."""

from __future__ import annotations

import re
from functools import lru_cache

from align.core.text import HAN_CLASS

_HAN_NAME = re.compile(f"[{HAN_CLASS}]{{2,4}}")
_NOT_LETTER = re.compile(r"[^a-z]")


@lru_cache(maxsize=100_000)
def pinyin_key(zh: str) -> str:
    """Toneless pinyin run together (``yewenjie``), or "" for what cannot be a name."""
    if not _HAN_NAME.fullmatch(zh):
        return ""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(zh)
    return "".join(syllables).lower() if all(s.isalpha() for s in syllables) else ""


def en_name_key(en: str) -> str:
    """An English phrase of capitalised words run together without spaces, hyphens or apostrophes ("Zhan'ao")."""
    words = en.split()
    if not words or not all(w[:1].isupper() for w in words):
        return ""
    return _NOT_LETTER.sub("", en.lower().replace("ü", "v"))


def is_name_pair(zh: str, en: str) -> bool:
    key = pinyin_key(zh)
    return bool(key) and key == en_name_key(en)


def han_syllables(text: str) -> list[tuple[int, str]]:
    """``(position, syllable)`` for every Han character of ``text`` (pinyin read in context, toneless)."""
    from pypinyin import lazy_pinyin

    out = []
    position = 0
    for chunk in lazy_pinyin(text, errors=lambda piece: [piece]):
        if len(chunk) and chunk.isalpha() and chunk.isascii() and position < len(text) and _HAN_NAME.match(text[position] * 2):
            out.append((position, chunk.lower()))
            position += 1
        else:
            position += len(chunk)
    return out


def names_by_pinyin(text: str, wanted: set[str]) -> set[str]:
    """Two- to four-character Han strings of ``text`` whose pinyin is one of ``wanted`` (English name keys): this
    finds 陈清扬 for "Chen Qingyang" where the segmenter cut it 陈/清扬."""
    syllables = han_syllables(text)
    found = set()
    for i in range(len(syllables)):
        key = ""
        for j in range(i, min(i + 4, len(syllables))):
            if syllables[j][0] != syllables[i][0] + (j - i):
                break
            key += syllables[j][1]
            if j > i and key in wanted:
                found.add(text[syllables[i][0]:syllables[j][0] + 1])
    return found
