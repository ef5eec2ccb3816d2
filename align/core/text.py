"""Character classes shared by every layer: what counts as a Han character, and the pinyin-artefact rule.

One definition, so that reading, the aligner and the glossary agree on what is Chinese.
"""

from __future__ import annotations

import re

# CJK Unified Ideographs with Extension A, compatibility ideographs, and the supplementary planes (Ext. B-H).
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def is_han(char: str) -> bool:
    return HAN.match(char) is not None


# A pinyin artefact (``產業(yè)``): one toned syllable in parentheses right after a Han character.
# Cleaning removes these and glossary matching skips them: one rule for both.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü]*[{_TONED}][a-zü]*|[a-zü]+[1-5]"
PINYIN_ANNOTATION = re.compile(rf"(?<=[{HAN_CLASS}])[(（](?:{_SYLLABLE})[)）]")
