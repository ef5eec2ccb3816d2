"""Numbers in Chinese text: digits with Chinese multipliers (2,000亿, 20多万), numerals (两千零五, 三千五),
百分之, approximations (三千多, 近万, 几十), ranges (三至五万, 5–10万) and words that only contain numerals.
"""

from __future__ import annotations

import re

from align.core.numbers.number import Number, approximately
from align.core.numbers.zh_numeral import DIGIT, NUMERAL_CHARS, UNIT, ZERO, digit_string, parse_zh_numeral, unit_step

_ZH_MULTIPLIERS = "十百千万萬亿億兆"
_ZH_BIG = "万萬亿億兆"
# digits (thousands separators, a decimal part), Chinese multipliers, 多/余 ("and more"), more big
# multipliers, a percent sign: 2,000亿, 1.5万亿, 3千多, 20多万, 13.2%
_ZH_ARABIC = re.compile(
    rf"(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(\d+))?(?!\.\d)\s*([{_ZH_MULTIPLIERS}]*)([多余])?([{_ZH_BIG}]*)"
    r"(\s*%|\s*个百分点|\s*個百分點)?"
)
_ZH_GLUED_BEFORE = re.compile(r"[A-Za-z\d.]").fullmatch
_ZH_DIGITS = "".join(DIGIT)
_NOT_LIANG = NUMERAL_CHARS.replace("两", "").replace("兩", "")
_UNIT_CHARS = "".join(UNIT)
# 两 is the number 2 at the start of a run or before a unit (两千, 一万两千), else the tael (五十两)
_ZH_NUMERAL = rf"(?:[{_NOT_LIANG}]|[两兩](?=[{_UNIT_CHARS}])|(?<![{NUMERAL_CHARS}])[两兩]|(?<=一)[两兩](?=[天年月个個次回岁歲]))"
# a numeral run (百分之, a decimal part, big multipliers after it, 多/余/几 and more multipliers)
_ZH_NUMERAL_RUN = re.compile(
    rf"(百分之)?({_ZH_NUMERAL}+(?:[点點][{_ZH_DIGITS}]+)?)([{_ZH_BIG}]*)([多余几](?![{_ZH_DIGITS.replace('两', '').replace('兩', '')}]))?([{_ZH_BIG}]*)"
)
# a fraction: 三分之一, 十分之三 (百分之 is a percentage, read with the run)
_ZH_FRACTION = re.compile(rf"({_ZH_NUMERAL}+)分之({_ZH_NUMERAL}+)")
# vague quantities: 几十, 数百, 上千, 数十万, 成千上万, 数以万计
_ZH_VAGUE = re.compile(rf"成千上万|成百上千|数以([{_ZH_MULTIPLIERS}]+)计|(?<![{NUMERAL_CHARS}])([几数上])([{_ZH_MULTIPLIERS}]+)")
_ZH_VAGUE_FIXED = {"成千上万": (1e3, 1e5 - 1), "成百上千": (1e2, 1e4 - 1)}
_RANGE_MARKS = ("至", "到", "-", "–", "—", "~", "～", "〜", "－", "－")
# words before or after a number that make it approximate: the range it then stands for
_NEAR_BEFORE = (("将近", 0.8, 1.0), ("接近", 0.8, 1.0), ("近", 0.8, 1.0), ("大约", 0.9, 1.1), ("大概", 0.9, 1.1),
                ("约", 0.9, 1.1))
_NEAR_AFTER = (("左右", 0.9, 1.1), ("上下", 0.9, 1.1))
# before a lone 十/百/千/万/亿 these make it a quantity (近万 = nearly 10,000, 逾千 = over a thousand)
_QUANTITY_BEFORE = "近约逾超达过上"

# Words that contain numeral characters but are no quantity. A numeral character next to
# them stays a numeral: 一万一千 is no 万一, 三千万 no 千万, 三十分 no 十分.
_ZH_IDIOMS = (
    "一些", "一样", "一起", "一切", "一直", "一定", "一般", "一致", "一体", "一带一路", "统一", "唯一", "进一步", "万一",
    "千万", "一旦", "之一", "第一", "一方面", "一系列", "同一", "万物", "百姓", "千方百计", "三农", "一批", "一流",
    "一句话", "一下", "十分", "万众", "一度", "一再", "一向", "一律", "一味", "再三", "三心二意", "一心", "一面", "一边",
    "一点", "一会", "一时", "一阵", "一番", "一齐", "一并", "一概", "一生", "一路", "一道", "一同", "一手", "一早",
    "万岁", "百货", "千里", "万里", "百科", "七嘴八舌", "乱七八糟", "一五一十", "九死一生", "十全十美", "五花八门",
    "四面八方", "三番五次", "一举两得", "独一无二", "数一数二", "一模一样", "不三不四", "千千万万", "万万", "一一",
    "三三两两", "四处", "四周", "五湖四海", "八卦", "九州", "万分", "百般", "千秋", "万象", "一贯", "一头", "一无所",
    "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "礼拜一", "礼拜二", "礼拜三", "礼拜四", "礼拜五",
    "礼拜六", "周一", "周二", "周三", "周四", "周五", "周六", "一旁", "一带", "一行", "一家人", "一辈子", "不一",
    "十万八千里", "七零八落", "七零八碎", "一干二净", "三长两短", "五颜六色", "七上八下", "横七竖八", "八九不离十",
    "一清二楚", "九牛一毛", "一石二鸟", "三言两语", "四分五裂", "千军万马", "万水千山", "千载难逢", "一言一行",
    "一举一动", "一模一样", "一心一意", "三五成群", "接二连三", "一分为二", "一来二去", "千篇一律", "万无一失",
    "十有八九", "十之八九", "十有九", "二门", "八字",
)
_ZH_IDIOM_RE = re.compile("|".join(sorted(map(re.escape, _ZH_IDIOMS), key=len, reverse=True)).replace("十分", "十分(?!钟|鐘)"))
_ZH_MEASURES = set("个個家项項名位年月日号號天次倍种種条條件所座台亿万元美吨噸公里米人户戶辆輛批类類期届屆轮輪份篇部层層架艘场場张張倍点點岁歲"
                   "周週时時分秒度斤两兩克只隻头頭匹口间間本册冊册章节節句字棵株颗顆粒片块塊枚支把辆张滴尺丈寸英里代世辈輩遍回声聲步文钱錢"
                   "队隊营營班连連团團师師军軍章卷段行首样樣对對双雙套根封亩畝顷頃斗升盒碗杯瓶桶箱袋包盘盤碟")
# a single digit counting something (两个儿子, 四个角): the cheap test of ``might_disagree`` looks for it
ZH_COUNTED = re.compile("[二两兩三四五六七八九][" + "".join(sorted(_ZH_MEASURES)) + "]")


def _multiplier(units: str) -> float:
    value = 1.0
    for char in units:
        value *= UNIT[char]
    return value


def _digits_step(integer: str, fraction: str | None) -> float:
    """The place of the last significant digit: 3000 → 1000, 3500 → 100, 1.5 → 0.1."""
    if fraction:
        return 10.0 ** -len(fraction)
    zeros = len(integer) - len(integer.rstrip("0"))
    return 10.0 ** min(zeros, len(integer) - 1)


def _digit_numbers(text: str, found: list[Number], scale: dict[int, float]) -> list[tuple[int, int]]:
    spans = []
    for match in _ZH_ARABIC.finditer(text):
        if match.start() and _ZH_GLUED_BEFORE(text[match.start() - 1]):
            continue  # G20, v1.2: part of a name or a version
        whole, frac, units, more, big, pct = match.groups()
        # a trailing ASCII letter makes it a name (5G); an ordinal/scale suffix is not Chinese usage
        if match.end() < len(text) and text[match.end()].isascii() and text[match.end()].isalpha() and not (units or more or big or pct):
            continue
        integer = whole.replace(",", "")
        value = float(integer + ("." + frac if frac else "")) * _multiplier(units)
        end = match.end()
        number = Number(value, match.start(), end, text[match.start():end].strip(), True, bool(pct))
        if more:
            step = UNIT[units[-1]] if units else _digits_step(integer, frac)
            number = approximately(number, value, value + step)
        if big:
            factor = _multiplier(big)
            low, high = number.bounds
            number = Number(value * factor, number.start, end, number.text, True, bool(pct),
                            low * factor if more else None, high * factor if more else None)
        scale[number.start] = _multiplier((units + big).lstrip("十百千"))
        found.append(number)
        spans.append((match.start(), end))
    return spans


def _vague_numbers(text: str, found: list[Number]) -> list[tuple[int, int]]:
    spans = []
    for match in _ZH_VAGUE.finditer(text):
        word = match.group(0)
        if word in _ZH_VAGUE_FIXED:
            low, high = _ZH_VAGUE_FIXED[word]
        elif match.group(1):  # 数以万计: from the unit to a hundred times it
            unit = _multiplier(match.group(1))
            low, high = unit, unit * 100
        else:
            unit = _multiplier(match.group(3))
            low, high = (2 * unit if match.group(2) in "几数" else unit), 10 * unit - 1
        found.append(Number(low, match.start(), match.end(), word, False, False, low, high, vague=True))
        spans.append(match.span())
    return spans


def _masked(text: str) -> str:
    """``text`` with the numeral characters of words like 统一 and 一些 blanked out (same length).

    A word next to a numeral character that belongs to no such word is part of a number
    instead: 一万一千 holds no 万一, 三千万 no 千万, 三十分 no 十分 (but 万一十分 is two words).
    """
    matches = [m.span() for m in _ZH_IDIOM_RE.finditer(text)]
    if not matches:
        return text
    covered = set()
    for start, end in matches:
        covered.update(range(start, end))
    chars = list(text)
    for start, end in matches:
        before = start - 1 >= 0 and text[start - 1] in NUMERAL_CHARS and start - 1 not in covered
        after = end < len(text) and text[end] in NUMERAL_CHARS and end not in covered
        if not (before or after):
            chars[start:end] = "\u3000" * (end - start)
    return "".join(chars)


def _fractions(text: str, taken: list[bool], found: list[Number]) -> None:
    """三分之一, 十分之三: the denominator and the numerator, each a counterpart ("a third", "three tenth deals")."""
    for match in _ZH_FRACTION.finditer(text):
        if any(taken[match.start():match.end()]) or match.group(1) in ("百", "佰"):
            continue  # 百分之: a percentage
        for group in (1, 2):
            parts = parse_zh_numeral(match.group(group))
            if len(parts) == 1:
                value = parts[0][0]
                start, end = match.start(group), match.end(group)
                found.append(Number(value, start, end, text[start:end], False))
        for k in range(match.start(), match.end()):
            taken[k] = True


def _either_of_two(body: str, parts: list[tuple[float, int, int]], measure_after: bool) -> list[tuple[float, int, int, float]]:
    """十四五岁, 七八个, 一二十件, 三二十个: two neighbouring digits say "one or the other" (a range).

    Returns (low, start, end, high) for every part, merged where two digits are neighbours.
    """
    out: list[tuple[float, int, int, float]] = []
    i = 0
    while i < len(parts):
        value, start, end = parts[i]
        if i + 1 < len(parts) and end == parts[i + 1][1]:
            next_value, _, next_end = parts[i + 1]
            last, first = body[end - 1], body[end]
            d1, d2 = DIGIT.get(last), DIGIT.get(first)
            if d1 and d2 and abs(d1 - d2) == 1:
                following = body[end:next_end]
                if len(following) == 1 and measure_after and i + 2 == len(parts):  # 十四五岁, 七八个
                    base = value - d1
                    out.append((base + min(d1, d2), start, next_end, base + max(d1, d2)))
                    i += 2
                    continue
                if end - start == 1 and len(following) > 1 and following[1:] and all(c in UNIT for c in following[1:]):
                    unit = next_value / d2  # 一二十, 三四百, 七八千
                    out.append((min(d1, d2) * unit, start, next_end, max(d1, d2) * unit))
                    i += 2
                    continue
        out.append((value, start, end, value))
        i += 1
    return out


def _numeral_numbers(text: str, taken: list[bool], found: list[Number], scale: dict[int, float], bare: bool) -> None:
    _fractions(text, taken, found)
    masked = _masked(text)
    for match in _ZH_NUMERAL_RUN.finditer(masked):
        if any(taken[match.start():match.end()]):
            continue
        percent = bool(match.group(1))
        body, big, more, big_after = match.group(2), match.group(3), match.group(4), match.group(5)
        body_start = match.start(2)
        if any(c in "点點" for c in body):
            integer, _, decimals = re.split("([点點])", body, maxsplit=1)
            parsed = [(0.0, 0, len(integer))] if integer and set(integer) <= set(ZERO) else parse_zh_numeral(integer)
            if not parsed:
                continue
            last_value, last_start, _ = parsed[-1]
            fraction = float("0." + "".join(str(DIGIT[c]) for c in decimals))
            parts = parsed[:-1] + [(last_value + fraction, last_start, len(body))]
        else:
            parts = parse_zh_numeral(body)
        measured = _measure_follows(text, match.end())
        ranged = _either_of_two(body, parts, measured and not (big or more or big_after))
        for index, (value, start, end, either_high) in enumerate(ranged):
            piece = body[start:end]
            absolute = body_start + start
            last = index == len(ranged) - 1
            span_end = match.end() if last else body_start + end
            factor = _multiplier(big + big_after) if last else 1.0
            number = Number(value * factor, absolute, span_end, text[absolute:span_end], False, percent and index == 0)
            if either_high != value:
                number = approximately(number, value * factor, either_high * factor)
            elif last and more == "几" and digit_string(piece) is not None:
                number = Number(value * 10, absolute, span_end, number.text, False, False, value * 10, value * 10 + 9)  # 一九六几年
            elif last and more:
                step = unit_step(piece) if more != "几" else unit_step(piece) / 10
                low, high = (value, value + 9 * step) if more == "几" else (value, value + step)
                number = approximately(number, low * factor, high * factor)
            if percent and index == 0:
                number = Number(number.value, match.start(), number.end, text[match.start():number.end], False, True,
                                number.low, number.high)
            lone = len(piece) == 1 and not percent and not more and not big and not big_after
            if lone and piece in "一两兩十百千万亿萬億兆":
                # a lone 一/十/百/千/万/亿 hides in words (一些, 十分, 百姓, 千万): a quantity only when a measure
                # word follows (一个, 两家) or a word before says so (近万, 逾千); 二..九 alone are numbers (七份)
                if not (_measure_follows(text, body_start + end) or _quantity_before(text, absolute)):
                    if bare:
                        found.append(_as_bare(number))
                    continue
            if _confident(text, piece, number, percent, bool(big or big_after), last and measured):
                number = Number(number.value, number.start, number.end, number.text, False, number.percent,
                                number.low, number.high, confident=True)
            scale[number.start] = _trailing_big(piece + (big + big_after if last else ""))
            found.append(number)


def _confident(text: str, piece: str, number: Number, percent: bool, big: bool, measured: bool) -> bool:
    if text[max(0, number.start - 2):number.start].endswith(("这", "這", "那")) or text[max(0, number.start - 2):number.start - 1] in ("这", "這", "那"):
        return False  # 这二十两银子, 这排九米天线: the same quantity again, which a translation may say as "that"
    return _surely_a_quantity(text, piece, number, percent, big, measured)


def _surely_a_quantity(text: str, piece: str, number: Number, percent: bool, big: bool, measured: bool) -> bool:
    """A numeral in characters that is surely a quantity: a percentage, a year written digit by digit, or a
    numeral of ten or more that a measure word follows, has a 万/亿, or is an ordinal (第十四); not a name (茅十八)."""
    if percent:
        return True
    if number.approximate and not (number.text.endswith(("多", "余")) or number.value >= 10 and number.high == number.value):
        return False  # 十四五岁, 七八个: "one or the other" says less than a number
    if len(piece) == 1 and piece in _COUNTING_DIGITS and measured and not big:
        # 两个儿子, 四个角, 七只母牛: a counted thing; but 两人, 二人, 三人 are "the two/three of them"
        # (第二天 is an ordinal; 那两个, 她们俩, 姊弟两个 point at people already named)
        return text[number.end:number.end + 1] not in "人" and text[number.start - 1:number.start] not in _NOT_COUNTING_AFTER
    if number.value < 10 or len(piece) < 2 and not big:
        return False
    if digit_string(piece) is not None:
        return True
    if big or any(c in _ZH_BIG for c in piece):
        return True
    return measured or (number.start > 0 and text[number.start - 1] == "第")


def _trailing_big(numeral: str) -> float:
    """The big multipliers a numeral ends with (五万 → 10^4, 三千万 → 10^4, 一万五 → 1)."""
    stripped = numeral.rstrip(_ZH_BIG)
    return _multiplier(numeral[len(stripped):])


_COUNTING_DIGITS = "二两兩三四五六七八九"
_NOT_COUNTING_AFTER = set("第这這那们們弟妹兄姐妻夫女王张張李赵趙刘劉陈陳杨楊黄黃周吴吳")  # ... and 王二, 张三: names
_ZH_PAIR = re.compile("[双雙]")  # 一双三寸金莲: "two three-inch golden lotuses"


def _as_bare(number: Number) -> Number:
    return Number(number.value, number.start, number.end, number.text, False, bare=True)


def _measure_follows(text: str, end: int) -> bool:
    return end < len(text) and text[end] in _ZH_MEASURES


def _quantity_before(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in _QUANTITY_BEFORE


def _with_ranges_and_approximations(text: str, found: list[Number], scale: dict[int, float]) -> list[Number]:
    """三至五万 and 5–10万: the first number takes the multiplier of the second; 近/约/左右 make a range."""
    out = []
    for i, number in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        if (following is not None and scale.get(number.start, 1.0) == 1.0 and scale.get(following.start, 1.0) > 1.0
                and text[number.end:following.start].strip() in _RANGE_MARKS and not number.vague
                and not number.percent and not following.percent):
            factor = scale[following.start]
            if number.value * factor < following.value:
                low, high = (number.low * factor, number.high * factor) if number.approximate else (None, None)
                number = Number(number.value * factor, number.start, number.end, number.text, number.digits,
                                number.percent, low, high, confident=True)
        if not number.approximate and not number.vague:
            before = text[max(0, number.start - 2):number.start]
            after = text[number.end:number.end + 3]
            if after[:1] in _ZH_MEASURES:
                after = after[1:]  # 3000人左右
            for word, low, high in _NEAR_BEFORE:
                if before.endswith(word):
                    number = approximately(number, number.value * low, number.value * high)
                    break
            else:
                for word, low, high in _NEAR_AFTER:
                    if after.startswith(word):
                        number = approximately(number, number.value * low, number.value * high)
                        break
        out.append(number)
    return out


def find_zh(text: str, weak: bool = True, bare: bool = False) -> list[Number]:
    """Numbers of a Chinese text; ``weak=False``: digits only; ``bare``: lone numeral characters too (as ``bare``)."""
    found: list[Number] = []
    scale: dict[int, float] = {}
    spans = _digit_numbers(text, found, scale)
    if not weak:
        return _with_ranges_and_approximations(text, found, scale)
    taken = [False] * len(text)
    for start, end in spans + _vague_numbers(text, found):
        for k in range(start, end):
            taken[k] = True
    _numeral_numbers(text, taken, found, scale, bare)
    if bare:
        found.extend(Number(2.0, m.start(), m.end(), m.group(0), False, bare=True) for m in _ZH_PAIR.finditer(text))
    found.sort(key=lambda n: n.start)
    return _with_ranges_and_approximations(text, found, scale)

