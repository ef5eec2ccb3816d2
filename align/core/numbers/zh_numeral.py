"""The value of a run of Chinese numeral characters: 三千五百, 两千零五, 一万五, 二〇二〇, 十四五.

Rules, in the order they apply:

- a run of bare digits with 〇/零, or of three or more digits, is read digit by digit
  (二〇二〇 = 2020, 一九九八 = 1998, 二零零五 = 2005);
- otherwise positionally: a digit times the unit after it, sections of 万/亿 added up,
  零 only marks a gap (两千零五 = 2005, 一百零五 = 105);
- a digit right after a unit of a hundred or more, ending the number, is the next place
  down, as it is said colloquially (三千五 = 3500, 一万五 = 15000, 两万三 = 23000,
  一百五 = 150); after 十 it is the units digit (十五 = 15);
- a run that stops being one numeral starts another: two digits in a row (十四五 = 14, 5;
  三五 = 3, 5), a unit not smaller than the previous one in its section (三十十 = 30, 10).
"""

from __future__ import annotations

DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
         "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8,
         "捌": 8, "九": 9, "玖": 9, "俩": 2, "倆": 2, "仨": 3}
SMALL_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNIT = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
UNIT = {**SMALL_UNIT, **BIG_UNIT}
ZERO = "零〇○"
NUMERAL_CHARS = "".join(DIGIT) + "".join(SMALL_UNIT) + "".join(BIG_UNIT)


def digit_string(run: str) -> float | None:
    """二〇二〇 → 2020 (a run of digits only, read one by one), else None."""
    if len(run) >= 2 and all(c in DIGIT for c in run) and (len(run) >= 3 or any(c in ZERO for c in run)):
        return float("".join(str(DIGIT[c]) for c in run))
    return None


class _Reader:
    """Reads one run left to right, closing a number whenever the next character cannot continue it."""

    def __init__(self, run: str) -> None:
        self.run = run
        self.results: list[tuple[float, int, int]] = []
        self.start = 0
        self._reset()

    def _reset(self) -> None:
        self.total = 0  # completed 万/亿 sections
        self.section = 0  # the current section, below 10^4
        self.digit: int | None = None
        self.digit_after_unit: int | None = None  # the unit right before the pending digit
        self.last_small = 10**9
        self.last_big = 10**13
        self.gap = False  # a 零 since the last unit

    def close(self, end: int) -> None:
        if end > self.start and any(c not in ZERO for c in self.run[self.start:end]):
            digit = self.digit or 0
            if self.digit is not None and not self.gap and self.digit_after_unit and self.digit_after_unit >= 100:
                digit *= self.digit_after_unit // 10  # 三千五: the place after 千
            self.results.append((float(self.total + self.section + digit), self.start, end))
        self._reset()
        self.start = end

    def read(self) -> list[tuple[float, int, int]]:
        previous_unit: int | None = None
        for i, char in enumerate(self.run):
            if char in ZERO:
                if self.digit is not None:
                    self.close(i)
                self.gap = True
                previous_unit = None
                continue
            if char in DIGIT:
                if self.digit is not None:  # two digits in a row: a new number (十四五, 三五)
                    self.close(i)
                    previous_unit = None
                self.digit = DIGIT[char]
                self.digit_after_unit = previous_unit
                previous_unit = None
                continue
            unit = UNIT[char]
            if char in SMALL_UNIT:
                if unit >= self.last_small:
                    self.close(i)
                self.section += (1 if self.digit is None else self.digit) * unit
                self.last_small = unit
            else:
                if unit > self.last_big:  # 万亿: everything so far times the bigger unit
                    self.total = (self.total + self.section + (self.digit or 0)) * unit
                else:
                    if unit == self.last_big:
                        self.close(i)
                    lone = 0 if self.section or self.total else 1
                    self.total += (self.section + (self.digit if self.digit is not None else lone)) * unit
                self.section = 0
                self.last_small = 10**9
                self.last_big = unit
            self.digit = None
            self.gap = False
            previous_unit = unit
        self.close(len(self.run))
        return self.results


def parse_zh_numeral(run: str) -> list[tuple[float, int, int]]:
    """Values of a run of Chinese numeral characters, as (value, start, end) within ``run``.

    >>> [v for v, _, _ in parse_zh_numeral("两千零五")], [v for v, _, _ in parse_zh_numeral("十四五")]
    ([2005.0], [14.0, 5.0])
    """
    whole = digit_string(run)
    if whole is not None:
        return [(whole, 0, len(run))]
    return _Reader(run).read()


def unit_step(run: str) -> int:
    """The place value of the last unit of ``run`` (三千 → 1000, 二十 → 10; 1 without a unit)."""
    for char in reversed(run):
        if char in UNIT:
            return UNIT[char]
        if char in DIGIT and char not in ZERO:
            return 1
    return 1
