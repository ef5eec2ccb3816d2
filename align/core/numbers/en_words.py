"""English numbers written in words: cardinals (two hundred thousand, forty-two), ordinals (fourteenth,
twenty-first, six hundredth), a dozen, the King James Bible's scores (threescore and ten) and "forty and two".
"""

from __future__ import annotations

import re

CARDINAL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SCORE = {f"{name}score": value * 20 for name, value in CARDINAL.items() if 2 <= value <= 10} | {"score": 20}
ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1000, "millionth": 10**6,
    # fractions: two thirds, three tenths, a quarter
    "thirds": 3, "fourths": 4, "fifths": 5, "sixths": 6, "sevenths": 7, "eighths": 8, "ninths": 9, "tenths": 10,
}
# the decades: in the nineties, in his forties (九十年代, 四十多岁)
DECADE = {name[:-1] + "ies": value for name, value in CARDINAL.items() if 20 <= value <= 90 and name.endswith("y")}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_UNITS = {name for name, value in CARDINAL.items() if 1 <= value <= 9}
_JOINS_AFTER = set(SCALE) | set(SCORE)  # "and" continues a number after these: an hundred and five

_WORD = "|".join(sorted(list(CARDINAL) + list(SCALE) + list(DECADE) + ["dozen", "decades?"] + [w for w in SCORE if w != "score"],
                        key=len, reverse=True))
_ORD = "|".join(sorted(ORDINAL, key=len, reverse=True))
_STARTS_WITH_ONE = "hundred|thousand|million|billion|trillion|dozen|score|decade"
# run on lower-cased text: IGNORECASE makes this alternation several times slower
WORD_RUN = re.compile(
    rf"\b(?:an?[\s-]+(?=(?:{_STARTS_WITH_ONE})\b))?"
    rf"(?:(?:{_WORD}|(?<=a\s)(?:score|decade))(?:[\s-]+(?:and[\s-]+)?(?:an?[\s-]+(?=(?:{_STARTS_WITH_ONE})\b))?(?:{_WORD}|score))*"
    rf"(?:[\s-]+(?:and[\s-]+)?(?:{_ORD}))?|(?:{_ORD}))\b"
    r"(?:\s+(?:per\s?cent|percent)\b)?"
)
VOCABULARY = frozenset(CARDINAL) | frozenset(SCALE) | frozenset(SCORE) | frozenset(ORDINAL) | frozenset(DECADE) | {"dozen", "decade", "decades"}


def split_run(words: list[str]) -> list[list[int]]:
    """The numbers in a run of number words, as lists of indexes into ``words`` ("and" left out).

    "and" joins only after a scale (an hundred and five) or a tens word before a units word
    (forty and two, as the King James Bible says 42); "three and four" are two numbers.
    """
    numbers: list[list[int]] = [[]]
    joined = False
    for i, word in enumerate(words):
        current = numbers[-1]
        if word == "and":
            before = words[current[-1]] if current else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            # an hundred and five; forty and two; two and thirty (32, as the King James Bible says)
            joined = before in _JOINS_AFTER or (before in _TENS and after in _UNITS) or (before in _UNITS and after in _TENS)
            if not joined:
                numbers.append([])
            continue
        if current and not joined and _starts_new([words[k] for k in current], word):
            numbers.append([])
        joined = False
        numbers[-1].append(i)
    return [n for n in numbers if n]


def _starts_new(current: list[str], word: str) -> bool:
    """Whether ``word`` cannot continue ``current`` (two units in a row: "two three"; anything after an ordinal)."""
    last = current[-1]
    if last in ORDINAL:
        return True
    if word in SCALE or word in ("dozen", "score", "decade", "decades", "hundredth", "thousandth", "millionth"):
        return False
    if last in DECADE or word in DECADE:
        return True
    last_value = CARDINAL.get(last)
    value = CARDINAL.get(word, ORDINAL.get(word))
    if last_value is None or value is None:
        return last in SCORE and word in SCORE
    # twenty-one and twenty-first continue; "five six" and "ten two" do not
    return not (last in _TENS and 1 <= value <= 9)


def words_value(words: list[str]) -> float | None:
    """The value of one number's words (lower case, without "and"): ["two", "hundred", "thousand"] → 200000."""
    total, current, seen = 0, 0, False
    for word in words:
        if word in ("a", "an"):
            current = max(current, 1)
            continue
        if word in CARDINAL:
            current += CARDINAL[word]
        elif word == "hundred" or word == "hundredth":
            current = max(current, 1) * 100
        elif word in SCALE or word in ("thousandth", "millionth"):
            total += max(current, 1) * (SCALE.get(word) or ORDINAL[word])
            current = 0
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in ("decade", "decades"):
            current = max(current, 1) * 10
        elif word in DECADE:
            current += DECADE[word]
        elif word == "score":
            current = max(current, 1) * 20
        elif word in SCORE:
            current += SCORE[word]
        elif word in ORDINAL:
            current += ORDINAL[word]
        else:
            continue
        seen = True
    return float(total + current) if seen else None
