"""Numbers in English text: digits with scale words or suffixes (200 billion, 5bn, 14th), number words, ordinals, months."""

from __future__ import annotations

import re

from align.core.numbers.number import Number

_EN_GLUED_BEFORE = re.compile(r"[A-Za-z\d.,]").fullmatch
_CURRENCY_BEFORE = re.compile(r"[$€£¥]\s?$")

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


def find_en(text: str, weak: bool = True) -> list[Number]:
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
