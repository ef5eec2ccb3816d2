"""What mining compares: per sentence, its embedding, dictionary tokens, numbers and length, from the aligner's own
preparation (``pipeline.prepare``: the same tokens, dictionary and embeddings the signals use), and the
similarity of blocks of Chinese sentences against every English sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.aligner.lexicon.numbers import number_tokens
from align.aligner.pipeline import prepare
from align.aligner.resources import embeddings
from align.aligner.signals.coverage import fraction, span_coverage
from align.core.progress import Progress

BLOCK = 512  # rows per similarity block: 512 x 10k float32 = 20 MB (x ~15 tokens a row for coverage)


@dataclass
class MiningSides:
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
    def build(cls, zh_texts: list[str], en_texts: list[str], fast: bool, report: Progress) -> MiningSides:
        report("reading", 0, len(zh_texts) + len(en_texts))
        prepared = prepare(zh_texts, en_texts, fast=fast, progress=report, windows=1)
        zt, et = prepared.zh.tokens, prepared.en.tokens
        zh_vec = en_vec = None
        if not fast:
            zh_vec, en_vec = prepared.zh.windows[0].astype(np.float32), prepared.en.windows[0].astype(np.float32)
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
            fast=fast, zh_vec=zh_vec, en_vec=en_vec, zh_sums=prepared.zh_sums, en_sums=prepared.en_sums,
            zh_tokens=[[frozenset(map(int, ids)) for ids in tokens] for tokens in zt.tokens],
            en_lemmas=[frozenset(map(int, ids)) for ids in et.lemmas],
            zh_numbers=[frozenset(number_tokens(t, "zh")) for t in zh_texts],
            en_numbers=[frozenset(number_tokens(t, "en")) for t in en_texts],
            zh_len=prepared.zh.lengths, en_len=prepared.en.lengths,
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
        return fraction(hits, zh_count[:, None]), fraction(en_hits, en_count[None, :])

    def pair_similarity(self, zh_ids: tuple[int, ...], en_ids: tuple[int, ...]) -> float:
        """Similarity of two spans of adjacent sentences (joined texts)."""
        if not self.fast:
            zs, zc = self.zh_sums.span(zh_ids[0], zh_ids[-1] + 1)
            es, ec = self.en_sums.span(en_ids[0], en_ids[-1] + 1)
            v = embeddings.finish(np.stack([zs, es]).astype(np.float32), np.asarray([zc, ec], np.float32))
            cz, ce = self.coverage(zh_ids, en_ids)
            return (float(v[0] @ v[1]) + (cz + ce) / 2) / 2
        cz, ce = self.coverage(zh_ids, en_ids)
        return (cz + ce) / 2

    def coverage(self, zh_ids, en_ids) -> tuple[float, float]:
        lemmas = frozenset().union(*(self.en_lemmas[j] for j in en_ids))
        return span_coverage([tok for i in zh_ids for tok in self.zh_tokens[i]], lemmas)
