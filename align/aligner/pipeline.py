"""From texts to beads: the material of both sides, then one or two search passes over aligned stretches.

``align()`` (``align.aligner``) wraps this with paragraphs, confidence and
checks; ``align.aligner.training`` uses ``prepare`` and ``StretchSearch`` to
learn the weights.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from align.aligner.lexicon.tokens import Vocabulary, en_tokens, zh_tokens
from align.aligner.resources import embeddings
from align.aligner.resources.cedict import load_cedict
from align.aligner.search.anchors import choose_band
from align.aligner.search.band import MAX_SIDE, Band
from align.aligner.search.path import path_band
from align.aligner.search.scoring import StretchSearch
from align.aligner.settings import AlignSettings
from align.aligner.signals import SideData
from align.aligner.signals.dialogue import dialogue_cues, quote_flags
from align.aligner.signals.length import char_lengths
from align.core.terms import TermSource

Progress = Callable[[str, int, int], None]
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


def side_data(texts: list[str], lang: str, windows, tokens) -> SideData:
    return SideData(char_lengths(texts, lang), quote_flags(texts, lang), windows, tokens, dialogue_cues(texts, lang))


def prepare(zh_texts: list[str], en_texts: list[str], *, fast: bool, progress: Progress | None = None,
            terms: TermSource | None = None, windows: int = MAX_SIDE) -> Sides:
    """Tokens, lengths, cues and (unless ``fast``) sentence embeddings of both sides, with window vectors of
    up to ``windows`` sentences. ``progress("embedding", done, total)`` follows the embedding."""
    vocab = Vocabulary(load_cedict())
    zt = zh_tokens(zh_texts, vocab)
    et = en_tokens(en_texts, vocab)
    if terms is not None:
        from align.aligner.lexicon.glossary_terms import add_terms

        add_terms(zt, et, zh_texts, en_texts, terms, vocab)
    zw = ew = zs = es = None
    if not fast:
        total = len(zh_texts) + len(en_texts)
        done = [0]

        def embedded(count: int) -> None:
            done[0] += count
            if progress:
                progress("embedding", done[0], total)

        zs = embeddings.sentence_sums(zh_texts, embedded)
        es = embeddings.sentence_sums(en_texts, embedded)
        zw = embeddings.window_vectors(zs, windows)
        ew = embeddings.window_vectors(es, windows)
    return Sides(side_data(zh_texts, "zh", zw, zt), side_data(en_texts, "en", ew, et), zs, es, vocab)


def reestimated(sides: Sides, beads: Beads) -> Sides:
    """Sides whose lexicon is extended with translations learned from ``beads`` (a first pass)."""
    from align.aligner.lexicon.reestimate import extend, learn_pairs

    if sides.zh.tokens is None or sides.vocab is None:
        return sides
    learned = learn_pairs(sides.zh.tokens, sides.en.tokens, beads)
    zt, et = extend(sides.zh.tokens, sides.en.tokens, learned, sides.vocab)
    return replace(sides, zh=replace(sides.zh, tokens=zt), en=replace(sides.en, tokens=et), learned=len(learned))


def align_groups(sides: Sides, groups: Groups, weights: np.ndarray, settings: AlignSettings,
                 tick: Callable[[int], None], earlier=None):
    """Align each group (a stretch of consecutive sentences on both sides).

    ``earlier`` (the paths of a first pass) narrows each search to a band
    around them. Returns the beads, their feature rows and scores per group,
    and each group's path.
    """
    pairs: Beads = []
    rows_all, scores_all, paths = [], [], []
    for k, (zs, es) in enumerate(groups):
        z0 = zs[0] if zs else 0
        e0 = es[0] if es else 0
        zsub = sides.zh.slice(z0, z0 + len(zs))
        esub = sides.en.slice(e0, e0 + len(es))
        if earlier is not None and len(zs) and len(es):
            band = path_band(len(zs), len(es), earlier[k], settings.second_pass_half_width)
        else:
            band = choose_band(zsub, esub, settings) if len(zs) and len(es) else Band.full(len(zs), len(es))
        beads, rows, scores = StretchSearch(zsub, esub, band, settings.bead_types).align(weights)
        paths.append(beads)
        for i0, i1, j0, j1 in beads:
            pairs.append((tuple(range(z0 + i0, z0 + i1)), tuple(range(e0 + j0, e0 + j1))))
        rows_all.append(rows)
        scores_all.append(scores)
        tick(k + 1)
    return pairs, rows_all, scores_all, paths
