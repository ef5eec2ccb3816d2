"""Candidate phrases of one bead: Chinese word n-grams (rjieba with parts of speech) and English word n-grams.

A Chinese candidate is one to four words that end in a noun-like word and hold
no particle, pronoun, preposition, conjunction, adverb, verb or punctuation (stop
patterns: 吩咐以色列人 holds a verb, 他的儿子 holds a particle); a single
word needs two characters. An English candidate is one to four words that start
and end with a content word; inside, only ``of``, ``the``, ``and`` may stand
("tabernacle of the congregation", "Federation of Industry and Commerce").
"""

from __future__ import annotations

import re
from functools import lru_cache

from align.core.stopwords import EN_FUNCTION_WORDS, ZH_FUNCTION_WORDS
from align.core.text import HAN_CLASS

MAX_WORDS = 4
MAX_ZH_CHARS = 8
_HAN = re.compile(f"[{HAN_CLASS}]")
# rjieba (jieba) tags: nouns and names (n...), place words (s), abbreviations (j), nominal verbs (vn), English (eng)
_ZH_HEAD = ("n", "s", "j", "vn", "eng", "nz")
_ZH_STOP_TAGS = ("x", "u", "p", "c", "r", "d", "y", "e", "o", "w", "uj", "ul", "ud", "ug", "uz", "uv", "zg", "m", "q", "mq")
ZH_STOPWORDS = ZH_FUNCTION_WORDS | set("说 道 便 却 要 会 能 可以 并 从 向 到 上 下 里 中 为 以 于 其 此 所 者 矣 乎 哉 曰 时候 东西 事情 样子".split())

_EN_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")
EN_STOPWORDS = EN_FUNCTION_WORDS | set(
    """unto thee thou thy thine hath hast doth dost shalt wilt art saith spake said say says came come went go
    upon yea behold lo o oh thereof therein wherefore whither thither hither even now ever never""".split()
)
_EN_INSIDE = frozenset({"of", "the", "and"})


@lru_cache(maxsize=1)
def _tagger():
    import rjieba

    return rjieba.tag


def zh_words(text: str) -> list[tuple[str, str]]:
    """``(word, tag)`` for every token, punctuation included (tag ``x``)."""
    return [(w, t) for w, t in _tagger()(text) if w.strip()]


def _zh_content(word: str, tag: str) -> bool:
    verb = tag.startswith("v") and tag != "vn"
    return bool(_HAN.search(word) or tag == "eng") and word not in ZH_STOPWORDS and not tag.startswith(_ZH_STOP_TAGS) and not verb


_NAME_TAGS = ("nr", "ns", "nrfg", "nrt")
_PIECE_TAGS = ("v", "g", "vg", "ng")


def zh_phrases(text: str, names: set[str] | None = None) -> dict[str, tuple[str, ...]]:
    """Every candidate Chinese n-gram of ``text``: joined string -> its words; words tagged as person or place
    names are added to ``names``."""
    tagged = zh_words(text)
    found: dict[str, tuple[str, ...]] = {}
    if names is not None:
        names.update(w for w, t in tagged if t in _NAME_TAGS and len(w) > 1)
    for start in range(len(tagged)):
        if not _zh_content(*tagged[start]):
            continue
        for end in range(start + 1, min(start + MAX_WORDS, len(tagged)) + 1):
            word, tag = tagged[end - 1]
            # a lone character the segmenter calls a verb or a morpheme may close a short compound it left in
            # pieces (燔/祭 burnt offering, 素/祭 meat offering)
            closing = end - start > 1 and len(word) == 1 and tag in _PIECE_TAGS and word not in ZH_STOPWORDS
            if not _zh_content(word, tag) and not closing:
                break
            words = tuple(w for w, _ in tagged[start:end])
            joined = "".join(words)
            if len(joined) > MAX_ZH_CHARS:
                break
            if closing and len(joined) <= 3 and _HAN.search(word):
                found.setdefault(joined, words)
                break
            if tag.startswith(_ZH_HEAD) and (len(words) > 1 or len(joined) >= 2):
                found.setdefault(joined, words)
    return found


def en_tokens(text: str) -> list[str]:
    return _EN_TOKEN.findall(text)


def _en_content(token: str) -> bool:
    return token[:1].isalnum() and token.lower() not in EN_STOPWORDS and not token.isdigit() and len(token) > 1


def en_phrases(text: str, lemma) -> dict[tuple[str, ...], str]:
    """Every candidate English n-gram of ``text``: lemma key -> the words as written."""
    tokens = en_tokens(text)
    found: dict[tuple[str, ...], str] = {}
    keys = [lemma(t) if _en_content(t) else t.lower() for t in tokens]
    for start, token in enumerate(tokens):
        if not _en_content(token):
            continue
        for end in range(start + 1, min(start + MAX_WORDS, len(tokens)) + 1):
            last = tokens[end - 1]
            if not last[:1].isalnum():
                break
            if end - start > 1 and not _en_content(last) and last.lower() not in _EN_INSIDE:
                break
            if _en_content(last):
                found.setdefault(tuple(keys[start:end]), " ".join(tokens[start:end]))
    return found


def en_content_keys(key: tuple[str, ...]) -> list[str]:
    return [k for k in key if k not in EN_STOPWORDS]
