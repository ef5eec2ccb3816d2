"""Numbers in Chinese and English text, normalised to values that can be compared.

``2,000亿`` and ``200 billion`` are both 2e11; ``两千零五`` is 2005, ``三千五`` 3500 and
``一万五`` 15000 (said the short way); ``１３.２％``, ``13.2%`` and ``百分之十三点二`` are all
13.2 (a percentage keeps its face value, so ``13.2%`` matches ``13.2 per cent``);
``二〇二〇年`` is 2020; ``fifty``, ``a dozen``, ``two hundred thousand`` and the King
James Bible's ``threescore and ten`` are 50, 12, 200000 and 70.

Some numbers are ranges: approximations (三千多 is 3000–4000, 近万 8000–10000, 几十
and "dozens of" state no value at all) and the first end of a range that shares the
second's multiplier (三至五万, 5–10万, "5-10 million": the 5 is 50,000 or 5 million).

How strong the evidence is: digits are reliable; numerals in characters or words
are reliable when they cannot be anything else (三千五百, "two hundred", "forty and
two") and weak when they stand alone (一 hides inside 统一, 一些, 一带一路; "one" is
often a pronoun; 十 in 十分). :func:`compare_numbers` reports a reliable number that
has no counterpart, while any number on the other side may serve as that
counterpart, a range included.

Digits glued to letters are part of a name, not a quantity (5G, COVID-19, G20,
A4), and are skipped on both sides; ordinal and scale suffixes (14th, 1990s,
5bn) are kept.

The parts: ``number`` (the :class:`Number` value), ``zh_numeral`` (the value of a
run of Chinese numeral characters), ``zh`` (finding numbers in Chinese), ``en_words``
(the value of English number words), ``en`` (finding numbers in English), ``compare``
(finding, extracting and comparing)."""

from __future__ import annotations

from align.core.numbers.compare import (
    NumberComparison,
    compare_numbers,
    counterparts,
    extract_numbers,
    find_numbers,
    might_disagree,
    numbers_agree,
    same_value,
)
from align.core.numbers.number import Number

__all__ = [
    "Number", "find_numbers", "extract_numbers", "compare_numbers", "NumberComparison", "numbers_agree", "same_value",
    "counterparts", "might_disagree",
]
