"""The aligner: ``align(zh_doc, en_doc) -> Bitext``.

Signals (one module each): ``length``, ``lexicon``/``cedict``/``coverage``
(CC-CEDICT with every homograph, rjieba words, simplemma lemmas), ``reestimate``
(a table learned from the pair after a first pass), ``numbers_signal``, ``names``
(pypinyin), ``cues`` (dialogue quotes), ``glossary_signal`` (TermBase terms),
``embeddings`` (USE multilingual v3 window embeddings from summed token
features), ``contrast`` (a bead against its neighbours: confidence and the
document score). ``search``
finds the best monotonic bead path in a band around anchors; ``paragraphs``
aligns paragraphs first when both sides have them; ``confidence`` turns bead
features into a calibrated probability. Weights are learned on MAC-Dev
(``bench/fit_aligner.py``) and stored in ``data/model.json``.

>>> from align import read_document, align
>>> bitext = align(read_document("a.zh.txt"), read_document("a.en.txt"))
>>> bitext.beads[0].confidence, bitext.document_score
"""

from __future__ import annotations

import warnings
from typing import Callable

import numpy as np

from align.aligner import model as _model
from align.aligner.confidence import confidence_inputs, predict
from align.aligner.features import NAMES
from align.aligner.glossary_signal import shared_terms
from align.aligner.pairing import check_document_pair
from align.aligner.pipeline import Pair, Sides, prepare, reestimated, subset
from align.aligner.search import path_band
from align.core.bitext import Bitext
from align.core.document import Document
from align.core.errors import UsageError

__all__ = ["align", "AlignmentWarning", "ALIGNER_VERSION", "NOT_A_TRANSLATION"]

ALIGNER_VERSION = "0.1.0"
# Document score: the share of sentences in beads that clearly beat their neighbours (contrast
# above CONTRAST_MIN). Measured: MAC-Dev chapters 0.6-0.9 with embeddings, 0.4-0.7 without;
# seed 000 against seed 002 (same author and topic, not a translation) 0.14 / 0.11.
NOT_A_TRANSLATION = {"embed": 0.35, "fast": 0.25}
CONTRAST_MIN = 0.05
SECOND_PASS_HALF_WIDTH = 12  # the second pass moves boundaries, not the path: search near the first one
GENUINE_CONTRAST = 0.15  # in a pair that is not a translation, only beads this distinct keep a high confidence



class AlignmentWarning(UserWarning):
    """Something the user should know about an alignment that still ran."""


Progress = Callable[[str, int, int], None]


def align(
    zh_doc: Document,
    en_doc: Document,
    *,
    fast: bool = False,
    glossary=None,
    paragraphs: str | bool = "auto",
    progress: Progress | None = None,
    **settings,
) -> Bitext:
    """Align a Chinese and an English Document into beads with calibrated confidence.

    ``fast=True`` skips sentence embeddings (lexicon, length, numbers, names and
    cues only). ``paragraphs``: "auto" aligns paragraphs first when both
    documents have several, True forces it, False never. ``progress(stage,
    done, total)`` is called as work advances. ``glossary`` (a
    ``glossary.TermBase`` or a path to one) adds its terms as lexical evidence:
    a term and its rendering count as a dictionary match.
    """
    if settings:
        raise UsageError(f"unknown alignment setting(s): {', '.join(sorted(settings))}")
    # The matrices here are small: multi-threaded BLAS spends more time waking and spinning
    # threads than computing (MAC-Dev: 39 s wall with 2 BLAS threads, 11 s with one).
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a declared dependency
        return _align(zh_doc, en_doc, fast=fast, glossary=glossary, paragraphs=paragraphs, progress=progress)
    with threadpool_limits(limits=1, user_api="blas"):
        return _align(zh_doc, en_doc, fast=fast, glossary=glossary, paragraphs=paragraphs, progress=progress)


def _align(zh_doc, en_doc, *, fast, glossary, paragraphs, progress) -> Bitext:
    if paragraphs not in ("auto", True, False):
        raise UsageError("paragraphs must be 'auto', True or False")
    check_document_pair(zh_doc, en_doc, "align")
    mode = "fast" if fast else "embed"
    weights = _model.search_weights(mode)
    conf_model = _model.confidence_model(mode)
    zh_texts, en_texts = zh_doc.texts(), en_doc.texts()
    report = progress or (lambda stage, done, total: None)
    total = len(zh_texts) + len(en_texts)
    done = [0]

    def embedded(count: int) -> None:
        done[0] += count
        report("embedding", done[0], total)

    report("reading", 0, total)
    glossary = _termbase(glossary)
    sides = prepare(zh_texts, en_texts, fast=fast, progress=None if fast else embedded, glossary=glossary,
                    zh_keys=zh_doc.keys(), en_keys=en_doc.keys())
    groups = _groups(zh_doc, en_doc, sides, paragraphs)
    used_paragraphs = len(groups) > 1
    dictionary_sides = sides  # contrast is measured with the dictionary alone: a table learned
    # from the pair itself would find "translations" between any two texts on one topic
    first_pass = _model.first_pass_weights(mode)
    if first_pass is not None:
        report("first pass", 0, len(groups))
        pairs, _, _, earlier = _align_groups(sides, groups, first_pass, lambda k: report("first pass", k, len(groups)))
        sides = reestimated(sides, pairs)
    else:
        earlier = None
    pairs, rows_all, scores_all, _ = _align_groups(sides, groups, weights, lambda k: report("aligning", k, len(groups)), earlier)
    rows = np.vstack(rows_all) if rows_all else np.zeros((0, len(NAMES)))
    scores = np.concatenate(scores_all) if scores_all else np.zeros(0)
    from align.aligner.contrast import contrast_features

    contrast = contrast_features(dictionary_sides, pairs)
    distinct = contrast[:, 0 if mode == "embed" else 1]
    document_score = _document_score(pairs, distinct, len(zh_texts) + len(en_texts))
    translation = document_score is None or document_score >= NOT_A_TRANSLATION[mode]
    if conf_model:
        x = confidence_inputs(rows, scores, contrast)
        if len(conf_model["coef"]) != x.shape[1]:
            raise RuntimeError(f"{_model.MODEL_PATH} does not match these features; rerun bench/fit_aligner.py")
        confidence = predict(conf_model["coef"], x)
    else:
        confidence = np.full(len(pairs), np.nan)
    if not translation:
        confidence = np.where(distinct >= GENUINE_CONTRAST, confidence, np.minimum(confidence, 0.5))
    items = []
    for (zi, ei), row, conf in zip(pairs, rows, confidence):
        reasons = _reasons(zh_doc, en_doc, zi, ei, row)
        if glossary is not None and zi and ei and shared_terms(glossary, zh_doc.join(zi), en_doc.join(ei)):
            reasons += ("glossary",)
        items.append((zi, ei, None if np.isnan(conf) else round(float(conf), 4), reasons))
    if not translation:
        warnings.warn(
            f"{zh_doc.name} and {en_doc.name} do not look like translations of each other "
            f"(document score {document_score:.2f}); check the pairing",
            AlignmentWarning,
            stacklevel=3,
        )
    signature = _signature(mode, used_paragraphs, glossary)
    if first_pass is not None:
        signature["reestimated"] = str(sides.learned)
    return Bitext.from_documents(zh_doc, en_doc, items, signature=signature, document_score=document_score)


def _align_groups(sides: Sides, groups, weights, tick, earlier=None):
    """Align each group; ``earlier`` (the paths of a first pass) narrows the search to a band around them."""
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    rows_all, scores_all, paths = [], [], []
    for k, (zs, es) in enumerate(groups):
        z0 = zs[0] if zs else 0
        e0 = es[0] if es else 0
        zsub = subset(sides.zh, z0, z0 + len(zs))
        esub = subset(sides.en, e0, e0 + len(es))
        band = None
        if earlier is not None and len(zs) and len(es):
            band = path_band(len(zs), len(es), earlier[k], SECOND_PASS_HALF_WIDTH)
        beads, rows, scores = Pair(zsub, esub, band).align(weights)
        paths.append(beads)
        for i0, i1, j0, j1 in beads:
            pairs.append((tuple(range(z0 + i0, z0 + i1)), tuple(range(e0 + j0, e0 + j1))))
        rows_all.append(rows)
        scores_all.append(scores)
        tick(k + 1)
    return pairs, rows_all, scores_all, paths


def _termbase(glossary):
    """A glossary.TermBase from a TermBase or a path; None stays None."""
    import os

    if isinstance(glossary, (str, os.PathLike)):
        from glossary import TermBase

        return TermBase.read(glossary)
    return glossary


def _groups(zh_doc: Document, en_doc: Document, sides: Sides, paragraphs) -> list[tuple[list[int], list[int]]]:
    whole = [(list(range(len(zh_doc))), list(range(len(en_doc))))]
    zp = [list(p.sentence_ids) for p in zh_doc.paragraphs if p.sentence_ids]
    ep = [list(p.sentence_ids) for p in en_doc.paragraphs if p.sentence_ids]
    if paragraphs is False or len(zp) < 2 or len(ep) < 2:
        return whole
    if paragraphs == "auto" and (len(zp) > 0.8 * len(zh_doc) and len(ep) > 0.8 * len(en_doc)):
        return whole  # one sentence per paragraph: paragraphs add nothing
    if not _contiguous(zp, len(zh_doc)) or not _contiguous(ep, len(en_doc)):
        return whole
    from align.aligner.paragraphs import align_paragraphs

    found = align_paragraphs(sides.zh, sides.en, zp, ep, sides.zh_sums, sides.en_sums)
    if found is None:
        if paragraphs is True:
            warnings.warn("paragraphs do not correspond; aligned sentences over the whole documents", AlignmentWarning, stacklevel=3)
        return whole
    return found


def _contiguous(groups: list[list[int]], n: int) -> bool:
    flat = [s for g in groups for s in g]
    return flat == list(range(n))


def _reasons(zh_doc, en_doc, zi, ei, row) -> tuple[str, ...]:
    if not zi or not ei:
        return ("omission",)
    f = dict(zip(NAMES, row))
    out = []
    if f["cos"] >= 0.5:
        out.append("embedding")
    if (f["lex_zh"] + f["lex_en"]) / 2 >= 0.35:
        out.append("lexical")
    if f["len_abs"] <= 0.35:
        out.append("length")
    if len(zi) > 1 or len(ei) > 1:
        out.append("merge")
    from align.core.numbers import extract_numbers

    zn = {v for v in extract_numbers(zh_doc.join(zi), "zh") if v != 1}
    if zn and zn & {v for v in extract_numbers(en_doc.join(ei), "en")}:
        out.append("numbers")
    return tuple(out)


def _document_score(pairs, distinct: np.ndarray, sentences: int) -> float | None:
    """Share of sentences in beads that match each other clearly better than they match nearby beads.

    Near 0 for two unrelated or merely comparable documents, high for a translation.
    """
    if not sentences:
        return None
    covered = sum(len(z) + len(e) for (z, e), d in zip(pairs, distinct) if z and e and d > CONTRAST_MIN)
    return round(covered / sentences, 4)


def _signature(mode: str, used_paragraphs: bool, glossary) -> dict[str, str]:
    from align.aligner.cedict import load_cedict
    from align.aligner.chinese import segmenter_name
    from align.aligner.embeddings import MODEL_NAME, model_version
    from align.core.version import __version__

    signature = {
        "bitext": __version__,
        "aligner": ALIGNER_VERSION,
        "mode": mode,
        "model": _model.model_version(),
        "cedict": load_cedict().version,
        "segmenter": segmenter_name(),
        "paragraphs": "yes" if used_paragraphs else "no",
    }
    if mode == "embed":
        signature[MODEL_NAME] = model_version()
    if glossary is not None:
        name = getattr(glossary, "name", "") or "glossary"
        signature["glossary"] = f"{name}:{len(glossary)}"
    return signature


def signature_string(signature: dict[str, str]) -> str:
    return "|".join(f"{k}:{v}" for k, v in signature.items())
