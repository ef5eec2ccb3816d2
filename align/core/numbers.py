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
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from align.core.normalize import fullwidth_to_halfwidth

__all__ = ["Number", "find_numbers", "extract_numbers", "compare_numbers", "NumberComparison", "numbers_agree"]


@dataclass(frozen=True)
class Number:
    value: float
    start: int
    end: int
    text: str
    digits: bool  # written with Arabic digits (strong evidence)
    percent: bool = False


# ---------------------------------------------------------------- Chinese

_ZH_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
             "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8,
             "捌": 8, "九": 9, "玖": 9}
_ZH_SMALL_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_BIG_UNIT = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_ZH_NUMERAL_CHARS = "".join(_ZH_DIGIT) + "".join(_ZH_SMALL_UNIT) + "".join(_ZH_BIG_UNIT)

# digits (with thousands separators and a decimal part), then an optional run of
# Chinese multipliers: 2,000亿, 1.5万亿, 3千, 20万
_ZH_ARABIC = re.compile(
    r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?!\.\d)\s*([十百千万萬亿億兆]*)(\s*%|\s*个百分点|\s*個百分點)?"
)
_ZH_PERCENT_WORD = "百分之"
_ZH_GLUED_BEFORE = re.compile(r"[A-Za-z\d.]").fullmatch
_EN_GLUED_BEFORE = re.compile(r"[A-Za-z\d.,]").fullmatch
_CURRENCY_BEFORE = re.compile(r"[$€£¥]\s?$")
_ZH_POINT = "点點"
# a numeral run; 百分之 and a decimal point inside are handled in the parser
_ZH_NUMERAL_RUN = re.compile(rf"(百分之)?([{_ZH_NUMERAL_CHARS}]+(?:[点點][{''.join(_ZH_DIGIT)}]+)?)")

# Numeral characters that are nearly always part of a word, not a quantity,
# when they stand alone (one character, no unit): 一些, 统一, 万一, 千万(=by all means).
_ZH_IDIOMS = ("一些", "一样", "一起", "一切", "一直", "一定", "一般", "一致", "一体", "一带一路", "统一", "唯一",
              "进一步", "万一", "千万", "一旦", "之一", "第一", "一方面", "一系列", "同一", "万物", "百姓", "千方百计",
              "三农", "一批", "一流", "一句话", "一下", "十分", "万众", "一度")


def _parse_zh_numeral(run: str) -> list[tuple[float, int, int]]:
    """Values of a run of Chinese numeral characters, as (value, start, end) within ``run``.

    Positional numerals (三千五百, 两亿, 十三) give one value; a run that stops
    being a valid numeral starts a new one (十三五 = 13, 5 as in 十三五规划);
    digit-by-digit years (二〇二〇) give 2020.
    """
    if len(run) >= 2 and all(c in _ZH_DIGIT for c in run) and any(c in "〇○零" for c in run) or (
        len(run) == 4 and all(c in _ZH_DIGIT for c in run)
    ):
        return [(float("".join(str(_ZH_DIGIT[c]) for c in run)), 0, len(run))]
    results: list[tuple[float, int, int]] = []
    total = 0  # completed big-unit sections
    section = 0  # current section below 10^4
    digit: int | None = None
    last_small = 10**9  # smallest small unit used so far in the section
    last_big = 10**13
    start = 0
    i = 0

    def flush(end: int) -> None:
        nonlocal total, section, digit, last_small, last_big, start
        value = total + section + (digit or 0)
        if end > start:
            results.append((float(value), start, end))
        total = section = 0
        digit = None
        last_small, last_big = 10**9, 10**13
        start = end

    while i < len(run):
        char = run[i]
        if char in _ZH_DIGIT:
            if digit is not None:  # two digits in a row: a new number (三五年, 十三五)
                flush(i)
            digit = _ZH_DIGIT[char]
        elif char in _ZH_SMALL_UNIT:
            unit = _ZH_SMALL_UNIT[char]
            if unit >= last_small:
                flush(i)
            section += (1 if digit is None else digit) * unit
            digit = None
            last_small = unit
        else:
            unit = _ZH_BIG_UNIT[char]
            if unit > last_big:  # 万亿: the whole so far times the bigger unit
                total = (total + section + (digit or 0)) * unit
            else:
                if unit == last_big:
                    flush(i)
                total += (section + (digit if digit is not None else (0 if section or total else 1))) * unit
            section, digit = 0, None
            last_small = 10**9
            last_big = unit
        # a digit right after a completed tens/hundreds without unit is the units digit
        # (三千五 = 3500 colloquially, but keep 3005 rare case simple: treat as last-unit/10)
        i += 1
    flush(len(run))
    return results


def _find_zh(text: str, weak: bool = True) -> list[Number]:
    found: list[Number] = []
    taken = [False] * len(text) if weak else []
    for match in _ZH_ARABIC.finditer(text):
        if match.start() and _ZH_GLUED_BEFORE(text[match.start() - 1]):
            continue  # G20, v1.2: part of a name or a version
        whole, frac, units, pct = match.groups()
        # a trailing ASCII letter makes it a name (5G); an ordinal/scale suffix is not Chinese usage
        if match.end() < len(text) and text[match.end()].isascii() and text[match.end()].isalpha() and not units and not pct:
            continue
        value = float(whole.replace(",", "") + ("." + frac if frac else ""))
        for char in units:
            value *= _ZH_SMALL_UNIT.get(char) or _ZH_BIG_UNIT[char]
        end = match.end()
        found.append(Number(value, match.start(), end, text[match.start():end].strip(), True, bool(pct)))
        if weak:
            for k in range(match.start(), end):
                taken[k] = True
    if not weak:
        return found
    idioms = [m.span() for m in _ZH_IDIOM_RE.finditer(text)]
    for match in _ZH_NUMERAL_RUN.finditer(text):
        if any(taken[match.start():match.end()]):
            continue
        percent = bool(match.group(1))
        body = match.group(2)
        body_start = match.start(2)
        if any(c in _ZH_POINT for c in body):
            integer, _, decimals = re.split(f"([{_ZH_POINT}])", body, maxsplit=1)
            parsed = _parse_zh_numeral(integer)
            if not parsed:
                continue
            head = parsed[:-1]
            last_value, last_start, _ = parsed[-1]
            fraction = float("0." + "".join(str(_ZH_DIGIT[c]) for c in decimals))
            parts = head + [(last_value + fraction, last_start, len(body))]
        else:
            parts = _parse_zh_numeral(body)
        for value, start, end in parts:
            piece = body[start:end]
            absolute = body_start + start
            if not percent and len(piece) == 1 and piece in "一两兩十百千万亿萬億兆":
                # a lone 一/十/百/千/万/亿 hides in words (一些, 十分, 百姓, 千万): count it only
                # when a measure word follows (一个, 两家); 二..九 alone are numbers (建议二, 七份)
                if _zh_idiom_at(text, absolute, idioms) or not _zh_measure_follows(text, body_start + end):
                    continue
            elif not percent and _zh_idiom_at(text, absolute, idioms) and len(piece) <= 2:
                continue
            span_start = match.start() if percent and start == 0 else absolute
            found.append(Number(value, span_start, body_start + end, text[span_start:body_start + end], False, percent))
    found.sort(key=lambda n: n.start)
    return found


_ZH_MEASURES = set("个個家项項名位年月日天次倍种種条條件所座台亿万元美吨噸公里米人户戶辆輛批类類期届屆轮輪份篇部层層架艘场場张張份倍点點")


def _zh_measure_follows(text: str, end: int) -> bool:
    return end < len(text) and text[end] in _ZH_MEASURES


_ZH_IDIOM_RE = re.compile("|".join(sorted(map(re.escape, _ZH_IDIOMS), key=len, reverse=True)))


def _zh_idiom_at(text: str, position: int, spans: list[tuple[int, int]] | None = None) -> bool:
    """Whether ``position`` lies inside a word like 一些 or 统一 (``spans``: their precomputed spans)."""
    if spans is None:
        spans = [m.span() for m in _ZH_IDIOM_RE.finditer(text)]
    return any(start <= position < end for start, end in spans)


# ---------------------------------------------------------------- English

_EN_SCALE = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "mn": 10**6, "bn": 10**9, "tn": 10**12, "k": 10**3, "m": 10**6, "b": 10**9,
}
_EN_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_EN_WORD_VALUE = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_EN_ORDINAL_VALUE = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "twentieth": 20,
}
_EN_DIGITS = re.compile(
    r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])"
    r"(?:(st|nd|rd|th|s)\b|\s*(%|per\s?cent\b|percent\b|percentage points?\b)"
    rf"|\s*-?({_EN_SCALE_WORDS})\b|(mn|bn|tn|k|m|b)\b)?",
    re.IGNORECASE,
)
_EN_NUMBER_WORD = "(?:" + "|".join(sorted(_EN_WORD_VALUE, key=len, reverse=True)) + "|" + _EN_SCALE_WORDS + ")"
# a run starts with a number word ("and" only joins: three hundred and five)
_EN_WORD_RUN = re.compile(
    rf"\b{_EN_NUMBER_WORD}\b(?:[\s-]+(?:and[\s-]+)?{_EN_NUMBER_WORD}\b)*(?:\s+(?:per\s?cent|percent)\b)?",
)  # run on the lower-cased text: IGNORECASE makes this alternation several times slower
_EN_MONTH = {m: i for i, names in enumerate(
    [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",), ("June", "Jun"),
     ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
     ("December", "Dec")], start=1) for m in names}
# capitalised only ("march" is a verb); "May" only next to a day or year ("May 5", "5 May")
_EN_MONTH_RE = re.compile(r"\b(" + "|".join(m for m in _EN_MONTH if m != "May") + r")\b\.?|\bMay(?=\s+\d)|(?<=\d\s)May\b")
_EN_WORD = re.compile(r"[a-z]+")
_EN_RUN_VOCABULARY = frozenset(_EN_WORD_VALUE) | {"hundred", "thousand", "million", "billion", "trillion"}
_EN_MONTH_VOCABULARY = frozenset(m.lower() for m in _EN_MONTH)
_EN_ORDINAL = re.compile(r"\b(" + "|".join(_EN_ORDINAL_VALUE) + r")\b")  # on the lower-cased text


def _parse_en_words(words: list[str]) -> float | None:
    total, current, seen = 0, 0, False
    for word in words:
        w = word.lower()
        if w == "and":
            continue
        if w in _EN_WORD_VALUE:
            current += _EN_WORD_VALUE[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in ("thousand", "million", "billion", "trillion"):
            total += max(current, 1) * _EN_SCALE[w]
            current = 0
            seen = True
    return float(total + current) if seen else None


def _find_en(text: str, weak: bool = True) -> list[Number]:
    found: list[Number] = []
    taken = [False] * len(text) if weak else []
    for match in _EN_DIGITS.finditer(text):
        # (a look-behind in the pattern would make the engine try every position: checked here)
        before = text[max(0, match.start() - 2):match.start()]
        if before and (_EN_GLUED_BEFORE(before[-1]) or (len(before) == 2 and before[1] == "-" and before[0].isascii() and before[0].isalpha())):
            continue  # G20, COVID-19, 1.5.3
        whole, frac, ordinal, pct, scale_word, scale_abbr = match.groups()
        currency = _CURRENCY_BEFORE.search(text, max(0, match.start() - 2), match.start())
        end = match.end()
        if scale_abbr and scale_abbr.lower() in ("k", "m", "b") and not currency:
            continue  # 3K glasses, 5M: a name or a unit (kelvin, metres), not $5m
        if end < len(text) and (text[end].isalpha() or (text[end] == "-" and end + 1 < len(text) and text[end + 1].isalpha() and not scale_word)):
            # 5G, 3D, 19-year-old is fine but COVID-19 is caught by the look-behind; letters glued after = a name
            if not (text[end] == "-" and ordinal is None and not text[end + 1:end + 2].isupper()):
                continue
        value = float(whole.replace(",", "") + ("." + frac if frac else ""))
        if scale_word:
            value *= _EN_SCALE[scale_word.lower()]
        elif scale_abbr:
            value *= _EN_SCALE[scale_abbr.lower()]
        found.append(Number(value, match.start(), end, text[match.start():end], True, bool(pct)))
        if weak:
            for k in range(match.start(), end):
                taken[k] = True
    if not weak:
        return found
    # each word pattern runs only when one of its words is in the text (the scans are the cost)
    vocabulary = set(_EN_WORD.findall(text.lower()))
    lowered = text.lower() if len(text.lower()) == len(text) else text
    runs = _EN_WORD_RUN.finditer(lowered) if not vocabulary.isdisjoint(_EN_RUN_VOCABULARY) else ()
    for match in runs:
        start, end = match.start(), match.end()
        if any(taken[start:end]):
            continue
        raw = text[start:end].rstrip(" -")
        words = re.findall(r"[A-Za-z]+", raw)
        while words and words[-1].lower() in ("and",):
            words.pop()
        while words and words[0].lower() == "and":
            words.pop(0)
        percent = bool(re.search(r"per\s?cent$|percent$", raw, re.IGNORECASE))
        if percent:
            words = words[:-2] if words[-1].lower() == "cent" else words[:-1]
        if not words or words[0].lower() in ("hundred", "thousand", "million", "billion", "trillion") and not percent:
            continue  # "millions of", "hundreds": not a number
        value = _parse_en_words(words)
        if value is None:
            continue
        if len(words) == 1 and words[0].lower() == "one":
            continue  # "one of", "no one", "this one": a pronoun far more often than a quantity
        found.append(Number(value, start, start + len(raw), raw, False, percent))
    for match in _EN_ORDINAL.finditer(lowered) if not vocabulary.isdisjoint(_EN_ORDINAL_VALUE) else ():
        if any(taken[match.start():match.end()]):
            continue
        found.append(Number(float(_EN_ORDINAL_VALUE[match.group(1)]), match.start(), match.end(), text[match.start():match.end()], False))
    for match in _EN_MONTH_RE.finditer(text) if not vocabulary.isdisjoint(_EN_MONTH_VOCABULARY) else ():
        name = match.group(0).rstrip(".")
        found.append(Number(float(_EN_MONTH[name]), match.start(), match.end(), match.group(0), False))
    found.sort(key=lambda n: n.start)
    return found


# ---------------------------------------------------------------- public API


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
    return _find_zh(normalised, weak) if lang.lower().startswith("zh") else _find_en(normalised, weak)


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
