"""Pinyin artefacts: a toned syllable in parentheses right after a Han character.

Some sites annotate every character that differs between scripts, giving
``產業(yè)互聯(lián)網(wǎng)``. Only a parenthesis that follows a Han character and
holds exactly one pinyin syllable with a tone mark (or a tone digit) is
removed; every other parenthesis (``(作者系…)``, ``(IaaS)``) stays.
"""

from __future__ import annotations

from align.core.document import Removal
from align.core.text import PINYIN_ANNOTATION as ANNOTATION


def pinyin_annotations(text: str) -> list[Removal]:
    return [Removal(m.start(), m.end(), "pinyin-annotation", m.group()) for m in ANNOTATION.finditer(text)]
