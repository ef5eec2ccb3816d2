"""The matching key: a normalised form of a text used only for comparison.

Outputs never carry it; they carry the original characters.
"""

from __future__ import annotations

import functools
import re

from opencc import OpenCC

_QUOTES = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "「": '"', "」": '"', "『": '"', "』": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
        "\u3000": " ", "\u00a0": " ",
    }
)
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


@functools.lru_cache(maxsize=1)
def _s2t() -> OpenCC:
    return OpenCC("s2t")


def fullwidth_to_halfwidth(text: str) -> str:
    """Full-width ASCII (Ｕ+FF01..FF5E) to ASCII; the ideographic space to a space.

    Chinese punctuation without an ASCII twin (。、《》) is left alone: it carries
    sentence structure the segmenter and aligner use.
    """
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def matching_key(text: str, lang: str) -> str:
    """Traditional→simplified, full-width→half-width, quotes unified, spaces collapsed; English case-folded."""
    key = fullwidth_to_halfwidth(text).translate(_QUOTES)
    if lang == "zh":
        key = to_simplified(key)
    else:
        key = key.casefold()
    return _SPACES.sub(" ", key).strip()
