"""Candidate pairs of two comparable documents and their features: ratio margin (Artetxe & Schwenk 2019),
similarity, coverage both ways, numbers, length, mutual best, gap to the runner-up."""

from __future__ import annotations

import math

import numpy as np

from align.aligner.mining.model import FEATURES
from align.aligner.mining.sides import BLOCK, MiningSides, Progress

NEIGHBOURS = 4  # k of the k-nearest-neighbour margin, both ways (Vecalign / LASER use 4)
CANDIDATES = 3  # per sentence, both ways
CACHE_BYTES = 300_000_000  # keep the whole similarity matrix between the two passes up to this
EN_PER_ZH = 3.0  # English characters per Chinese character, for the length feature


def candidate_features(sides: MiningSides, report: Progress | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (c, 2) of (zh id, en id) and their features (c, len(FEATURES))."""
    report = report or (lambda stage, done, total: None)
    n, m = sides.n, sides.m
    k = min(NEIGHBOURS, m), min(NEIGHBOURS, n)
    zh_knn = np.zeros(n, dtype=np.float64)
    en_top = np.full((min(NEIGHBOURS, n), m), -np.inf, dtype=np.float32)  # running top-k per column
    blocks = list(range(0, n, BLOCK))
    cache: list[np.ndarray] | None = [] if n * m * 4 <= CACHE_BYTES else None
    for r, start in enumerate(blocks):
        stop = min(n, start + BLOCK)
        sim = sides.similarity(start, stop)
        if cache is not None:
            cache.append(sim)
        zh_knn[start:stop] = np.sort(sim, axis=1)[:, -k[0]:].mean(axis=1)
        en_top = np.sort(np.vstack([en_top, sim]), axis=0)[-k[1]:]
        report("neighbours", r + 1, 2 * len(blocks))
    en_knn = en_top.mean(axis=0).astype(np.float64)
    c = min(CANDIDATES, m)
    row_idx = np.zeros((n, c), dtype=np.int64)
    row_margin = np.zeros((n, c))
    col_top = np.full((min(CANDIDATES, n) + 1, m), -np.inf)  # best margins per column (+1: runner-up of the best)
    col_arg = np.zeros((min(CANDIDATES, n) + 1, m), dtype=np.int64)
    row_second = np.zeros(n)
    for r, start in enumerate(blocks):
        stop = min(n, start + BLOCK)
        sim = (cache[r] if cache is not None else sides.similarity(start, stop)).astype(np.float64)
        margin = sim / np.maximum((zh_knn[start:stop, None] + en_knn[None, :]) / 2, 1e-6)
        order = np.argsort(-margin, axis=1)[:, : c + 1]
        ranked = np.take_along_axis(margin, order, axis=1)
        row_idx[start:stop] = order[:, :c]
        row_margin[start:stop] = ranked[:, :c]
        row_second[start:stop] = ranked[:, 1] if ranked.shape[1] > 1 else 1.0  # no rival: an average one (margin 1)
        both = np.vstack([col_top, margin])
        both_arg = np.vstack([col_arg, np.broadcast_to(np.arange(start, stop)[:, None], margin.shape)])
        keep = np.argsort(-both, axis=0)[: col_top.shape[0]]
        col_top = np.take_along_axis(both, keep, axis=0)
        col_arg = np.take_along_axis(both_arg, keep, axis=0)
        report("neighbours", len(blocks) + r + 1, 2 * len(blocks))
    pairs = {(int(i), int(j)) for i in range(n) for j in row_idx[i]}
    for q in range(min(CANDIDATES, n)):
        pairs.update((int(col_arg[q, j]), j) for j in range(m) if np.isfinite(col_top[q, j]))
    pairs = sorted(pairs)
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64), np.zeros((0, len(FEATURES)))
    row_best, col_best = row_idx[:, 0], col_arg[0]
    col_second = col_top[1] if col_top.shape[0] > 1 else np.ones(m)
    col_second = np.where(np.isfinite(col_second), col_second, 1.0)
    out = np.zeros((len(pairs), len(FEATURES)))
    for p, (i, j) in enumerate(pairs):
        sim = pair_similarity(sides, i, j)
        margin = sim / max((zh_knn[i] + en_knn[j]) / 2, 1e-6)
        # the gap to the best competing pair of either sentence: how clearly this pair stands out
        rival_row = row_margin[i, 0] if row_best[i] != j else row_second[i]
        rival_col = col_top[0, j] if col_best[j] != i else col_second[j]
        gap = margin - max(rival_row, rival_col)
        mutual = float(row_best[i] == j and col_best[j] == i)
        out[p] = _row(sides, (i,), (j,), margin, sim, mutual, gap)
    return np.asarray(pairs, dtype=np.int64), out


def pair_similarity(sides: MiningSides, i: int, j: int) -> float:
    cz, ce = sides.coverage((i,), (j,))
    if sides.fast:
        return (cz + ce) / 2
    return (float(sides.zh_vec[i] @ sides.en_vec[j]) + (cz + ce) / 2) / 2


def _row(sides: MiningSides, zh_ids, en_ids, margin, sim, mutual, gap) -> np.ndarray:
    cov_zh, cov_en = sides.coverage(zh_ids, en_ids)
    zn = frozenset().union(*(sides.zh_numbers[i] for i in zh_ids))
    en = frozenset().union(*(sides.en_numbers[j] for j in en_ids))
    agree = clash = one_side = 0.0
    if zn and en:
        agree = len(zn & en) / len(zn | en)
        clash = 1.0 - agree
    elif zn or en:
        one_side = 1.0
    zl = float(sum(sides.zh_len[i] for i in zh_ids))
    el = float(sum(sides.en_len[j] for j in en_ids))
    len_abs = abs(math.log((el + 1.0) / (EN_PER_ZH * zl + 1.0)))
    short = 1.0 / math.sqrt(1.0 + min(zl, el / EN_PER_ZH))  # short sentences match anything on-topic
    cos = 0.0
    if not sides.fast:
        cos = float(sides.zh_vec[list(zh_ids)].sum(axis=0) @ sides.en_vec[list(en_ids)].sum(axis=0)) / (len(zh_ids) * len(en_ids))
    return np.asarray([math.log(max(margin, 1e-3)), sim, cos, cov_zh, cov_en, min(cov_zh, cov_en), agree, clash,
                       one_side, len_abs, short, mutual, gap])


def grown_features(sides: MiningSides, zh_ids, en_ids, base: np.ndarray) -> np.ndarray:
    """Features of a grown bead: its own similarity and lexical signals, the 1-1 pair's margin terms."""
    f = dict(zip(FEATURES, base))
    sim = sides.pair_similarity(zh_ids, en_ids)
    margin = math.exp(f["margin"]) * sim / max(f["sim"], 1e-3)
    return _row(sides, zh_ids, en_ids, margin, sim, f["mutual"], f["gap"])
