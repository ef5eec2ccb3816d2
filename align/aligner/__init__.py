"""The aligner: ``align(zh_doc, en_doc) -> Bitext``.

Signals (``signals``: one module each, listed in ``signals.SIGNALS``) give
every candidate bead its features; ``search`` finds the best monotonic bead
path in a band (``search.anchors``) with the fitted weights (``model``);
``paragraphs`` aligns paragraphs first when both sides have them; a first pass
teaches a translation table to the lexicon (``lexicon.reestimate``) before the
final pass; ``confidence`` turns bead features and the contrast with nearby
beads (``contrast``) into a calibrated probability. Everything that steers
the search is one ``AlignSettings`` object, recorded in the signature.

>>> from align import read_document, align
>>> bitext = align(read_document("a.zh.txt"), read_document("a.en.txt"))
>>> bitext.beads[0].confidence, bitext.document_score
"""

from __future__ import annotations

import warnings

import numpy as np

from align.aligner.confidence import confidence_inputs, predict
from align.aligner.contrast import contrast_features
from align.aligner.lexicon.glossary_terms import shared_terms
from align.aligner.long import cuts
from align.aligner.model import Model, load_model
from align.aligner.pairing import check_document_pair, check_lengths
from align.aligner.paragraphs import agreed_groups, paragraph_groups
from align.aligner.pipeline import Progress, align_groups, prepare, reestimated
from align.aligner.same_text import mark_untranslated
from align.aligner.settings import AlignSettings
from align.aligner.signals import reasons
from align.aligner.signature import ALIGNER_VERSION, signature
from align.core.bitext import Bitext
from align.core.document import Document
from align.core.errors import AlignmentWarning, UsageError
from align.core.numbers import extract_numbers
from align.core.terms import TermSource

__all__ = ["align", "AlignSettings", "AlignmentWarning", "ALIGNER_VERSION", "signature"]



def align(
    zh_doc: Document,
    en_doc: Document,
    *,
    settings: AlignSettings | None = None,
    fast: bool | None = None,
    paragraphs: str | bool | None = None,
    glossary: TermSource | None = None,
    progress: Progress | None = None,
    allow_mismatch: bool = False,
    model: Model | None = None,
    declared: tuple[str, ...] = (),
    **changes,
) -> Bitext:
    """Align a Chinese and an English Document into beads with calibrated confidence.

    ``settings`` (``AlignSettings``) steers the search; ``fast``, ``paragraphs``
    and any other setting given by name override it (``fast=True``: no sentence
    embeddings; ``paragraphs``: "auto", "yes"/True, "no"/False). ``glossary``: a
    term source such as ``glossary.TermBase`` whose terms count as lexical
    evidence. ``progress(stage, done, total)`` is called as work advances.
    Documents whose lengths differ more than ten times from a translation's
    are refused (``bitext mine`` is for those) unless ``allow_mismatch``.
    ``model`` replaces the shipped model (leave-one-out benches align each
    chapter with a model fitted without it); its hash goes into the signature.
    ``declared`` ("zh", "en"): sides whose language the caller vouches for, not
    second-guessed from their characters (a Chinese manual full of shell commands).
    """
    settings = _settings(settings, fast, paragraphs, changes)
    if glossary is not None and not isinstance(glossary, TermSource):
        raise UsageError("glossary must be a term base (glossary.TermBase.read(path)), not "
                         f"{type(glossary).__name__}")
    # The matrices here are small: multi-threaded BLAS spends more time waking and spinning
    # threads than computing (MAC-Dev: 39 s wall with 2 BLAS threads, 11 s with one).
    from threadpoolctl import threadpool_limits

    check_document_pair(zh_doc, en_doc, "align", declared)
    if not allow_mismatch:
        check_lengths(zh_doc, en_doc)
    with threadpool_limits(limits=1, user_api="blas"):
        return _align(zh_doc, en_doc, settings, glossary, progress or (lambda stage, done, total: None), model or load_model())


def _settings(settings, fast, paragraphs, changes) -> AlignSettings:
    settings = settings or AlignSettings()
    if fast is not None:
        changes["fast"] = bool(fast)
    if paragraphs is not None:
        changes["paragraphs"] = {True: "yes", False: "no"}.get(paragraphs, paragraphs)
    return settings.with_(**changes) if changes else settings


def _align(zh_doc: Document, en_doc: Document, settings: AlignSettings, terms: TermSource | None, report: Progress,
           model: Model) -> Bitext:
    if len(zh_doc) + len(en_doc) > settings.chunk_above:
        items, document_score, details = _in_chunks(zh_doc, en_doc, settings, terms, report, model)
    else:
        items, document_score, details = _aligned(zh_doc, en_doc, settings, terms, report, model)
    if document_score is not None and document_score < settings.document_threshold:
        warnings.warn(
            f"{zh_doc.name} and {en_doc.name} do not look like translations of each other "
            f"(document score {document_score:.2f}); check the pairing",
            AlignmentWarning,
            stacklevel=3,
        )
    items = mark_untranslated(items, zh_doc, en_doc)  # a site's menu and copyright on both pages: not a translation
    return Bitext.from_documents(zh_doc, en_doc, items, signature=signature(settings, terms=terms, model=model).to_dict(),
                                 document_score=document_score, details=details)


def _in_chunks(zh_doc: Document, en_doc: Document, settings: AlignSettings, terms: TermSource | None, report: Progress,
               model: Model):
    """A long pair as consecutive chunks cut where both sides clearly correspond (``long``): flat memory."""
    bounds = [(0, 0), *cuts(zh_doc, en_doc, settings), (len(zh_doc), len(en_doc))]
    items, covered = [], 0.0
    for (z0, e0), (z1, e1) in zip(bounds[:-1], bounds[1:]):
        part, score, _ = _aligned(zh_doc.slice(z0, z1), en_doc.slice(e0, e1), settings, terms, report, model)
        items.extend((tuple(z0 + i for i in zi), tuple(e0 + j for j in ei), conf, codes) for zi, ei, conf, codes in part)
        covered += (score or 0.0) * (z1 - z0 + e1 - e0)
    document_score = round(covered / (len(zh_doc) + len(en_doc)), 4)
    return items, document_score, {"paragraphs-used": "no", "chunks": str(len(bounds) - 1)}


def _aligned(zh_doc: Document, en_doc: Document, settings: AlignSettings, terms: TermSource | None, report: Progress,
             model: Model):
    """Beads (zh ids, en ids, confidence, reasons), the document score and the alignment's details."""
    mode = settings.mode
    zh_texts, en_texts = zh_doc.texts(), en_doc.texts()
    total = len(zh_texts) + len(en_texts)
    report("reading", 0, total)
    sides = prepare(zh_texts, en_texts, fast=settings.fast, progress=report, terms=terms)
    groups, why_not = paragraph_groups(zh_doc, en_doc, sides, settings)
    dictionary_sides = sides  # contrast is measured with the dictionary alone: a table learned
    # from the pair itself would find "translations" between any two texts on one topic
    first_pass = model.first_pass_weights(mode) if settings.reestimate else None
    earlier = None
    details: dict[str, str] = {}
    if first_pass is not None or (len(groups) > 1 and settings.paragraphs == "auto"):
        # a first pass over the whole documents: paragraph boundaries it does not pass through are dropped,
        # so sentences can cross a paragraph boundary the two sides do not share
        report("first pass", 0, 1)
        whole = [(list(range(len(zh_texts))), list(range(len(en_texts))))]
        weights = first_pass if first_pass is not None else model.search_weights(mode)
        pairs, _, _, earlier = align_groups(sides, whole, weights, settings, lambda k: report("first pass", k, 1))
        if len(groups) > 1 and settings.paragraphs == "auto":  # "yes": the user vouches for every boundary
            groups, kept = agreed_groups(groups, earlier)
            details["paragraph-boundaries-kept"] = kept
            if len(groups) == 1:
                why_not = "no paragraph boundary lies on the sentence alignment: the paragraphs do not correspond"
        if first_pass is not None:
            sides = reestimated(sides, pairs)
    pairs, rows, scores, _ = align_groups(sides, groups, model.search_weights(mode), settings,
                                          lambda k: report("aligning", k, 1), earlier)
    contrast = contrast_features(dictionary_sides, pairs)
    distinct = contrast[:, 0 if mode == "embed" else 1]
    document_score = _document_score(pairs, distinct, total, settings.contrast_min)
    translation = document_score is None or document_score >= settings.document_threshold
    confidence = predict(model.confidence_coef(mode), confidence_inputs(rows, scores, contrast))
    if not translation:
        confidence = np.where(distinct >= settings.genuine_contrast, confidence, np.minimum(confidence, 0.5))
    items = []
    for (zi, ei), row, conf in zip(pairs, rows, confidence):
        codes = _reasons(zh_doc, en_doc, zi, ei, row)
        if terms is not None and zi and ei and shared_terms(terms, zh_doc.join(zi), en_doc.join(ei)):
            codes += ("glossary",)
        items.append((zi, ei, round(float(conf), 4), codes))
    details["paragraphs-used"] = "yes" if len(groups) > 1 else "no"
    if why_not:
        details["paragraphs-not-used"] = why_not
    if first_pass is not None:
        details["reestimated-words"] = str(sides.learned)
    return items, document_score, details


def _reasons(zh_doc, en_doc, zi, ei, row) -> tuple[str, ...]:
    if not zi or not ei:
        return ("omission",)
    out = reasons(row)
    if len(zi) > 1 or len(ei) > 1:
        out.append("merge")
    zn = {v for v in extract_numbers(zh_doc.join(zi), "zh") if v != 1}
    if zn and zn & set(extract_numbers(en_doc.join(ei), "en")):
        out.append("numbers")
    return tuple(out)


def _document_score(pairs, distinct: np.ndarray, sentences: int, contrast_min: float) -> float | None:
    """Share of sentences in beads that match each other clearly better than they match nearby beads.

    Near 0 for two unrelated or merely comparable documents, high for a translation.
    """
    if not sentences:
        return None
    covered = sum(len(z) + len(e) for (z, e), d in zip(pairs, distinct) if z and e and d > contrast_min)
    return round(covered / sentences, 4)
