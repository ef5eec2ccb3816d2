"""English tokens for matching: lowercase lemmas (simplemma) without stopwords."""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")

STOPWORDS = frozenset(
    """a an the and or but if then so as at by for from in into of on onto to with without within
    be is am are was were been being have has had having do does did done doing will would shall should
    can could may might must i me my mine we us our ours you your yours he him his she her hers it its
    they them their theirs this that these those there here what which who whom whose when where why how
    not no nor all any some such than too very just also only own same other s t one ones up down out
    over under again further once about against between through during before after above below off
    each few more most both while because until get got let oneself something someone sb sth etc""".split()
)


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="en").lower()


def content_lemmas(text: str) -> list[str]:
    """Lemmas of the words a dictionary can match, in order (stopwords dropped)."""
    out = []
    for token in _TOKEN.findall(text):
        lower = token.lower()
        if lower in STOPWORDS or len(lower) < 2:
            continue
        form = lemma(lower)
        if form not in STOPWORDS:
            out.append(form)
    return out


def capitalised_words(text: str) -> list[str]:
    """Capitalised words not at the start of the text: candidate names."""
    tokens = _TOKEN.findall(text)
    return [t for i, t in enumerate(tokens) if t[:1].isupper() and (i > 0 or len(tokens) == 1)]
