"""The aligner: ``align(zh_doc, en_doc) -> Bitext``.

Signals (one module each): ``length``, ``lexicon``/``cedict``/``coverage``
(CC-CEDICT with every homograph, rjieba words, simplemma lemmas), ``numbers_signal``,
``names`` (pypinyin), ``cues`` (dialogue quotes), ``embeddings`` (USE
multilingual v3 window embeddings from summed token features). ``search``
finds the best monotonic bead path in a band around anchors; ``paragraphs``
aligns paragraphs first when both sides have them; ``confidence`` turns bead
features into a calibrated probability. Weights are learned on MAC-Dev
(``bench/fit_aligner.py``) and stored in ``data/model.json``.

>>> from align import read_document, align
>>> bitext = align(read_document("a.zh.txt"), read_document("a.en.txt"))
>>> bitext.beads[0].confidence, bitext.document_score
"""

from __future__ import annotations

import re
import warnings
from typing import Callable

import numpy as np

from ..bitext import Bitext
from ..document import Document
from ..errors import InputError, UsageError
from . import model as _model
from .confidence import confidence_inputs, predict
from .features import NAMES
from .pipeline import Pair, Sides, prepare, subset

__all__ = ["align", "AlignmentWarning", "ALIGNER_VERSION", "NOT_A_TRANSLATION"]

ALIGNER_VERSION = "0.1.0"
NOT_A_TRANSLATION = 0.25  # document scores below this: the documents do not look like translations

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


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
    done, total)`` is called as work advances. ``glossary`` is accepted for
    the API but not yet used as a signal.
    """
    if settings:
        raise UsageError(f"unknown alignment setting(s): {', '.join(sorted(settings))}")
    if paragraphs not in ("auto", True, False):
        raise UsageError("paragraphs must be 'auto', True or False")
    _check_inputs(zh_doc, en_doc)
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
    sides = prepare(zh_texts, en_texts, fast=fast, progress=None if fast else embedded)
    groups = _groups(zh_doc, en_doc, sides, paragraphs)
    used_paragraphs = len(groups) > 1
    report("aligning", 0, len(groups))
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    rows_all, scores_all = [], []
    for k, (zs, es) in enumerate(groups):
        z0 = zs[0] if zs else 0
        e0 = es[0] if es else 0
        zsub = subset(sides.zh, z0, z0 + len(zs))
        esub = subset(sides.en, e0, e0 + len(es))
        beads, rows, scores = Pair(zsub, esub).align(weights)
        for i0, i1, j0, j1 in beads:
            pairs.append((tuple(range(z0 + i0, z0 + i1)), tuple(range(e0 + j0, e0 + j1))))
        rows_all.append(rows)
        scores_all.append(scores)
        report("aligning", k + 1, len(groups))
    rows = np.vstack(rows_all) if rows_all else np.zeros((0, len(NAMES)))
    scores = np.concatenate(scores_all) if scores_all else np.zeros(0)
    if conf_model:
        confidence = predict(conf_model["coef"], confidence_inputs(rows, scores))
    else:
        confidence = np.full(len(pairs), np.nan)
    items = []
    for (zi, ei), row, conf in zip(pairs, rows, confidence):
        items.append((zi, ei, None if np.isnan(conf) else round(float(conf), 4), _reasons(zh_doc, en_doc, zi, ei, row)))
    document_score = _document_score(items, len(zh_texts) + len(en_texts))
    if document_score is not None and document_score < NOT_A_TRANSLATION:
        warnings.warn(
            f"{zh_doc.name} and {en_doc.name} do not look like translations of each other "
            f"(document score {document_score:.2f}); check the pairing",
            AlignmentWarning,
            stacklevel=2,
        )
    signature = _signature(mode, used_paragraphs, glossary)
    return Bitext.from_documents(zh_doc, en_doc, items, signature=signature, document_score=document_score)


def _check_inputs(zh_doc: Document, en_doc: Document) -> None:
    for doc, want in ((zh_doc, "zh"), (en_doc, "en")):
        if not isinstance(doc, Document):
            raise InputError(f"expected a Document, got {type(doc).__name__}; use read_document() first")
        if not any(s.text.strip() for s in doc.sentences):
            raise InputError(f"{doc.name}: no text to align (the {'Chinese' if want == 'zh' else 'English'} side is empty)")
    zh_han = _share(zh_doc, _HAN)
    en_han = _share(en_doc, _HAN)
    if zh_doc.lang == en_doc.lang or (zh_han < 0.2 and en_han < 0.2) or (zh_han > 0.5 and en_han > 0.5):
        which = "Chinese" if zh_han > 0.5 and en_han > 0.5 else "English" if zh_han < 0.2 and en_han < 0.2 else zh_doc.lang
        raise InputError(f"{zh_doc.name} and {en_doc.name} are both {which}: give a Chinese and an English document")
    if zh_doc.lang != "zh" or en_doc.lang != "en" or (zh_han < 0.2 and en_han > 0.5):
        raise InputError(f"the Chinese document must come first: {zh_doc.name} is {zh_doc.lang}, {en_doc.name} is {en_doc.lang}")


def _share(doc: Document, pattern: re.Pattern) -> float:
    """Share of Han characters among Han + Latin letters in a sample of the text."""
    sample = "".join(s.text for s in doc.sentences[:400])[:20000]
    han = len(pattern.findall(sample))
    latin = len(_LATIN.findall(sample))
    return han / (han + latin) if han + latin else 0.0


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
    from .paragraphs import align_paragraphs

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
    from ..numbers import extract_numbers

    zn = {v for v in extract_numbers(zh_doc.join(zi), "zh") if v != 1}
    if zn and zn & {v for v in extract_numbers(en_doc.join(ei), "en")}:
        out.append("numbers")
    return tuple(out)


def _document_score(items, sentences: int) -> float | None:
    """Share of sentences in beads the model trusts: near 0 for unrelated documents."""
    if not sentences:
        return None
    known = [(c, len(z) + len(e)) for z, e, c, _ in items if c is not None]
    if not known:
        return None
    return round(sum(c * k for c, k in known if c) / sentences, 4)


def _signature(mode: str, used_paragraphs: bool, glossary) -> dict[str, str]:
    from .. import __version__
    from .cedict import load_cedict
    from .chinese import segmenter_name
    from .embeddings import MODEL_NAME, model_version

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
        signature["glossary"] = "unused"
    return signature


def signature_string(signature: dict[str, str]) -> str:
    return "|".join(f"{k}:{v}" for k, v in signature.items())
