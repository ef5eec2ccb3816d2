"""Which candidates each bead holds, how many beads hold each, and the Chinese termhood (C-value).

A Chinese candidate seen only inside one longer candidate (文洁 only ever in
叶文洁) is dropped: it is a piece, not a term. C-value (Frantzi et al. 2000)
ranks what stays: long, frequent strings that also occur on their own.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from glossary.extraction.names import en_name_key, names_by_pinyin
from glossary.extraction.phrases import en_phrases, zh_phrases


@dataclass
class Side:
    """One language's candidates: ``names[k]`` is written ``surface[k]``; ``beads[b]`` lists the ones bead b holds."""

    names: list = field(default_factory=list)
    surface: list[str] = field(default_factory=list)
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    beads: list[list[int]] = field(default_factory=list)
    words: list[tuple[str, ...]] = field(default_factory=list)

    def matrix(self):
        from scipy.sparse import csr_matrix

        rows = np.repeat(np.arange(len(self.beads)), [len(b) for b in self.beads])
        cols = np.fromiter((k for b in self.beads for k in b), dtype=np.int64, count=len(rows))
        return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(self.beads), len(self.names)))


def _side(per_bead: list[dict], min_count: int, keep=lambda key, count, counts: True) -> Side:
    counts = Counter(key for found in per_bead for key in found)
    kept = {key for key, n in counts.items() if n >= min_count and keep(key, n, counts)}
    index: dict = {}
    side = Side()
    written: dict = {}
    for found in per_bead:
        ids = []
        for key, value in found.items():
            if key not in kept:
                continue
            k = index.get(key)
            if k is None:
                k = index[key] = len(side.names)
                side.names.append(key)
                written[k] = Counter()
                side.words.append(value if isinstance(value, tuple) else key)
            written[k][value if isinstance(value, str) else key] += 1
            ids.append(k)
        side.beads.append(ids)
    side.surface = [written[k].most_common(1)[0][0] for k in range(len(side.names))]
    side.counts = np.asarray([counts[key] for key in side.names], dtype=np.int64)
    return side


def chinese_side(zh_texts: list[str], min_count: int, name_keys: set[str] | None = None
                 ) -> tuple[Side, dict[str, float], set[str]]:
    """The Chinese candidates, their C-value, and those that are person or place names: tagged so by the segmenter,
    or (given ``name_keys``, the pinyin of English names) strings whose pinyin is an English name's."""
    names: set[str] = set()
    per_bead = [zh_phrases(text, names) for text in zh_texts]
    if name_keys:
        for text, found in zip(zh_texts, per_bead):
            for name in names_by_pinyin(text, name_keys):
                found.setdefault(name, (name,))
                names.add(name)
    words_of = {}
    for found in per_bead:
        for joined, words in found.items():
            words_of.setdefault(joined, words)
    counts = Counter(key for found in per_bead for key in found)
    frequent = {key for key, n in counts.items() if n >= min_count}
    longest_around: dict[str, int] = {}
    nested_sum: Counter = Counter()
    nested_n: Counter = Counter()
    for joined in frequent:
        words = words_of[joined]
        for size in range(1, len(words)):
            for start in range(len(words) - size + 1):
                inner = "".join(words[start:start + size])
                if inner in frequent:
                    longest_around[inner] = max(longest_around.get(inner, 0), counts[joined])
                    nested_sum[inner] += counts[joined]
                    nested_n[inner] += 1
    termhood = {}
    for joined in frequent:
        own = counts[joined] - (nested_sum[joined] / nested_n[joined] if nested_n[joined] else 0)
        termhood[joined] = math.log2(1 + len(joined)) * max(own, 0.0)
    side = _side(per_bead, min_count, keep=lambda key, n, c: longest_around.get(key, 0) < n)
    side.surface = list(side.names)
    return side, termhood, names


def english_side(en_texts: list[str], min_count: int, lemma) -> Side:
    return _side([en_phrases(text, lemma) for text in en_texts], min_count)


def english_name_keys(en: Side) -> set[str]:
    """Pinyin-like keys of the English candidates written as names ("Chen Qingyang" -> chenqingyang)."""
    keys = {en_name_key(surface) for surface in en.surface}
    return {k for k in keys if len(k) >= 4}
