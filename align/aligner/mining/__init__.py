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

import numpy as np

from align.aligner.mining.candidates import candidate_features, grown_features, pair_similarity
from align.aligner.mining.model import FEATURES, MODEL_PATH, load_model, probability
from align.aligner.mining.sides import MiningSides, Progress
from align.aligner.pairing import check_document_pair
from align.aligner.same_text import UNTRANSLATED, mark_untranslated
from align.aligner.settings import AlignSettings
from align.aligner.signature import signature
from align.core.bitext import Bitext
from align.core.document import Document
from align.core.errors import UsageError
from align.core.normalize import to_simplified

__all__ = ["mine", "FEATURES", "candidate_features", "MODEL_PATH"]

MERGE_GAIN = {"embed": 0.06, "fast": 0.08}  # a 1-2/2-1 must beat the 1-1 similarity by this much
MERGE_MIN = {"embed": 0.25, "fast": 0.15}  # and the added sentence must match on its own at least this much


def mine(zh_doc: Document, en_doc: Document, *, threshold: float = 0.5, fast: bool = False,
         progress: Progress | None = None, model: dict | None = None, declared: tuple[str, ...] = ()) -> Bitext:
    """Sentence pairs of two comparable documents that correspond, each with a calibrated confidence.

    Returns a Bitext of 1-1 beads (1-2/2-1 when adjacent sentences together
    match clearly better) ordered by Chinese sentence id, each sentence used at
    most once, confidence >= ``threshold``. ``fast=True`` uses dictionary
    coverage instead of sentence embeddings. ``progress(stage, done, total)``
    is called as work advances. ``model`` replaces the fitted coefficients
    (``bench/mining.py`` uses it for cross-validation). ``declared`` ("zh", "en"):
    sides whose language the caller vouches for (see ``align``).
    """
    if not 0.0 <= threshold <= 1.0:
        raise UsageError(f"threshold must be between 0 and 1, got {threshold}")
    check_document_pair(zh_doc, en_doc, "mine", declared)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):  # small matrices: threads only spin (see align())
        return _mine(zh_doc, en_doc, threshold, fast, progress, model)


def _mine(zh_doc, en_doc, threshold, fast, progress, model) -> Bitext:
    mode = "fast" if fast else "embed"
    report = progress or (lambda stage, done, total: None)
    model = model or load_model()
    coef = np.asarray(model[mode]["coef"], dtype=np.float64)
    zh_texts = zh_doc.texts()
    if zh_doc.script == "Hant":  # the dictionary and the embedding model both know simplified text best
        zh_texts = [to_simplified(t) for t in zh_texts]
    sides = MiningSides.build(zh_texts, en_doc.texts(), fast, report)
    candidates, feats = candidate_features(sides, report)
    confidence = probability(coef, feats) if len(feats) else np.zeros(0)
    chosen = _one_to_one(candidates, confidence, threshold)
    items = []
    used_zh = {i for i, _, _ in chosen}
    used_en = {j for _, j, _ in chosen}
    for i, j, k in chosen:
        zi, ej = _grow(sides, i, j, used_zh, used_en, mode)
        conf = float(confidence[k])
        reasons = _reasons(feats[k], mode)
        if len(zi) + len(ej) > 2:
            grown = float(probability(coef, grown_features(sides, zi, ej, feats[k])[None, :])[0])
            if grown >= threshold:
                conf, reasons = grown, reasons + ("merge",)
            else:  # the grown bead is not trusted: keep the plain pair and free the added sentence
                used_zh.difference_update(set(zi) - {i})
                used_en.difference_update(set(ej) - {j})
                zi, ej = (i,), (j,)
        items.append((zi, ej, round(conf, 4), reasons))
    # text found on both pages (a site's menu, its copyright line) is not a translation: below any threshold
    items = [item for item in mark_untranslated(items, zh_doc, en_doc) if not UNTRANSLATED & set(item[3])]
    items.sort(key=lambda item: item[0][0])
    covered = sum(len(z) + len(e) for z, e, _, _ in items)
    document_score = round(covered / max(1, len(zh_doc) + len(en_doc)), 4)
    return Bitext.from_documents(zh_doc, en_doc, items, signature=signature(AlignSettings(fast=fast), mining_threshold=threshold).to_dict(), document_score=document_score)


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


def _grow(sides: MiningSides, i: int, j: int, used_zh: set, used_en: set, mode: str):
    """A 1-1 pair becomes 1-2 or 2-1 when an adjacent unused sentence clearly improves the match."""
    base = pair_similarity(sides, i, j)
    best = ((i,), (j,))
    best_sim = base + MERGE_GAIN[mode]
    options = []
    for nb in (j - 1, j + 1):
        if 0 <= nb < sides.m and nb not in used_en and pair_similarity(sides, i, nb) >= MERGE_MIN[mode]:
            options.append(((i,), tuple(sorted((j, nb)))))
    for nb in (i - 1, i + 1):
        if 0 <= nb < sides.n and nb not in used_zh and pair_similarity(sides, nb, j) >= MERGE_MIN[mode]:
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


