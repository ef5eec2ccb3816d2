"""Language and script of a text, from its characters.

Chinese vs English is decided by the share of Han characters among letters;
simplified vs traditional by how much OpenCC's t2s conversion changes.
"""

from __future__ import annotations

import re

from align.core.normalize import to_simplified
from align.core.text import HAN as _HAN

_LATIN = re.compile(r"[A-Za-z]")
_SAMPLE = 20000


def detect_language(text: str) -> str | None:
    """``"zh"``, ``"en"`` or None when the text has neither Han characters nor Latin words."""
    sample = text[:_SAMPLE]
    han = len(_HAN.findall(sample))
    latin_words = len(re.findall(r"[A-Za-z]+", sample))
    if han == 0 and latin_words == 0:
        return None
    # A Han character carries about as much as an English word; a Chinese page
    # with English navigation is still Chinese.
    return "zh" if han >= latin_words else "en"


def detect_script(text: str, lang: str) -> str:
    """``"Hans"`` or ``"Hant"`` for Chinese, ``"Latn"`` otherwise."""
    if lang != "zh":
        return "Latn"
    han = "".join(_HAN.findall(text[:_SAMPLE]))
    if not han:
        return "Hans"
    changed = sum(1 for a, b in zip(han, to_simplified(han)) if a != b)
    # Traditional running text changes roughly one character in four or five;
    # simplified text changes almost none (a few variant forms).
    return "Hant" if changed / len(han) > 0.05 else "Hans"
