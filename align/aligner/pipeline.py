"""From texts to beads: the material of both sides, then one or two search passes over aligned stretches.

``align()`` (``align.aligner``) wraps this with paragraphs, confidence and
checks; ``align.aligner.training`` uses ``prepare`` and ``StretchSearch`` to
learn the weights.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from align.aligner.lexicon.tokens import Vocabulary, en_tokens, zh_tokens
from align.aligner.resources import embeddings
from align.aligner.resources.cedict import load_cedict
from align.aligner.search.anchors import choose_band
from align.aligner.search.band import MAX_SIDE, Band
from align.aligner.search.band import Groups as BandGroups
from align.aligner.search.path import path_band
from align.aligner.search.scoring import StretchSearch
from align.aligner.settings import AlignSettings
from align.aligner.signals import SideData
from align.aligner.signals.dialogue import dialogue_cues, quote_flags
from align.aligner.signals.length import char_lengths
from align.core.progress import Progress
from align.core.terms import TermSource

Groups = list[tuple[list[int], list[int]]]
Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


@dataclass
class Sides:
    zh: SideData
    en: SideData
    zh_sums: object = None  # embeddings.SentenceSums, kept for paragraph vectors and contrast
    en_sums: object = None
    vocab: Vocabulary | None = None  # extended by re-estimation
    learned: int = 0  # words given translations by re-estimation


def side_data(texts: list[str], lang: str, windows, tokens, sums) -> SideData:
    return SideData(char_lengths(texts, lang), quote_flags(texts, lang), windows, tokens, dialogue_cues(texts, lang), sums)


def prepare(zh_texts: list[str], en_texts: list[str], *, fast: bool, progress: Progress | None = None,
            terms: TermSource | None = None, windows: int = MAX_SIDE) -> Sides:
    """Tokens, lengths, cues and (unless ``fast``) sentence embeddings of both sides, with window vectors of
    up to ``windows`` sentences. ``progress("embedding", done, total)`` follows the embedding.

    The embeddings of each side are computed in threads of their own while this one tokenises: the
    network's matrix products release the interpreter lock, so the sides run on separate cores
    (``embeddings.threads()``; a batch running one process per core asks for one).
    """
    if fast:
        vocab, zt, et = _tokens(zh_texts, en_texts, terms)
        zs = es = zw = ew = None
    else:
        from concurrent.futures import ThreadPoolExecutor

        counter = _EmbeddingProgress(len(zh_texts) + len(en_texts), progress)
        with ThreadPoolExecutor(max_workers=embeddings.threads(), thread_name_prefix="bitext-embed") as pool:
            zh_job = pool.submit(_embed, zh_texts, windows, counter)
            en_job = pool.submit(_embed, en_texts, windows, counter)
            vocab, zt, et = _tokens(zh_texts, en_texts, terms)
            (zs, zw), (es, ew) = zh_job.result(), en_job.result()
    return Sides(side_data(zh_texts, "zh", zw, zt, zs), side_data(en_texts, "en", ew, et, es), zs, es, vocab)


def _tokens(zh_texts: list[str], en_texts: list[str], terms: TermSource | None):
    vocab = Vocabulary(load_cedict())
    zt = zh_tokens(zh_texts, vocab)
    et = en_tokens(en_texts, vocab)
    if terms is not None:
        from align.aligner.lexicon.glossary_terms import add_terms

        add_terms(zt, et, zh_texts, en_texts, terms, vocab)
    return vocab, zt, et


class _EmbeddingProgress:
    def __init__(self, total: int, progress: Progress | None):
        self.total, self.progress, self.done = total, progress, 0
        self.lock = threading.Lock()

    def __call__(self, count: int) -> None:
        with self.lock:
            self.done += count
            if self.progress:
                self.progress("embedding", self.done, self.total)


def _embed(texts: list[str], windows: int, counter: _EmbeddingProgress):
    sums = embeddings.sentence_sums(texts, counter)
    return sums, embeddings.window_vectors(sums, windows)


def reestimated(sides: Sides, beads: Beads) -> Sides:
    """Sides whose lexicon is extended with translations learned from ``beads`` (a first pass)."""
    from align.aligner.lexicon.reestimate import extend, learn_pairs

    if sides.zh.tokens is None or sides.vocab is None:
        return sides
    learned = learn_pairs(sides.zh.tokens, sides.en.tokens, beads)
    zt, et = extend(sides.zh.tokens, sides.en.tokens, learned, sides.vocab)
    return replace(sides, zh=replace(sides.zh, tokens=zt), en=replace(sides.en, tokens=et), learned=len(learned))


def align_groups(sides: Sides, groups: Groups, weights: np.ndarray, settings: AlignSettings,
                 tick: Callable[[int], None], earlier: list | None = None):
    """Align both documents in one search whose band keeps each bead inside one group (aligned paragraphs).

    Within a group the band is the whole grid when it is small, else a band
    around anchors (``search.anchors``); with ``earlier`` (the path of a first
    pass) it is a band of ``second_pass_half_width`` around that path. Returns
    the beads, their feature rows and scores, and the path.
    """
    n, m = len(sides.zh), len(sides.en)
    spans = BandGroups(n, m, groups)
    local = []
    for g, ((z0, z1), (e0, e1)) in enumerate(zip(spans.rows, spans.cols)):
        rows, cols = int(z1 - z0), int(e1 - e0)
        if earlier is not None and rows and cols:
            inside = [(i0 - z0, i1 - z0, j0 - e0, j1 - e0) for i0, i1, j0, j1 in earlier
                      if z0 <= i0 and i1 <= z1 and e0 <= j0 and j1 <= e1 and (i1 > i0 or j1 > j0)]
            local.append(path_band(rows, cols, inside, settings.second_pass_half_width))
        elif (rows + 1) * (cols + 1) <= settings.full_grid_cells or not rows or not cols:
            local.append(Band.full(rows, cols))
        else:
            local.append(choose_band(sides.zh.slice(z0, z1), sides.en.slice(e0, e1), settings))
    band = Band.of_groups(n, m, spans, local) if len(groups) > 1 else local[0]
    path, rows, scores = StretchSearch(sides.zh, sides.en, band, settings.bead_types).align(weights)
    tick(1)
    pairs: Beads = [(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1 in path]
    return pairs, rows, scores, path
