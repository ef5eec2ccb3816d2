"""Pinyin artefacts: a toned syllable in parentheses right after a Han character.

Some sites annotate every character that differs between scripts, giving
``產業(yè)互聯(lián)網(wǎng)``. Only a parenthesis that follows a Han character and
holds exactly one pinyin syllable with a tone mark (or a tone digit) is
removed; every other parenthesis (``(作者系…)``, ``(IaaS)``) stays.
"""

from __future__ import annotations

import re

from ..document import Removal

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü]*[{_TONED}][a-zü]*|[a-zü]+[1-5]"
ANNOTATION = re.compile(rf"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[(（](?:{_SYLLABLE})[)）]")


def pinyin_annotations(text: str) -> list[Removal]:
    return [Removal(m.start(), m.end(), "pinyin-annotation", m.group()) for m in ANNOTATION.finditer(text)]
