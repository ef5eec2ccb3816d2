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
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


@functools.lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _convertible() -> frozenset[str]:
    """Every character that can start a traditional→simplified conversion."""
    from pathlib import Path

    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    chars: set[str] = set()
    # A text is left unchanged by t2s unless it holds a character that some
    # rule rewrites: a character rule, or a phrase rule (回覆→回复) at that position.
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        with open(folder / name, encoding="utf-8") as handle:
            for line in handle:
                source, _, targets = line.rstrip("\n").partition("\t")
                for target in targets.split():
                    if len(target) == len(source):
                        chars.update(a for a, b in zip(source, target) if a != b)
                    else:
                        chars.update(source)
    return frozenset(chars)


def to_simplified(text: str) -> str:
    # OpenCC in pure Python runs at about 1 MB/s; most simplified text has no
    # character it would change, so skip the conversion when none is present.
    if _convertible().isdisjoint(text):
        return text
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
    return text.translate(_HALFWIDTH)


def matching_key(text: str, lang: str) -> str:
    """Traditional→simplified, full-width→half-width, quotes unified, spaces collapsed; English case-folded."""
    key = fullwidth_to_halfwidth(text).translate(_QUOTES)
    if lang == "zh":
        key = to_simplified(key)
    else:
        key = key.casefold()
    return _SPACES.sub(" ", key).strip()
