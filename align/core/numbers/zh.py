"""Numbers in Chinese text: Arabic digits with Chinese multipliers (2,000亿), positional numerals (三千五百), 百分之."""

from __future__ import annotations

import re

from align.core.numbers.number import Number

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


def find_zh(text: str, weak: bool = True) -> list[Number]:
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
