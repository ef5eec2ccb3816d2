"""The features of a candidate pair that the score is computed from.

Document level (every candidate, vectorised): TF-IDF cosine, ratio margin,
whether each document is the other's best, length ratio against the ratio of
translations, shared names and numbers. Sentence level (``verify``; only the
pairs that reach the verdict): ordered chain of mutual best sentence matches,
its reversed-order baseline, matches on the diagonal.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from align.job.pairing.candidates import Neighbours, pair_cosines
from align.job.pairing.profiles import Profile
from align.job.pairing.verify import EVIDENCE, SampleVectors, sentence_evidence

DOCUMENT = ("cosine", "log_margin", "zh_best", "en_best", "length_gap", "names", "numbers", "short")
SENTENCE = EVIDENCE
FEATURES = DOCUMENT + SENTENCE


def document_features(pairs: np.ndarray, zh: list[Profile], en: list[Profile], zh_matrix: sparse.csr_matrix,
                      en_matrix: sparse.csr_matrix, near: Neighbours, length_ratio: float) -> np.ndarray:
    """(len(pairs), len(DOCUMENT)) features of the candidate pairs; ``length_ratio`` is the log English/Chinese
    length ratio of translations (English letters per Han character, from the calibration)."""
    cosine = pair_cosines(zh_matrix, en_matrix, pairs)
    margin = near.margin(pairs, cosine)
    zh_rank, en_rank = near.rank(pairs)
    zh_len = np.asarray([max(zh[i].length, 1) for i in pairs[:, 0]], dtype=np.float64)
    en_len = np.asarray([max(en[j].length, 1) for j in pairs[:, 1]], dtype=np.float64)
    length_gap = np.abs(np.log(en_len / zh_len) - length_ratio)
    names = np.asarray([_shared(zh[i].names, en[j].names) for i, j in pairs], dtype=np.float64)
    numbers = np.asarray([_shared(zh[i].numbers, en[j].numbers) for i, j in pairs], dtype=np.float64)
    short = np.asarray([1.0 / min(zh[i].sampled, en[j].sampled, 10) if min(zh[i].sampled, en[j].sampled) else 1.0 for i, j in pairs])
    return np.column_stack([cosine, np.log(np.maximum(margin, 1e-3)), zh_rank == 0, en_rank == 0, length_gap, names, numbers,
                            short]).astype(np.float64)


def sentence_features(pairs: np.ndarray, zh: list[Profile], en: list[Profile], vectors: SampleVectors) -> np.ndarray:
    rows = []
    for i, j in pairs:
        evidence = sentence_evidence(zh[int(i)], en[int(j)], vectors)
        rows.append([evidence[name] for name in SENTENCE])
    return np.asarray(rows, dtype=np.float64).reshape(len(pairs), len(SENTENCE))


def _shared(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
