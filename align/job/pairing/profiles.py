"""Document profiles: what pairing keeps of a document once it is read.

A Chinese document is translated word by word into English lemma ids through
CC-CEDICT (``align.aligner.lexicon.tokens``: every gloss of every homograph,
pinyin keys for names the dictionary does not know, number values); an English
document becomes its content lemma ids, name keys and number values. Both live
in one id space (one ``Vocabulary`` for the whole run), so a Chinese and an
English document compare as bags of the same ids. Traditional script is
converted to simplified first (the dictionary's and the embedding model's form).

A profile keeps the document's bag of ids (summed weights; every gloss of a
word counts fully, which found the right document most often on the Bible
sets of ``bench/pairing.py``), its length in characters, its name and number
ids, and a *sample* of its sentences for the sentence-level check
(``verify``): all of them when the document has at most ``SAMPLE`` sentences,
else three runs of ``SAMPLE // 3`` around a sixth, the middle and five sixths
of the way through. Both sides are sampled at the same relative places, so a
translation's samples hold each other's sentences. The rest of the text is
dropped: a run over thousands of documents holds only profiles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np

from align.aligner.lexicon.tokens import Vocabulary, en_tokens, zh_tokens
from align.aligner.resources.cedict import load_cedict
from align.core.document import Document
from align.core.normalize import to_simplified
from align.core.text import HAN, LATIN_LETTER

SAMPLE = 96
_CENTRES = (1 / 6, 1 / 2, 5 / 6)


@dataclass
class Profile:
    """One document as pairing sees it."""

    name: str
    lang: str
    script: str
    path: Path | None
    sentences: int
    length: int  # Han characters (Chinese) or Latin letters (English)
    ids: np.ndarray  # int32: the distinct ids of the document
    counts: np.ndarray  # float32: how often each occurs
    sample_indptr: np.ndarray  # the sampled sentences' ids: rows of a CSR matrix
    sample_indices: np.ndarray
    sample_weights: np.ndarray
    sample_texts: list[str] = field(default_factory=list)  # dropped once embedded
    names: frozenset[int] = field(default_factory=frozenset)  # pinyin / capitalised-name key ids
    numbers: frozenset[int] = field(default_factory=frozenset)  # number value ids
    vectors: np.ndarray | None = None  # float16 (len(sample), 512) unit sentence embeddings of the sample

    @property
    def sampled(self) -> int:
        return len(self.sample_indptr) - 1


def sample_ids(n: int, size: int = SAMPLE) -> list[int]:
    """The sentences checked one by one: all of ``n`` up to ``size``, else three runs at fixed relative places."""
    if n <= size:
        return list(range(n))
    run = size // len(_CENTRES)
    chosen: list[int] = []
    for centre in _CENTRES:
        start = min(max(0, round(centre * n) - run // 2), n - run)
        chosen.extend(range(max(start, chosen[-1] + 1 if chosen else 0), start + run))
    return chosen


class Profiler:
    """Builds profiles in one id space. Every Chinese document must be profiled before any English one:
    an English capitalised word counts as a name only when some Chinese document has that pinyin key."""

    def __init__(self, vocab: Vocabulary | None = None):
        self.vocab = vocab or Vocabulary(load_cedict())
        self._english_started = False
        self._keys: list[str] = []

    @property
    def size(self) -> int:
        """Ids so far: the dictionary's lemmas, then the name and number keys met."""
        return self.vocab.base + len(self.vocab.extra)

    def profile(self, doc: Document, path: Path | None = None) -> Profile:
        texts = [s.text for s in doc.sentences if s.text.strip()]
        if doc.lang == "zh":
            if self._english_started:
                raise RuntimeError("profile every Chinese document before the English ones")
            texts = [to_simplified(t) for t in texts]
            rows = [_zh_row(tokens) for tokens in zh_tokens(texts, self.vocab).tokens]
            length = sum(len(HAN.findall(t)) for t in texts)
        else:
            self._english_started = True
            rows = [(ids, np.ones(len(ids), dtype=np.float32)) for ids in en_tokens(texts, self.vocab).lemmas]
            length = sum(len(LATIN_LETTER.findall(t)) for t in texts)
        every = np.concatenate([ids for ids, _ in rows]).astype(np.int32) if rows else np.zeros(0, np.int32)
        ids, counts = np.unique(every, return_counts=True)
        chosen = sample_ids(len(rows))
        indptr = np.zeros(len(chosen) + 1, dtype=np.int64)
        np.cumsum([len(rows[s][0]) for s in chosen], out=indptr[1:])
        indices = np.concatenate([rows[s][0] for s in chosen]).astype(np.int32) if chosen else np.zeros(0, np.int32)
        weights = np.concatenate([rows[s][1] for s in chosen]).astype(np.float32) if chosen else np.zeros(0, np.float32)
        names, numbers = self._split_keys(ids)
        return Profile(doc.name, doc.lang, doc.script, path, len(rows), length, ids.astype(np.int32), counts.astype(np.float32),
                       indptr, indices, weights, [texts[s] for s in chosen], names, numbers)

    def _split_keys(self, ids: np.ndarray) -> tuple[frozenset[int], frozenset[int]]:
        extra = ids[ids >= self.vocab.base]
        if not len(extra):
            return frozenset(), frozenset()
        names = frozenset(int(i) for i in extra if self.key_name(int(i)).startswith("@"))
        return names, frozenset(int(i) for i in extra) - names

    def key_name(self, key_id: int) -> str:
        """``@yewenjie`` or ``#1949`` for an id above the dictionary's (the vocabulary hands them out in order)."""
        if len(self._keys) != len(self.vocab.extra):
            self._keys.extend(islice(self.vocab.extra, len(self._keys), None))
        return self._keys[key_id - self.vocab.base]


def _zh_row(tokens: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """A Chinese sentence's ids: every gloss of every token, weight 1 each."""
    if not tokens:
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    ids = np.concatenate(tokens).astype(np.int32)
    return ids, np.ones(len(ids), dtype=np.float32)
