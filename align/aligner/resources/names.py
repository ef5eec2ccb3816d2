"""Names: pinyin of a Chinese word the dictionary does not know vs capitalised English words.

叶文洁 gives the keys @ye, @wenjie, @yewenjie, which match "Ye Wenjie" (@ye,
@wenjie). Keys share the lexical token space, so a name counts as a covered word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from align.core.text import HAN_CLASS

_HAN_NAME = re.compile(f"[{HAN_CLASS}]{{2,4}}")


@lru_cache(maxsize=100_000)
def zh_name_keys(word: str) -> list[str]:
    if not _HAN_NAME.fullmatch(word):
        return []
    from pypinyin import lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(word)]
    if not all(s.isalpha() for s in syllables):
        return []
    keys = {"@" + "".join(syllables), "@" + syllables[0], "@" + "".join(syllables[1:])}
    return sorted(keys)


def en_name_keys(capitalised: list[str]) -> list[str]:
    return ["@" + word.lower().replace("'", "") for word in capitalised]
