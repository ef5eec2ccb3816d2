"""Numbers in English text: digits with scale words or suffixes (200 billion, 5bn, 14th), number words
(fifty, a dozen, two hundred thousand, threescore and ten), ordinals, months, approximations ("dozens of",
"about 300") and ranges (5-10 million)."""

from __future__ import annotations

import re
from dataclasses import replace

from align.core.numbers.en_words import DECADE, SCALE, VOCABULARY, WORD_RUN, split_run, words_value
from align.core.numbers.number import Number, approximately

_EN_GLUED_BEFORE = re.compile(r"[A-Za-z\d.,]").fullmatch
_CURRENCY_BEFORE = re.compile(r"[$€£¥]\s?$")

_EN_SCALE = {**SCALE, "mn": 10**6, "bn": 10**9, "tn": 10**12, "k": 10**3, "m": 10**6, "b": 10**9}
_EN_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_EN_DIGITS = re.compile(
    r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])"
    r"(?:(st|nd|rd|th|s)\b|\s*(%|per\s?cent\b|percent\b|percentage points?\b)"
    rf"|\s*-?({_EN_SCALE_WORDS})\b|(mn|bn|tn|k|m|b)\b)?",
    re.IGNORECASE,
)
_EN_MONTH = {m: i for i, names in enumerate(
    [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",), ("June", "Jun"),
     ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
     ("December", "Dec")], start=1) for m in names}
# capitalised only ("march" is a verb); "May" only next to a day or year ("May 5", "5 May")
_EN_MONTH_RE = re.compile(r"\b(" + "|".join(m for m in _EN_MONTH if m != "May") + r")\b\.?|\bMay(?=\s+\d)|(?<=\d\s)May\b")
_EN_WORD = re.compile(r"[a-z]+")
_EN_MONTH_VOCABULARY = frozenset(m.lower() for m in _EN_MONTH)
# "hundreds of", "tens of thousands", "several hundred": a range, no value of its own
_VAGUE_PLURAL = {"dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2000, 9999),
                 "millions": (2e6, 999e6), "billions": (2e9, 999e9)}
_VAGUE = re.compile(
    r"\b(?:(tens|hundreds)\s+of\s+(thousands|millions|billions)|(dozens|scores|hundreds|thousands|millions|billions))\b"
    r"|\b(?:several|a\s+few|a\s+couple\s+of)\s+(hundred|thousand|million|billion)\b",
)
_VAGUE_VOCABULARY = frozenset(_VAGUE_PLURAL) | {"several", "few", "tens", "couple"}
# words before a number that make it approximate, with the range it then stands for
_NEAR = re.compile(r"\b(?:(about|around|approximately|roughly|some|an estimated)|(nearly|almost|close to|just under))\s+$")
_RANGE_MARKS = ("-", "–", "—", "to", "or")
_MORE_THAN = re.compile(r"\b(?:more than|over|upwards of|in excess of|at least)\s+$")
_A_NOUN_OR = re.compile(r"\b(?:(?:a|an)\s+(?:[a-z]+\s+){1,2}|one\s+)or\s+$")  # a word or two, a day or two, one or two
# words that say a number without being one: counterparts only, never required
_COUNTERPART_WORDS = {"both": 2, "pair": 2, "couple": 2, "twice": 2, "twin": 2, "twins": 2, "dual": 2, "double": 2, "thrice": 3,
                      "triple": 3, "week": 7, "weeks": 7}
_COUNTERPART_RE = re.compile(r"\b(" + "|".join(_COUNTERPART_WORDS) + r")\b")
_NAME_AFTER = re.compile(r"-(?:in-|[A-Z](?![a-z]))")  # Two-in-one, Three-K: names


def _digit_numbers(text: str, found: list[Number], scale: dict[int, float]) -> list[tuple[int, int]]:
    spans = []
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
            # 5G, 3D: letters glued after make a name; 19-year-old is fine
            if not (text[end] == "-" and ordinal is None and not text[end + 1:end + 2].isupper()):
                continue
        value = float(whole.replace(",", "") + ("." + frac if frac else ""))
        factor = _EN_SCALE[(scale_word or scale_abbr).lower()] if (scale_word or scale_abbr) else 1
        found.append(Number(value * factor, match.start(), end, text[match.start():end], True, bool(pct)))
        scale[match.start()] = factor if factor >= 1000 else 1
        spans.append((match.start(), end))
    return spans


def _vague_numbers(text: str, lowered: str, found: list[Number]) -> list[tuple[int, int]]:
    spans = []
    for match in _VAGUE.finditer(lowered):
        tens, of_scale, plural, several = match.groups()
        if plural:
            low, high = _VAGUE_PLURAL[plural]
        elif tens:
            unit = SCALE[of_scale.rstrip("s")]
            low, high = (10 * unit, 99 * unit) if tens == "tens" else (100 * unit, 999 * unit)
        else:
            unit = SCALE[several]
            low, high = 2 * unit, 9 * unit
        found.append(Number(float(low), match.start(), match.end(), text[match.start():match.end()], False, False,
                            float(low), float(high), vague=True))
        spans.append(match.span())
    return spans


def _word_numbers(text: str, lowered: str, taken: list[bool], found: list[Number]) -> None:
    for match in WORD_RUN.finditer(lowered):
        if any(taken[match.start():match.end()]):
            continue
        raw = lowered[match.start():match.end()]
        percent = bool(re.search(r"per\s?cent$|percent$", raw))
        tokens = list(re.finditer(r"[a-z]+", re.sub(r"(\s*per\s?cent|\s*percent)$", "", raw)))
        words = [t.group(0) for t in tokens]
        positions = [t.start() + match.start() for t in tokens]
        numbers = split_run(words)
        for number_index, indexes in enumerate(numbers):
            number_words = [words[k] for k in indexes]
            value = words_value(number_words)
            if value is None:
                continue
            begin, end = positions[indexes[0]], positions[indexes[-1]] + len(words[indexes[-1]])
            if number_words[0] in SCALE and not percent:
                continue  # "thousand island": a scale word alone is no number
            if number_words == ["one"]:
                continue  # "one of", "no one", "this one": a pronoun far more often than a quantity
            as_percent = percent and number_index == len(numbers) - 1
            if as_percent:
                end = match.end()
            # any number word of two or more is a quantity a translation keeps, except "second" (a second)
            confident = value >= 2 and number_words != ["second"] and not any(w in DECADE for w in number_words)
            number = Number(value, begin, end, text[begin:end], False, as_percent, confident=confident)
            if "dozen" in number_words:  # "a dozen" is said of ten to twenty as often as of twelve
                number = approximately(number, value * 0.8, value * 1.6)
            found.append(number)


def _ranges_and_approximations(text: str, found: list[Number], scale: dict[int, float]) -> list[Number]:
    """5-10 million: the first number takes the scale of the second; "about 300" stands for 270–330."""
    out = []
    for i, number in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        if (following is not None and number.digits and following.digits and not number.percent and not following.percent
                and scale.get(number.start, 1) == 1 and not number.text[-1:].isalpha()
                and scale.get(following.start, 1) > 1 and text[number.end:following.start].strip(" $€£¥") in _RANGE_MARKS):
            factor = scale[following.start]
            if number.value * factor < following.value:
                number = Number(number.value * factor, number.start, number.end, number.text, True, number.percent)
        if not number.vague:
            near = _NEAR.search(text[max(0, number.start - 20):number.start].lower())
            if near:
                low, high = (0.9, 1.1) if near.group(1) else (0.8, 1.0)
                number = approximately(number, number.value * low, number.value * high)
        out.append(number)
    return out


def _phrases(text: str, found: list[Number]) -> list[Number]:
    """What English says around its number words: "four or five" and "between ten and twenty" are one range; "a day or two", "one or
    two", "of the two" and the second forty of "forty days and forty nights" need no counterpart;
    "more than 300" is 300 or more; Two-in-one and Three-K are names."""
    out: list[Number] = []
    lowered = text.lower()
    for number in found:
        if not number.digits and not number.vague and _NAME_AFTER.match(text, number.end):
            continue
        previous = out[-1] if out else None
        between = lowered[previous.end:number.start] if previous else ""
        joined = between in (" or ", " to ") or (between == " and " and lowered[:previous.start].endswith("between ")) if previous else False
        if joined and not previous.digits and not number.digits and not previous.vague and not number.vague:
            low, high = sorted((previous.value, number.value))
            either = Number(low, previous.start, number.end, text[previous.start:number.end], False, False, low, high,
                            confident=previous.confident and number.confident and high > 2)
            out[-1] = either  # four or five, twenty or thirty, between ten and twenty; one or two says "a few"
            continue
        before = lowered[max(0, number.start - 40):number.start]
        if not number.digits and number.value == 2 and _A_NOUN_OR.search(before):
            number = replace(number, confident=False)
        elif not number.digits and before.endswith("of the ") and re.match(r"\s*(?:[,.;:!?)—]|$)", text[number.end:]):
            number = replace(number, confident=False)
        elif (previous and not number.digits and previous.value == number.value and previous.text.lower() == number.text.lower()
              and re.fullmatch(r"\s+[a-z]+\s+and\s+", between)):
            number = replace(number, confident=False)  # forty days and forty nights: one number said twice
        if not number.approximate and not number.vague and _MORE_THAN.search(before):
            number = approximately(number, number.value, number.value * 2)
        out.append(number)
    return out


def find_en(text: str, weak: bool = True) -> list[Number]:
    found: list[Number] = []
    scale: dict[int, float] = {}
    spans = _digit_numbers(text, found, scale)
    if not weak:
        return _ranges_and_approximations(text, found, scale)
    lowered = text.lower() if len(text.lower()) == len(text) else text
    # each word pattern runs only when one of its words is in the text (the scans are the cost)
    vocabulary = set(_EN_WORD.findall(lowered))
    taken = [False] * len(text)
    if not vocabulary.isdisjoint(_VAGUE_VOCABULARY):
        spans += _vague_numbers(text, lowered, found)
    for start, end in spans:
        for k in range(start, end):
            taken[k] = True
    if not vocabulary.isdisjoint(VOCABULARY):
        _word_numbers(text, lowered, taken, found)
    if not vocabulary.isdisjoint(_EN_MONTH_VOCABULARY):
        for match in _EN_MONTH_RE.finditer(text):
            name = match.group(0).rstrip(".")
            found.append(Number(float(_EN_MONTH[name]), match.start(), match.end(), match.group(0), False))
    if not vocabulary.isdisjoint(_COUNTERPART_WORDS):
        for match in _COUNTERPART_RE.finditer(lowered):
            found.append(Number(float(_COUNTERPART_WORDS[match.group(1)]), match.start(), match.end(), text[match.start():match.end()],
                                False))
    found.sort(key=lambda n: n.start)
    return _phrases(text, _ranges_and_approximations(text, found, scale))
