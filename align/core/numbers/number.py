"""A number found in a text: its value, span, how it was written, and the range it stands for when approximate."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Number:
    value: float
    start: int
    end: int
    text: str
    digits: bool  # written with Arabic digits (strong evidence)
    percent: bool = False
    # an approximation (三千多, 近万, 几十, "dozens of", "about 300") stands for a range of values
    low: float | None = None
    high: float | None = None
    vague: bool = False  # states no value of its own (几十, 数百, "hundreds of"): ``value`` is the range's low end
    confident: bool = False  # in characters or words, but unmistakably a quantity (三千五百, "two hundred")
    bare: bool = False  # a lone numeral character that may or may not be a quantity (十诫): only ever a counterpart

    @property
    def approximate(self) -> bool:
        return self.low is not None

    @property
    def bounds(self) -> tuple[float, float]:
        if self.low is None:
            return self.value, self.value
        return self.low, self.high if self.high is not None else math.inf

    @property
    def required(self) -> bool:
        """Whether the other side of a translation must carry this number (or one in its range)."""
        return (self.digits or self.confident) and not self.vague and not self.bare


def approximately(number: Number, low: float, high: float, vague: bool = False, start: int | None = None,
                  text: str | None = None) -> Number:
    """``number`` standing for the range ``low``–``high`` (its span widened to ``start`` when a word before it says so)."""
    return Number(number.value, number.start if start is None else start, number.end, number.text if text is None else text,
                  number.digits, number.percent, low, high, vague, number.confident, number.bare)
