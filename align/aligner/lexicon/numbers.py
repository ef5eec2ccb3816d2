"""Numbers as matching tokens: the same value on both sides is strong evidence.

Parsing (万/亿, Chinese numerals, full-width digits, English number words) is
``align.numbers``; here values become tokens the lexical coverage can match.
The value 1 is left out: 一 and "one"/"a" are everywhere.
"""

from __future__ import annotations

from align.core.numbers import extract_numbers


def number_tokens(text: str, lang: str) -> list[str]:
    out = []
    for value in extract_numbers(text, lang):
        if value == 1:
            continue
        out.append(f"#{value:g}")
    return out
