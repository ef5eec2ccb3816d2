"""Finding numbers in either language, and comparing the numbers of a Chinese and an English text."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from align.core.normalize import fullwidth_to_halfwidth
from align.core.numbers.en import find_en
from align.core.numbers.number import Number
from align.core.numbers.zh import ZH_COUNTED, find_zh

_FULLWIDTH = re.compile("[\uff01-\uff5e]")


# cheap tests for a text that may hold a number that must have a counterpart (see ``compare_numbers``)
_ZH_MAY_HOLD = re.compile("[0-9０-９]|[零〇○一二两兩三四五六七八九十百千万萬亿億]{2}|百分之|[近约逾上数几][十百千万亿]")
_EN_MAY_HOLD = re.compile(
    r"[0-9０-９]|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|[a-z]*score|decade|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|twelfth|[a-z]+(?:teenth|tieth|ties)|hundredth|quarter)",
    re.IGNORECASE,
)


def might_disagree(zh_text: str, en_text: str) -> bool:
    """False when neither text can hold a number that needs a counterpart (skip :func:`compare_numbers`)."""
    zh_text, en_text = zh_text or "", en_text or ""
    return bool(_ZH_MAY_HOLD.search(zh_text) or ZH_COUNTED.search(zh_text) or _EN_MAY_HOLD.search(en_text))


def find_numbers(text: str, lang: str, digits_only: bool = False, bare: bool = False) -> list[Number]:
    """Every number in ``text`` with its span in the original text, value and kind.

    ``digits_only`` skips numerals written in characters or words (faster); ``bare`` adds lone
    Chinese numeral characters that may or may not be quantities (十 in 十诫), marked ``bare``.
    """
    if not text:
        return []
    # full-width digits are one-to-one with ASCII, so spans stay valid
    normalised = fullwidth_to_halfwidth(text) if _FULLWIDTH.search(text) else text
    weak = not digits_only
    return find_zh(normalised, weak, bare) if lang.lower().startswith("zh") else find_en(normalised, weak)


def extract_numbers(text: str, lang: str) -> list[float]:
    """Values of the numbers in ``text`` in reading order (``lang`` is ``"zh"`` or ``"en"``).

    Vague quantities (几十, "hundreds of") state no value and are left out.

    >>> extract_numbers("投资2,000亿元，增长13.2%", "zh")
    [200000000000.0, 13.2]
    >>> extract_numbers("an investment of 200 billion yuan, up 13.2%", "en")
    [200000000000.0, 13.2]
    """
    return [n.value for n in find_numbers(text, lang) if not n.vague]


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def counterparts(a: Number, b: Number) -> bool:
    """Whether ``a`` and ``b`` may say the same quantity: equal, or one within the other's range (三千多 ~ 3,200)."""
    if not a.approximate and not b.approximate:
        return same_value(a.value, b.value)
    a_low, a_high = a.bounds
    b_low, b_high = b.bounds
    slack = 1e-9 * max(abs(a_high), abs(b_high), 1.0)
    return a_low <= b_high + slack and b_low <= a_high + slack


@dataclass(frozen=True)
class NumberComparison:
    """Numbers of each side that must be in the translation and have no counterpart on the other side."""

    missing_in_en: tuple[Number, ...]
    missing_in_zh: tuple[Number, ...]
    zh: tuple[Number, ...]
    en: tuple[Number, ...]

    @property
    def agree(self) -> bool:
        return not self.missing_in_en and not self.missing_in_zh


def _unmatched(numbers: list[Number], other: list[Number]) -> list[Number]:
    """The required ``numbers`` left without a counterpart, each counterpart serving one number.

    Exact counterparts are taken first, then ranges, so 三千多 does not use up the 3,000 that
    another number needs. "seven days and seven nights" needs 七 twice: a translation that
    says a number twice where the original says it once is reported (the cost of catching a
    number changed into one the sentence already has).
    """
    used = [False] * len(other)
    missing = []
    required = [n for n in numbers if n.required]
    unmatched = []
    for number in required:
        k = next((k for k, o in enumerate(other) if not used[k] and not o.approximate and not number.approximate
                  and same_value(number.value, o.value)), None)
        if k is None:
            unmatched.append(number)
        else:
            used[k] = True
    for number in unmatched:
        k = next((k for k, o in enumerate(other) if not used[k] and counterparts(number, o)), None)
        if k is None:
            missing.append(number)
        else:
            used[k] = True
    return sorted(missing, key=lambda n: n.start)


def compare_numbers(zh_text: str, en_text: str) -> NumberComparison:
    """Which numbers of one side have no counterpart on the other.

    A number must have a counterpart when it is written in digits, or in characters or words
    that are unmistakably a quantity (三千五百, 两千零五, "two hundred", "forty and two"); a
    lone 三 or "three" is weak evidence (三心二意, "the three of them") and need not. Any number
    may serve as a counterpart, a lone numeral character too (十 in 十诫 for "Ten
    Commandments"). An approximation (三千多, 近万, 几十, "hundreds of") is a range: any
    number within it is a counterpart, and a vague one (几十) is never required.
    """
    zh = find_numbers(zh_text, "zh", bare=True)
    en = find_numbers(en_text, "en")
    missing_in_en = _unmatched(zh, en)
    missing_in_zh = _unmatched(en, zh)
    return NumberComparison(tuple(missing_in_en), tuple(missing_in_zh), tuple(n for n in zh if not n.bare), tuple(en))


def numbers_agree(zh_text: str, en_text: str) -> float | None:
    """Share of required numbers (both sides) found on the other side, or None when neither side has any.

    A cheap alignment signal: 1.0 when every number has its counterpart.
    """
    comparison = compare_numbers(zh_text, en_text)
    strong = sum(1 for n in comparison.zh if n.required) + sum(1 for n in comparison.en if n.required)
    if not strong:
        return None
    missing = len(comparison.missing_in_en) + len(comparison.missing_in_zh)
    return 1.0 - missing / strong
