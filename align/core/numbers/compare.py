"""Finding numbers in either language, and comparing the numbers of a Chinese and an English text."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from align.core.normalize import fullwidth_to_halfwidth
from align.core.numbers.en import find_en
from align.core.numbers.number import Number
from align.core.numbers.zh import find_zh

_FULLWIDTH = re.compile("[\uff01-\uff5e]")


def find_numbers(text: str, lang: str, digits_only: bool = False) -> list[Number]:
    """Every number in ``text`` with its span in the original text, value and kind.

    ``digits_only`` skips numerals written in characters or words (faster).
    """
    if not text:
        return []
    # full-width digits are one-to-one with ASCII, so spans stay valid
    normalised = fullwidth_to_halfwidth(text) if _FULLWIDTH.search(text) else text
    weak = not digits_only
    return find_zh(normalised, weak) if lang.lower().startswith("zh") else find_en(normalised, weak)


def extract_numbers(text: str, lang: str) -> list[float]:
    """Values of the numbers in ``text`` in reading order (``lang`` is ``"zh"`` or ``"en"``).

    >>> extract_numbers("投资2,000亿元，增长13.2%", "zh")
    [200000000000.0, 13.2]
    >>> extract_numbers("an investment of 200 billion yuan, up 13.2%", "en")
    [200000000000.0, 13.2]
    """
    return [n.value for n in find_numbers(text, lang)]


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@dataclass(frozen=True)
class NumberComparison:
    """Digit numbers of each side that have no equal value on the other side."""

    missing_in_en: tuple[Number, ...]
    missing_in_zh: tuple[Number, ...]
    zh: tuple[Number, ...]
    en: tuple[Number, ...]

    @property
    def agree(self) -> bool:
        return not self.missing_in_en and not self.missing_in_zh


def _unmatched(strong: list[Number], other: list[Number]) -> list[Number]:
    values = [n.value for n in other]
    missing = []
    for number in strong:
        if not number.digits:
            continue
        if not any(same_value(number.value, v) for v in values):
            missing.append(number)
    return missing


def compare_numbers(zh_text: str, en_text: str) -> NumberComparison:
    """Which digit numbers of one side are absent from the other (any form counts as present).

    Digit numbers are compared first; numerals in characters or words are only looked for on a
    side where a digit number of the other side is still unmatched. ``zh``/``en`` hold the
    numbers that were looked for.
    """
    zh = find_numbers(zh_text, "zh", digits_only=True)
    en = find_numbers(en_text, "en", digits_only=True)
    missing_in_en = _unmatched(zh, en)
    missing_in_zh = _unmatched(en, zh)
    if missing_in_en:
        en = find_numbers(en_text, "en")
        missing_in_en = _unmatched(missing_in_en, en)
    if missing_in_zh:
        zh = find_numbers(zh_text, "zh")
        missing_in_zh = _unmatched(missing_in_zh, zh)
    return NumberComparison(tuple(missing_in_en), tuple(missing_in_zh), tuple(zh), tuple(en))


def numbers_agree(zh_text: str, en_text: str) -> float | None:
    """Share of digit numbers (both sides) found on the other side, or None when neither side has any.

    A cheap alignment signal: 1.0 when every number has its counterpart.
    """
    comparison = compare_numbers(zh_text, en_text)
    strong = sum(1 for n in comparison.zh if n.digits) + sum(1 for n in comparison.en if n.digits)
    if not strong:
        return None
    missing = len(comparison.missing_in_en) + len(comparison.missing_in_zh)
    return 1.0 - missing / strong
