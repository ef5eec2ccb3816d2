"""Numbers in Chinese and English text, normalised to values that can be compared.

``2,000亿`` and ``200 billion`` are both 2e11; ``三千五百`` is 3500; ``１３.２％`` and
``13.2%`` and ``百分之十三点二`` are all 13.2 (a percentage keeps its face value, so
``13.2%`` matches ``13.2 per cent``).

Each number also says whether it was written with Arabic digits (``digits``).
Digit numbers are reliable evidence; numerals written in characters or words
are weaker (一 hides inside 统一, 一些, 一带一路; "one" is often a pronoun), so
:func:`compare_numbers` only reports a digit number that has no counterpart,
while any number on the other side may serve as that counterpart.

Digits glued to letters are part of a name, not a quantity (5G, COVID-19, G20,
A4), and are skipped on both sides; ordinal and scale suffixes (14th, 1990s,
5bn) are kept.

The parts: ``number`` (the :class:`Number` value), ``zh`` (Chinese numerals and
digits with Chinese multipliers), ``en`` (English digits, number words,
ordinals and months), ``compare`` (finding, extracting and comparing).
"""

from __future__ import annotations

from align.core.numbers.compare import NumberComparison, compare_numbers, extract_numbers, find_numbers, numbers_agree, same_value
from align.core.numbers.number import Number

__all__ = ["Number", "find_numbers", "extract_numbers", "compare_numbers", "NumberComparison", "numbers_agree", "same_value"]
