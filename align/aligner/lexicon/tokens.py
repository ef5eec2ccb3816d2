"""Lexical tokens for the coverage signal.

Chinese: each content word becomes one token carrying the English lemma ids it
may translate to (CC-CEDICT, every homograph), plus number and name keys.
English: each content word becomes one lemma id. Coverage is the share of one
side's tokens that find a translation in the other side's window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.aligner.lexicon.numbers import number_tokens
from align.aligner.resources import chinese, english
from align.aligner.resources.cedict import Cedict
from align.aligner.resources.names import en_name_keys, zh_name_keys
from align.core.text import HAN

# Words of one sentence that become tokens, at most: a "sentence" of a whole page without stops would
# otherwise make every coverage table as wide as the page.
MAX_WORDS = 500


@dataclass
class ZhTokens:
    tokens: list[list[np.ndarray]]  # per sentence, per token: lemma ids it may translate to
    words: list[list[str]] | None = None  # per sentence: the content words (for re-estimation)
    token_words: list[list[str | None]] | None = None  # per sentence, per token: its word (None: a number)

    def slice(self, start: int, stop: int) -> ZhTokens:
        return ZhTokens(self.tokens[start:stop], _cut(self.words, start, stop), _cut(self.token_words, start, stop))

    def __len__(self) -> int:
        return len(self.tokens)


@dataclass
class EnTokens:
    lemmas: list[np.ndarray]  # per sentence: lemma ids of its content words
    words: list[list[str]] | None = None  # per sentence: every content lemma, known to CC-CEDICT or not

    def slice(self, start: int, stop: int) -> EnTokens:
        return EnTokens(self.lemmas[start:stop], _cut(self.words, start, stop))

    def __len__(self) -> int:
        return len(self.lemmas)


def _cut(items, start, stop):
    return None if items is None else items[start:stop]


class Vocabulary:
    """CC-CEDICT lemma ids extended with number and name keys of this document pair."""

    def __init__(self, cedict: Cedict):
        self.cedict = cedict
        self.extra: dict[str, int] = {}
        self.base = len(cedict.lemma_index)
        self.words: dict[str, np.ndarray | None] = {}  # a Chinese word's token, once per word: words repeat

    def zh_token(self, word: str) -> np.ndarray | None:
        """The English lemma ids a Chinese word may translate to (None: no token)."""
        if word in self.words:
            return self.words[word]
        token = self.cedict.translations(word)
        if token is None:
            pieces = [self.cedict.translations(ch) for ch in word if ch not in chinese.STOPWORDS]
            pieces = [p for p in pieces if p is not None]
            names = zh_name_keys(word)
            if names:
                pieces.append(np.asarray([self.key(k) for k in names], dtype=np.int32))
            # an unknown word is one token: any character's gloss (or its name) may match
            token = np.unique(np.concatenate(pieces)) if pieces else None
        self.words[word] = token
        return token

    def key(self, text: str) -> int:
        found = self.extra.get(text)
        if found is None:
            found = self.extra[text] = self.base + len(self.extra)
        return found


def zh_tokens(texts: list[str], vocab: Vocabulary) -> ZhTokens:
    out = []
    all_words = []
    token_words = []
    for text in texts:
        tokens: list[np.ndarray] = []
        kept: list[str] = []
        owners: list[str | None] = []
        all_words.append(kept)
        token_words.append(owners)
        for word in chinese.words(text)[:MAX_WORDS]:
            if not HAN.search(word) or word in chinese.STOPWORDS:
                continue
            kept.append(word)
            token = vocab.zh_token(word)
            if token is not None:
                tokens.append(token)
                owners.append(word)
        for number in number_tokens(text, "zh"):
            tokens.append(np.asarray([vocab.key(number)], dtype=np.int32))
            owners.append(None)
        out.append(tokens)
    return ZhTokens(out, all_words, token_words)


def en_tokens(texts: list[str], vocab: Vocabulary) -> EnTokens:
    index = vocab.cedict.lemma_index
    out = []
    all_words = []
    for text in texts:
        lemmas = english.content_lemmas(text)[:MAX_WORDS]
        all_words.append(lemmas + [k[1:] for k in en_name_keys(english.capitalised_words(text))])
        ids = [index[w] for w in lemmas if w in index]
        ids += [vocab.key(k) for k in en_name_keys(english.capitalised_words(text)) if k in vocab.extra]
        ids += [vocab.key(k) for k in number_tokens(text, "en")]
        out.append(np.asarray(ids, dtype=np.int32))
    return EnTokens(out, all_words)
