"""Sentence-level evidence for a candidate pair: do its sentences correspond, in order?

A translation and a comparable document (same story, same names, other
sentences) can have much the same bag of words; what sets the translation
apart is that its sentences match one by one, in the same order. For the two
documents' samples (``profiles.sample_ids``: the same relative places on both
sides) this takes the similarity of every Chinese sentence with every English
one (cosine of USE sentence embeddings; with ``fast``, of the sentences'
TF-IDF rows), keeps the mutual best matches and measures

* ``chain``: the longest run of mutual best matches in the same order on both
  sides, as a share of the smaller sample;
* ``crossing``: the same in reversed order, what chance alone gives;
* ``diagonal``: the share of Chinese sentences whose best match sits where its
  position predicts (within a tenth of the sample);
* ``coverage``: the mean best similarity of the Chinese sentences;
* ``gist``: the cosine of the two samples' mean vectors.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np
from scipy import sparse

from align.job.pairing.profiles import Profile

FLOOR = {"embed": 0.3, "fast": 0.15}  # a mutual best match weaker than this is noise
DIAGONAL_BAND = 0.1
EVIDENCE = ("chain", "crossing", "diagonal", "coverage", "gist")


class SampleVectors:
    """Each profile's sample as unit row vectors (the lexical ones built once per profile)."""

    def __init__(self, idf: np.ndarray, fast: bool):
        self.idf = idf
        self.fast = fast
        self._cache: dict[int, np.ndarray | sparse.csr_matrix] = {}

    def of(self, profile: Profile):
        if not self.fast:
            return _dense(profile)  # float16 -> float32 on use: keeping both would double the memory
        key = id(profile)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._lexical(profile)
        return found

    def _lexical(self, profile: Profile) -> sparse.csr_matrix:
        weights = profile.sample_weights * self.idf[profile.sample_indices]
        matrix = sparse.csr_matrix((weights, profile.sample_indices, profile.sample_indptr),
                                   shape=(profile.sampled, len(self.idf)), dtype=np.float32)
        matrix.sum_duplicates()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        return sparse.diags(1.0 / np.maximum(norms, 1e-9)).astype(np.float32) @ matrix


def _dense(profile: Profile) -> np.ndarray:
    if profile.vectors is None:
        raise RuntimeError(f"{profile.name}: its sample has no embeddings (embed the profiles first, or use fast)")
    return profile.vectors.astype(np.float32)


def sentence_evidence(zh: Profile, en: Profile, vectors: SampleVectors) -> dict[str, float]:
    """The measures above for one pair (all 0 when a side has no sentences)."""
    n, m = zh.sampled, en.sampled
    if not n or not m:
        return dict.fromkeys(EVIDENCE, 0.0)
    a, b = vectors.of(zh), vectors.of(en)
    if vectors.fast:
        sims = (a @ b.T).toarray()
        gist = _cosine(np.asarray(a.sum(axis=0)).ravel(), np.asarray(b.sum(axis=0)).ravel())
    else:
        sims = a @ b.T
        gist = _cosine(a.mean(axis=0), b.mean(axis=0))
    floor = FLOOR["fast" if vectors.fast else "embed"]
    row_best = sims.argmax(axis=1)
    row_sim = sims[np.arange(n), row_best]
    col_best = sims.argmax(axis=0)
    zh_ids = np.arange(n)
    mutual = (col_best[row_best] == zh_ids) & (row_sim >= floor)
    en_ids = row_best[mutual]  # in Chinese order, each English sentence once
    smaller = min(n, m)
    near = (np.abs((row_best + 0.5) / m - (zh_ids + 0.5) / n) <= DIAGONAL_BAND) & (row_sim >= floor)
    return {
        "chain": _longest_increasing(en_ids) / smaller,
        "crossing": _longest_increasing(-en_ids) / smaller,
        "diagonal": float(near.mean()),
        "coverage": float(np.clip(row_sim, 0, 1).mean()),
        "gist": gist,
    }


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b) / norm) if norm > 0 else 0.0


def _longest_increasing(values: np.ndarray) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    for value in values.tolist():
        at = bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
        else:
            tails[at] = value
    return len(tails)
