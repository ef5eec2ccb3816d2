"""From two Documents to scored beads: signals, band, search, bead features.

``align`` in ``__init__`` wraps this with paragraphs, confidence and checks;
``bench/fit_aligner.py`` uses ``Pair`` directly to learn the weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.aligner import embeddings
from align.aligner.band import MAX_SIDE, Band
from align.aligner.coverage import Coverage
from align.aligner.features import BEAD_TYPES, NAMES, PairSignals, SideData, bead_features, side_data
from align.aligner.lexicon import Vocabulary, en_tokens, zh_tokens
from align.aligner.search import anchor_band, best_path, monotone_chain

FULL_GRID_CELLS = 30_000  # below this the band is the whole grid
LENGTH_HALF_WIDTH = 40
HALF_WIDTH = 30
CACHE_BYTES = 200_000_000  # keep a stretch's bead features between scoring and bead rows up to this


@dataclass
class Sides:
    zh: SideData
    en: SideData
    zh_sums: object = None  # embeddings.SentenceSums, kept for paragraph vectors
    en_sums: object = None
    vocab: object = None  # lexicon.Vocabulary, extended by re-estimation
    learned: int = 0  # words given translations by re-estimation


def prepare(zh_texts: list[str], en_texts: list[str], *, fast: bool, progress=None, glossary=None,
            zh_keys: list[str] | None = None, en_keys: list[str] | None = None) -> Sides:
    from align.aligner.cedict import load_cedict

    vocab = Vocabulary(load_cedict())
    zt = zh_tokens(zh_texts, vocab)
    et = en_tokens(en_texts, vocab)
    if glossary is not None:
        from align.aligner.glossary_signal import add_terms
        from align.core.normalize import matching_key

        add_terms(zt, et, zh_keys or [matching_key(t, "zh") for t in zh_texts],
                  en_keys or [matching_key(t, "en") for t in en_texts], glossary, vocab)
    zw = ew = zs = es = None
    if not fast:
        zs = embeddings.sentence_sums(zh_texts, progress)
        es = embeddings.sentence_sums(en_texts, progress)
        zw = embeddings.window_vectors(zs, MAX_SIDE)
        ew = embeddings.window_vectors(es, MAX_SIDE)
    return Sides(side_data(zh_texts, "zh", zw, zt), side_data(en_texts, "en", ew, et), zs, es, vocab)


def subset(side: SideData, start: int, stop: int) -> SideData:
    """Sentences start..stop-1 of a side (windows are recut so none reaches outside)."""
    windows = None
    if side.windows is not None:
        windows = []
        for k, w in enumerate(side.windows):
            part = w[start:stop].copy()
            part[: min(k, len(part))] = 0.0  # a window crossing the group start is not a bead
            windows.append(part)
    tokens = side.tokens
    if tokens is not None:
        if hasattr(tokens, "tokens"):
            tokens = type(tokens)(tokens.tokens[start:stop], _cut(tokens.words, start, stop), _cut(tokens.token_words, start, stop))
        else:
            tokens = type(tokens)(tokens.lemmas[start:stop], _cut(tokens.words, start, stop))
    cues = None if side.cues is None else side.cues[start:stop]
    return SideData(side.lengths[start:stop], side.quotes[start:stop], windows, tokens, cues)


def _cut(items, start, stop):
    return None if items is None else items[start:stop]


def reestimated(sides: Sides, beads) -> Sides:
    """Sides whose lexicon is extended with translations learned from ``beads`` (a first pass)."""
    from align.aligner.reestimate import extend, learn_pairs

    if sides.zh.tokens is None or sides.vocab is None:
        return sides
    learned = learn_pairs(sides.zh.tokens, sides.en.tokens, beads)
    zt, et = extend(sides.zh.tokens, sides.en.tokens, learned, sides.vocab)
    zh = SideData(sides.zh.lengths, sides.zh.quotes, sides.zh.windows, zt, sides.zh.cues)
    en = SideData(sides.en.lengths, sides.en.quotes, sides.en.windows, et, sides.en.cues)
    return Sides(zh, en, sides.zh_sums, sides.en_sums, sides.vocab, len(learned))


def choose_band(zh: SideData, en: SideData) -> Band:
    n, m = len(zh.lengths), len(en.lengths)
    if (n + 1) * (m + 1) <= FULL_GRID_CELLS:
        return Band.full(n, m)
    if zh.windows is not None:
        anchors = _anchors(zh.windows[0], en.windows[0], zh.lengths, en.lengths)
        return anchor_band(n, m, anchors, HALF_WIDTH)
    # no embeddings: follow the length diagonal with a wider band
    return anchor_band(n, m, _length_points(zh.lengths, en.lengths), max(LENGTH_HALF_WIDTH, max(n, m) // 12))


def _length_points(zl: np.ndarray, el: np.ndarray, step: int = 10) -> list[tuple[int, int]]:
    """Points (i, j) where the first i zh sentences and j en sentences cover the same share of text."""
    zc = np.cumsum(zl) / max(zl.sum(), 1.0)
    ec = np.cumsum(el) / max(el.sum(), 1.0)
    rows = np.arange(step, len(zl), step)
    return [(int(i), int(np.searchsorted(ec, zc[i - 1]))) for i in rows]


def _anchors(z1: np.ndarray, e1: np.ndarray, zl: np.ndarray, el: np.ndarray) -> list[tuple[int, int]]:
    """Mutually best single-sentence matches near the length diagonal, as a monotone chain."""
    n, m = len(z1), len(e1)
    zc = np.cumsum(zl) / max(zl.sum(), 1.0)
    ec = np.cumsum(el) / max(el.sum(), 1.0)
    centre = np.searchsorted(ec, zc)  # en sentence at the same relative position
    half = max(60, int(0.06 * max(n, m)))
    best_col = np.full(n, -1)
    best_val = np.full(n, -1.0)
    col_best = np.full(m, -1.0)
    col_arg = np.full(m, -1)
    for start in range(0, n, 32):  # 32 rows x ~1500 candidates x 512 floats: ~100 MB at most
        rows = np.arange(start, min(n, start + 32))
        lo = np.clip(centre[rows] - half, 0, max(0, m - 2 * half - 1))
        cols = lo[:, None] + np.arange(min(m, 2 * half + 1))[None, :]
        cols = np.clip(cols, 0, m - 1)
        sims = np.einsum("rd,rkd->rk", z1[rows], e1[cols])
        arg = sims.argmax(axis=1)
        best_col[rows] = cols[np.arange(len(rows)), arg]
        best_val[rows] = sims[np.arange(len(rows)), arg]
        for r, row in enumerate(rows):
            better = sims[r] > col_best[cols[r]]
            col_best[cols[r][better]] = sims[r][better]
            col_arg[cols[r][better]] = row
    pairs = [(i, int(best_col[i]), float(best_val[i])) for i in range(n)
             if best_val[i] > 0.5 and col_arg[best_col[i]] == i]
    # anchor (i, j) means the path passes through DP cell (i+1, j+1)
    return [(i + 1, j + 1) for i, j in monotone_chain(pairs)]


def weigh(weights: np.ndarray, F: np.ndarray) -> np.ndarray:
    """Bead scores w . f for every cell of a (D, rows, cols) feature block, in float64."""
    flat = np.ascontiguousarray(F).reshape(F.shape[0], -1)
    return (weights.astype(np.float32) @ flat).reshape(F.shape[1:]).astype(np.float64)


class Pair:
    """One zh/en stretch to align: band, signals and per-type features on demand."""

    def __init__(self, zh: SideData, en: SideData, band: Band | None = None):
        self.zh, self.en = zh, en
        self.band = band or choose_band(zh, en)
        lex = None
        if zh.tokens is not None and en.tokens is not None and self.band.n and self.band.m:
            lex = Coverage(zh.tokens, en.tokens, self.band)
        self.signals = PairSignals(zh, en, self.band, lex)
        self._cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def types(self) -> tuple[tuple[int, int], ...]:
        return BEAD_TYPES

    def features(self, t: int):
        """(D, n+1, W) features and validity of bead type t; kept when small enough to reuse."""
        cached = self._cache.get(t)
        if cached is not None:
            return cached
        a, b = BEAD_TYPES[t]
        found = bead_features(self.signals, a, b)
        if self.band.cells * len(NAMES) * len(BEAD_TYPES) * 4 <= CACHE_BYTES:
            self._cache[t] = found
        return found

    def scores(self, weights: np.ndarray) -> list[np.ndarray]:
        out = []
        for t in range(len(BEAD_TYPES)):
            F, valid = self.features(t)
            s = weigh(weights, F)
            s[~valid] = -1e18
            out.append(s)
        return out

    def align(self, weights: np.ndarray):
        """Beads (i0, i1, j0, j1), their feature rows (k, D) and scores (k,)."""
        n, m = self.band.n, self.band.m
        if n == 0 or m == 0:
            beads = [(i, i + 1, 0, 0) for i in range(n)] + [(0, 0, j, j + 1) for j in range(m)]
            rows = np.zeros((len(beads), len(NAMES)), np.float32)
            for r, (i0, i1, j0, j1) in enumerate(beads):
                rows[r, NAMES.index("type_10" if i1 > i0 else "type_01")] = 1.0
            return beads, rows, rows.astype(np.float64) @ weights
        path = best_path(self.band, BEAD_TYPES, self.scores(weights))
        return path, *self.bead_rows(path, weights)

    def bead_rows(self, path, weights):
        rows = np.zeros((len(path), len(NAMES)), np.float32)
        by_type: dict[int, list[int]] = {}
        for r, (i0, i1, j0, j1) in enumerate(path):
            by_type.setdefault(BEAD_TYPES.index((i1 - i0, j1 - j0)), []).append(r)
        lo = self.band.lo
        for t, members in by_type.items():
            F, _ = self.features(t)
            for r in members:
                i0, i1, j0, j1 = path[r]
                rows[r] = F[:, i1, j1 - lo[i1]]
        return rows, rows.astype(np.float64) @ weights
