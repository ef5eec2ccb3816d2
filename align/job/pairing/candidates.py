"""Candidate pairs: TF-IDF cosine of whole documents, computed in blocks, best few per document both ways.

Every document is a sparse TF-IDF vector over the shared ids (``profiles``):
sublinear term frequency ``1 + log tf``, inverse document frequency counted
over the documents of both sides, unit length. The cosine of every Chinese
document with every English one is a sparse matrix product taken ``BLOCK``
Chinese rows at a time; of each block only the best ``k`` English documents of
every row, and the running best ``k`` Chinese documents of every column, are
kept. Memory stays at ``BLOCK x n_en`` floats plus ``k`` per document whatever
the number of documents, and no Python loop runs over pairs.

The ratio margin (Artetxe & Schwenk 2019) of a pair divides its cosine by the
mean cosine of both documents with their ``k`` nearest neighbours: a document
close to everything (a short one, a generic one, a hub) gets a low margin.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from align.core.progress import Progress
from align.job.pairing.profiles import Profile

BLOCK = 512
K = 8


def idf_weights(zh: list[Profile], en: list[Profile], size: int) -> np.ndarray:
    """``log(N / df)`` of every id over the documents of both sides (0 for ids in no document)."""
    df = np.zeros(size, dtype=np.float64)
    for profile in (*zh, *en):
        df[profile.ids] += 1
    n = len(zh) + len(en)
    idf = np.zeros(size, dtype=np.float32)
    seen = df > 0
    idf[seen] = np.log(n / df[seen]).astype(np.float32)
    return idf


def document_matrix(profiles: list[Profile], idf: np.ndarray) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows, one per document."""
    indptr = [0]
    indices, data = [], []
    for profile in profiles:
        ids = profile.ids
        weight = (1.0 + np.log(np.maximum(profile.counts, 1.0))) * idf[ids]
        norm = float(np.sqrt(np.dot(weight, weight)))
        indices.append(ids)
        data.append(weight / norm if norm > 0 else weight)
        indptr.append(indptr[-1] + len(ids))
    matrix = sparse.csr_matrix(
        (np.concatenate(data) if data else np.zeros(0, np.float32), np.concatenate(indices) if indices else np.zeros(0, np.int32),
         np.asarray(indptr)), shape=(len(profiles), len(idf)), dtype=np.float32)
    return matrix


@dataclass
class Neighbours:
    """The best ``k`` documents of each side's documents on the other side, by cosine (descending)."""

    zh_best: np.ndarray  # (n_zh, k) English indices (-1 where there are fewer than k)
    zh_cos: np.ndarray  # (n_zh, k)
    en_best: np.ndarray  # (n_en, k) Chinese indices
    en_cos: np.ndarray  # (n_en, k)

    def pairs(self) -> np.ndarray:
        """Every (zh, en) pair that is among the best k of either document, once: (m, 2)."""
        n_zh, k = self.zh_best.shape
        rows = np.concatenate([np.repeat(np.arange(n_zh), k), self.en_best.ravel()])
        cols = np.concatenate([self.zh_best.ravel(), np.repeat(np.arange(len(self.en_best)), self.en_best.shape[1])])
        keep = (rows >= 0) & (cols >= 0)
        pairs = np.stack([rows[keep], cols[keep]], axis=1)
        return np.unique(pairs, axis=0) if len(pairs) else pairs.reshape(0, 2)

    def margin(self, pairs: np.ndarray, cosine: np.ndarray) -> np.ndarray:
        """Ratio margin: cosine over the mean of both documents' mean cosine to their k nearest neighbours."""
        zh_mean = np.where(self.zh_best >= 0, self.zh_cos, 0).sum(axis=1) / np.maximum((self.zh_best >= 0).sum(axis=1), 1)
        en_mean = np.where(self.en_best >= 0, self.en_cos, 0).sum(axis=1) / np.maximum((self.en_best >= 0).sum(axis=1), 1)
        denominator = (zh_mean[pairs[:, 0]] + en_mean[pairs[:, 1]]) / 2
        return cosine / np.maximum(denominator, 1e-3)

    def rank(self, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each pair's rank (0 = best, k = not among the best k) in its Chinese and in its English document's list."""
        k = self.zh_best.shape[1]
        zh_rank = np.full(len(pairs), k)
        en_rank = np.full(len(pairs), k)
        for r in range(k):
            zh_rank = np.where((self.zh_best[pairs[:, 0], r] == pairs[:, 1]) & (zh_rank == k), r, zh_rank)
            en_rank = np.where((self.en_best[pairs[:, 1], r] == pairs[:, 0]) & (en_rank == k), r, en_rank)
        return zh_rank, en_rank


def neighbours(zh: sparse.csr_matrix, en: sparse.csr_matrix, k: int = K, block: int = BLOCK,
               progress: Progress | None = None) -> Neighbours:
    """The best ``k`` cosines of every document, from ``block``-row slices of the full product."""
    n_zh, n_en = zh.shape[0], en.shape[0]
    kz, ke = min(k, n_en), min(k, n_zh)
    zh_best = np.full((n_zh, k), -1, dtype=np.int64)
    zh_cos = np.full((n_zh, k), -1.0, dtype=np.float32)
    en_best = np.full((n_en, k), -1, dtype=np.int64)
    en_cos = np.full((n_en, k), -1.0, dtype=np.float32)
    en_t = en.T.tocsc()
    for start in range(0, n_zh, block):
        stop = min(start + block, n_zh)
        sims = (zh[start:stop] @ en_t).toarray()  # (b, n_en) dense: every document shares some ids
        top = np.argpartition(-sims, kz - 1, axis=1)[:, :kz] if kz < n_en else np.tile(np.arange(n_en), (stop - start, 1))
        values = np.take_along_axis(sims, top, axis=1)
        order = np.argsort(-values, axis=1, kind="stable")
        zh_best[start:stop, :kz] = np.take_along_axis(top, order, axis=1)
        zh_cos[start:stop, :kz] = np.take_along_axis(values, order, axis=1)
        # columns: merge this block's rows with the best rows so far
        pool_cos = np.concatenate([en_cos.T, sims], axis=0)  # (k + b, n_en)
        pool_idx = np.concatenate([en_best.T, np.broadcast_to(np.arange(start, stop)[:, None], sims.shape)], axis=0)
        pick = np.argpartition(-pool_cos, k - 1, axis=0)[:k] if k < len(pool_cos) else np.argsort(-pool_cos, axis=0)
        best_cos = np.take_along_axis(pool_cos, pick, axis=0)
        best_idx = np.take_along_axis(pool_idx, pick, axis=0)
        order = np.argsort(-best_cos, axis=0, kind="stable")
        en_cos = np.take_along_axis(best_cos, order, axis=0).T.copy()
        en_best = np.take_along_axis(best_idx, order, axis=0).T.copy()
        if progress:
            progress("comparing documents", stop, n_zh)
    en_best[:, ke:] = -1
    en_cos[:, ke:] = -1.0
    return Neighbours(zh_best, zh_cos, en_best, en_cos)


def pair_cosines(zh: sparse.csr_matrix, en: sparse.csr_matrix, pairs: np.ndarray) -> np.ndarray:
    """Cosine of each listed pair (row-wise dot products, no full matrix)."""
    if not len(pairs):
        return np.zeros(0, dtype=np.float32)
    return np.asarray(zh[pairs[:, 0]].multiply(en[pairs[:, 1]]).sum(axis=1)).ravel().astype(np.float32)
