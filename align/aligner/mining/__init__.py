"""Mining mode: the sentence pairs that correspond in two documents that are not translations.

Two *comparable* documents (same topic, some shared passages, in any order)
are not aligned with the monotone search of ``align.aligner``: here every
Chinese sentence is compared with every English sentence, as in LASER /
Vecalign bitext mining.

1. Similarity: cosine of USE-m3 sentence embeddings (``fast=True``: mean of the
   CC-CEDICT lexical coverage both ways), computed in blocks so 10k x 10k
   sentences never holds a full matrix.
2. Ratio margin (Artetxe & Schwenk 2019): a pair's similarity divided by the
   mean similarity of each side to its k nearest neighbours. A sentence that
   is close to everything (short, generic, on-topic) gets a low margin.
3. Candidates: each sentence's best few pairs by margin, both ways; their
   features (margin, similarity, coverage both ways, numbers, length, mutual
   best, gap to the runner-up) go through a logistic regression fitted on
   MAC-Dev mining sets (``bench/mining.py`` -> ``data/mining.json``), so the
   confidence is a calibrated probability that the pair corresponds.
4. Greedy one-to-one by confidence, then a pair grows to 1-2 / 2-1 when an
   adjacent unused sentence makes the match clearly better.

>>> from align import read_document
>>> from align.aligner.mining import mine
>>> pairs = mine(read_document("a.zh.txt"), read_document("b.en.txt"), threshold=0.9)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from align.aligner.pairing import check_document_pair
from align.core.bitext import Bitext
from align.core.document import Document
from align.core.errors import UsageError

__all__ = ["mine", "MINING_VERSION", "FEATURES", "candidate_features", "MODEL_PATH"]

MINING_VERSION = "0.1.0"
MODEL_PATH = Path(__file__).parent.parent / "data" / "mining.json"
FEATURES = ("margin", "sim", "cos", "cov_zh", "cov_en", "cov_min", "num_agree", "num_clash", "num_one_side",
            "len_abs", "short", "mutual", "gap")
NEIGHBOURS = 4  # k of the k-nearest-neighbour margin, both ways (Vecalign / LASER use 4)
CANDIDATES = 3  # per sentence, both ways
BLOCK = 512  # rows per similarity block: 512 x 10k float32 = 20 MB (x ~15 tokens a row for coverage)
CACHE_BYTES = 300_000_000  # keep the whole similarity matrix between the two passes up to this
EN_PER_ZH = 3.0  # English characters per Chinese character, for the length feature
MERGE_GAIN = {"embed": 0.06, "fast": 0.08}  # a 1-2/2-1 must beat the 1-1 similarity by this much
MERGE_MIN = {"embed": 0.25, "fast": 0.15}  # and the added sentence must match on its own at least this much

Progress = Callable[[str, int, int], None]


def mine(zh_doc: Document, en_doc: Document, *, threshold: float = 0.5, fast: bool = False,
         progress: Progress | None = None, model: dict | None = None) -> Bitext:
    """Sentence pairs of two comparable documents that correspond, each with a calibrated confidence.

    Returns a Bitext of 1-1 beads (1-2/2-1 when adjacent sentences together
    match clearly better) ordered by Chinese sentence id, each sentence used at
    most once, confidence >= ``threshold``. ``fast=True`` uses dictionary
    coverage instead of sentence embeddings. ``progress(stage, done, total)``
    is called as work advances. ``model`` replaces the fitted coefficients
    (``bench/mining.py`` uses it for cross-validation).
    """
    if not 0.0 <= threshold <= 1.0:
        raise UsageError(f"threshold must be between 0 and 1, got {threshold}")
    check_document_pair(zh_doc, en_doc, "mine")
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a declared dependency
        return _mine(zh_doc, en_doc, threshold, fast, progress, model)
    with threadpool_limits(limits=1, user_api="blas"):  # small matrices: threads only spin (see align())
        return _mine(zh_doc, en_doc, threshold, fast, progress, model)


def _mine(zh_doc, en_doc, threshold, fast, progress, model) -> Bitext:
    mode = "fast" if fast else "embed"
    report = progress or (lambda stage, done, total: None)
    model = model or load_model()
    coef = np.asarray(model[mode]["coef"], dtype=np.float64)
    zh_texts = zh_doc.texts()
    if zh_doc.script == "Hant":  # the dictionary and the embedding model both know simplified text best
        from align.core.normalize import to_simplified

        zh_texts = [to_simplified(t) for t in zh_texts]
    sides = _Sides.build(zh_texts, en_doc.texts(), fast, report)
    candidates, feats = candidate_features(sides, report)
    confidence = _predict(coef, feats) if len(feats) else np.zeros(0)
    chosen = _one_to_one(candidates, confidence, threshold)
    items = []
    used_zh = {i for i, _, _ in chosen}
    used_en = {j for _, j, _ in chosen}
    for i, j, k in chosen:
        zi, ej = _grow(sides, i, j, used_zh, used_en, mode)
        conf = float(confidence[k])
        reasons = _reasons(feats[k], mode)
        if len(zi) + len(ej) > 2:
            grown = float(_predict(coef, _features_for(sides, zi, ej, feats[k])[None, :])[0])
            if grown >= threshold:
                conf, reasons = grown, reasons + ("merge",)
            else:  # the grown bead is not trusted: keep the plain pair and free the added sentence
                used_zh.difference_update(set(zi) - {i})
                used_en.difference_update(set(ej) - {j})
                zi, ej = (i,), (j,)
        items.append((zi, ej, round(conf, 4), reasons))
    items.sort(key=lambda item: item[0][0])
    covered = sum(len(z) + len(e) for z, e, _, _ in items)
    document_score = round(covered / max(1, len(zh_doc) + len(en_doc)), 4)
    return Bitext.from_documents(zh_doc, en_doc, items, signature=_signature(mode, threshold, model), document_score=document_score)


# --- inputs ---------------------------------------------------------------------------------

# --- signals --------------------------------------------------------------------------------

@dataclass
class _Sides:
    fast: bool
    zh_vec: np.ndarray | None  # unit sentence embeddings (n, 512)
    en_vec: np.ndarray | None
    zh_sums: object  # embeddings.SentenceSums, for the embedding of a 1-2 / 2-1 span
    en_sums: object
    zh_tokens: list[list[frozenset]]  # per sentence, per token: English lemma ids it may translate to
    en_lemmas: list[frozenset]  # per sentence: its lemma ids
    zh_numbers: list[frozenset]
    en_numbers: list[frozenset]
    zh_len: np.ndarray
    en_len: np.ndarray
    # dense lexical tables over the English lemmas present, for blocked coverage
    token_owner: np.ndarray  # zh token -> its sentence (sorted)
    token_kind: np.ndarray  # zh token -> row of token_hits (equal lemma sets share a row)
    token_hits: np.ndarray  # (distinct zh tokens, m) bool: the token finds a translation in en sentence j
    zh_union: list[np.ndarray]  # zh sentence -> compact lemma columns of all its tokens
    en_inc: np.ndarray  # (m, V) float32 incidence of compact lemmas

    @classmethod
    def build(cls, zh_texts: list[str], en_texts: list[str], fast: bool, report: Progress) -> _Sides:
        from align.aligner.lexicon.numbers import number_tokens
        from align.aligner.lexicon.tokens import Vocabulary, en_tokens, zh_tokens
        from align.aligner.resources.cedict import load_cedict
        from align.aligner.signals.length import char_lengths

        total = len(zh_texts) + len(en_texts)
        report("reading", 0, total)
        vocab = Vocabulary(load_cedict())
        zt = zh_tokens(zh_texts, vocab)
        et = en_tokens(en_texts, vocab)
        zh_vec = en_vec = zs = es = None
        if not fast:
            from align.aligner.resources import embeddings

            done = [0]

            def embedded(count: int) -> None:
                done[0] += count
                report("embedding", done[0], total)

            zs = embeddings.sentence_sums(zh_texts, embedded)
            es = embeddings.sentence_sums(en_texts, embedded)
            zh_vec = embeddings.window_vectors(zs, 1)[0]
            en_vec = embeddings.window_vectors(es, 1)[0]
        present = np.unique(np.concatenate(et.lemmas)) if any(len(x) for x in et.lemmas) else np.zeros(0, np.int32)
        compact = {int(v): k for k, v in enumerate(present)}
        en_inc = np.zeros((len(en_texts), max(1, len(present))), dtype=np.float32)
        for t, ids in enumerate(et.lemmas):
            en_inc[t, [compact[int(v)] for v in ids]] = 1.0
        owner, kinds, unions = [], [], []
        distinct: dict[tuple[int, ...], int] = {}
        for s, tokens in enumerate(zt.tokens):
            union: set[int] = set()
            for ids in tokens:
                hit = tuple(sorted({compact[int(v)] for v in ids if int(v) in compact}))
                owner.append(s)
                kinds.append(distinct.setdefault(hit, len(distinct)))
                union.update(hit)
            unions.append(np.asarray(sorted(union), dtype=np.int64))
        token_hits = np.zeros((len(distinct), len(en_texts)), dtype=bool)
        rows = list(distinct)
        for start in range(0, len(rows), BLOCK):  # a repeated word is looked up once
            chunk = rows[start:start + BLOCK]
            incidence = np.zeros((len(chunk), en_inc.shape[1]), dtype=np.float32)
            for r, hit in enumerate(chunk):
                incidence[r, list(hit)] = 1.0
            token_hits[start:start + len(chunk)] = (incidence @ en_inc.T) > 0
        return cls(
            fast=fast, zh_vec=zh_vec, en_vec=en_vec, zh_sums=zs, en_sums=es,
            zh_tokens=[[frozenset(map(int, ids)) for ids in tokens] for tokens in zt.tokens],
            en_lemmas=[frozenset(map(int, ids)) for ids in et.lemmas],
            zh_numbers=[frozenset(number_tokens(t, "zh")) for t in zh_texts],
            en_numbers=[frozenset(number_tokens(t, "en")) for t in en_texts],
            zh_len=char_lengths(zh_texts, "zh"), en_len=char_lengths(en_texts, "en"),
            token_owner=np.asarray(owner, dtype=np.int64), token_kind=np.asarray(kinds, dtype=np.int64),
            token_hits=token_hits, zh_union=unions, en_inc=en_inc,
        )

    @property
    def n(self) -> int:
        return len(self.zh_len)

    @property
    def m(self) -> int:
        return len(self.en_len)

    def similarity(self, start: int, stop: int) -> np.ndarray:
        """Similarity of zh sentences start..stop-1 with every en sentence: (stop-start, m) float32."""
        cov_zh, cov_en = self.coverage_block(start, stop)
        lexical = (cov_zh + cov_en) * 0.5
        if self.fast:
            return lexical
        # embeddings alone rank an on-topic paraphrase above a partial translation; the dictionary
        # alone misses free renderings: their mean ranks better than either (bench/mining.py)
        return (self.zh_vec[start:stop] @ self.en_vec.T + lexical) * 0.5

    def coverage_block(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """Dictionary coverage zh->en and en->zh for a block of zh rows against every en sentence."""
        width = self.en_inc.shape[1]
        first = int(np.searchsorted(self.token_owner, start))
        last = int(np.searchsorted(self.token_owner, stop))
        b = stop - start
        hits = np.zeros((b, self.m), dtype=np.float32)
        if last > first:
            owners = self.token_owner[first:last]
            starts = np.searchsorted(owners, np.arange(start, stop))
            ends = np.searchsorted(owners, np.arange(start, stop), side="right")
            some = starts < ends
            gathered = self.token_hits[self.token_kind[first:last]]
            hits[some] = np.add.reduceat(gathered, starts[some], axis=0, dtype=np.int32)
        zh_count = np.asarray([len(t) for t in self.zh_tokens[start:stop]], dtype=np.float32)
        union = np.zeros((b, width), dtype=np.float32)
        for r in range(b):
            union[r, self.zh_union[start + r]] = 1.0
        en_hits = union @ self.en_inc.T
        en_count = self.en_inc.sum(axis=1)
        return (hits + 0.25) / (zh_count[:, None] + 0.5), (en_hits + 0.25) / (en_count[None, :] + 0.5)

    def pair_similarity(self, zh_ids: tuple[int, ...], en_ids: tuple[int, ...]) -> float:
        """Similarity of two spans of adjacent sentences (joined texts)."""
        if not self.fast:
            from align.aligner.resources import embeddings

            zs, zc = self.zh_sums.span(zh_ids[0], zh_ids[-1] + 1)
            es, ec = self.en_sums.span(en_ids[0], en_ids[-1] + 1)
            v = embeddings.finish(np.stack([zs, es]).astype(np.float32), np.asarray([zc, ec], np.float32))
            cz, ce = self.coverage(zh_ids, en_ids)
            return (float(v[0] @ v[1]) + (cz + ce) / 2) / 2
        cz, ce = self.coverage(zh_ids, en_ids)
        return (cz + ce) / 2

    def coverage(self, zh_ids, en_ids) -> tuple[float, float]:
        lemmas = frozenset().union(*(self.en_lemmas[j] for j in en_ids))
        tokens = [tok for i in zh_ids for tok in self.zh_tokens[i]]
        hit = sum(1 for tok in tokens if not lemmas.isdisjoint(tok))
        union = frozenset().union(*tokens) if tokens else frozenset()
        en_hit = sum(1 for v in lemmas if v in union)
        return (hit + 0.25) / (len(tokens) + 0.5), (en_hit + 0.25) / (len(lemmas) + 0.5)


# --- margin and candidates ------------------------------------------------------------------

def candidate_features(sides: _Sides, report: Progress | None = None) -> tuple[np.ndarray, np.ndarray]:
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
        sim = _pair_sim(sides, i, j)
        margin = sim / max((zh_knn[i] + en_knn[j]) / 2, 1e-6)
        # the gap to the best competing pair of either sentence: how clearly this pair stands out
        rival_row = row_margin[i, 0] if row_best[i] != j else row_second[i]
        rival_col = col_top[0, j] if col_best[j] != i else col_second[j]
        gap = margin - max(rival_row, rival_col)
        mutual = float(row_best[i] == j and col_best[j] == i)
        out[p] = _row(sides, (i,), (j,), margin, sim, mutual, gap)
    return np.asarray(pairs, dtype=np.int64), out


def _pair_sim(sides: _Sides, i: int, j: int) -> float:
    cz, ce = sides.coverage((i,), (j,))
    if sides.fast:
        return (cz + ce) / 2
    return (float(sides.zh_vec[i] @ sides.en_vec[j]) + (cz + ce) / 2) / 2


def _row(sides: _Sides, zh_ids, en_ids, margin, sim, mutual, gap) -> np.ndarray:
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


def _features_for(sides: _Sides, zh_ids, en_ids, base: np.ndarray) -> np.ndarray:
    """Features of a grown bead: its own similarity and lexical signals, the 1-1 pair's margin terms."""
    f = dict(zip(FEATURES, base))
    sim = sides.pair_similarity(zh_ids, en_ids)
    margin = math.exp(f["margin"]) * sim / max(f["sim"], 1e-3)
    return _row(sides, zh_ids, en_ids, margin, sim, f["mutual"], f["gap"])


# --- selection ------------------------------------------------------------------------------

def _one_to_one(candidates: np.ndarray, confidence: np.ndarray, threshold: float) -> list[tuple[int, int, int]]:
    """Greedy by confidence: the most confident pair first, no sentence used twice."""
    used_zh: set[int] = set()
    used_en: set[int] = set()
    chosen = []
    for k in np.argsort(-confidence, kind="stable"):
        if confidence[k] < threshold:
            break
        i, j = int(candidates[k, 0]), int(candidates[k, 1])
        if i in used_zh or j in used_en:
            continue
        used_zh.add(i)
        used_en.add(j)
        chosen.append((i, j, int(k)))
    return chosen


def _grow(sides: _Sides, i: int, j: int, used_zh: set, used_en: set, mode: str):
    """A 1-1 pair becomes 1-2 or 2-1 when an adjacent unused sentence clearly improves the match."""
    base = _pair_sim(sides, i, j)
    best = ((i,), (j,))
    best_sim = base + MERGE_GAIN[mode]
    options = []
    for nb in (j - 1, j + 1):
        if 0 <= nb < sides.m and nb not in used_en and _pair_sim(sides, i, nb) >= MERGE_MIN[mode]:
            options.append(((i,), tuple(sorted((j, nb)))))
    for nb in (i - 1, i + 1):
        if 0 <= nb < sides.n and nb not in used_zh and _pair_sim(sides, nb, j) >= MERGE_MIN[mode]:
            options.append((tuple(sorted((i, nb))), (j,)))
    for zh_ids, en_ids in options:
        sim = sides.pair_similarity(zh_ids, en_ids)
        if sim > best_sim:
            best, best_sim = (zh_ids, en_ids), sim
    used_zh.update(best[0])
    used_en.update(best[1])
    return best


def _reasons(row: np.ndarray, mode: str) -> tuple[str, ...]:
    f = dict(zip(FEATURES, row))
    out = ["margin"]
    if mode == "embed" and f["sim"] >= 0.5:
        out.append("embedding")
    if (f["cov_zh"] + f["cov_en"]) / 2 >= 0.35:
        out.append("lexical")
    if f["num_agree"] > 0:
        out.append("numbers")
    if f["len_abs"] <= 0.35:
        out.append("length")
    return tuple(out)


# --- model ----------------------------------------------------------------------------------

def design(features: np.ndarray) -> np.ndarray:
    """Logistic-regression inputs: the features plus an intercept column."""
    features = np.asarray(features, dtype=np.float64).reshape(-1, len(FEATURES))
    return np.hstack([features, np.ones((len(features), 1))])


def _predict(coef: np.ndarray, features: np.ndarray) -> np.ndarray:
    z = np.clip(design(features) @ coef, -30, 30)
    return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=1)
def load_model() -> dict:
    try:
        model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:  # pragma: no cover - shipped with the package
        raise RuntimeError(f"{MODEL_PATH} is missing; run bench/mining.py") from None
    for mode in ("embed", "fast"):
        if model.get("features") != list(FEATURES) or len(model[mode]["coef"]) != len(FEATURES) + 1:
            raise RuntimeError(f"{MODEL_PATH} does not match these features; rerun bench/mining.py")
    return model


def _signature(mode: str, threshold: float, model: dict) -> dict[str, str]:
    from align.aligner.resources.cedict import load_cedict
    from align.aligner.resources.chinese import segmenter_name
    from align.core.version import __version__

    signature = {
        "bitext": __version__,
        "mining": MINING_VERSION,
        "mode": mode,
        "model": str(model.get("version", "unknown")),
        "margin": f"ratio-k{NEIGHBOURS}",
        "threshold": f"{threshold:g}",
        "cedict": load_cedict().version,
        "segmenter": segmenter_name(),
    }
    if mode == "embed":
        from align.aligner.resources.embeddings import MODEL_NAME, model_version

        signature[MODEL_NAME] = model_version()
    return signature
