"""From profiles to pairs: candidates, features, score, one-to-one assignment, verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from align.core.progress import Progress
from align.job.pairing import model as pairing_model
from align.job.pairing.candidates import document_matrix, idf_weights, neighbours
from align.job.pairing.features import DOCUMENT, FEATURES, SENTENCE, document_features
from align.job.pairing.profiles import Profile
from align.job.pairing.verify import SampleVectors, sentence_evidence


@dataclass
class DocumentPair:
    """A Chinese document, the English document it was paired with, how sure, and why."""

    zh_name: str
    en_name: str
    score: float  # 0..1: ~1 translation, ~0.5 comparable, ~0 unrelated
    verdict: str  # "translation", "comparable" or "unrelated"
    zh_path: Path | None = None
    en_path: Path | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def paired(self) -> bool:
        """True unless the verdict is ``unrelated``."""
        return self.verdict != "unrelated"

    def to_dict(self) -> dict[str, Any]:
        return {"zh": str(self.zh_path or self.zh_name), "en": str(self.en_path or self.en_name), "score": self.score,
                "verdict": self.verdict, "evidence": self.evidence}


@dataclass
class Candidates:
    """Every candidate pair (indices into the two profile lists) and its features (columns: ``FEATURES``)."""

    pairs: np.ndarray  # (m, 2)
    features: np.ndarray  # (m, len(FEATURES))


def candidates(zh: list[Profile], en: list[Profile], size: int, fast: bool, length_ratio: float,
               progress: Progress | None = None) -> Candidates:
    """The best few English documents of every Chinese one and the reverse, with their features."""
    report = progress or (lambda stage, done, total: None)
    idf = idf_weights(zh, en, size)
    zh_matrix, en_matrix = document_matrix(zh, idf), document_matrix(en, idf)
    near = neighbours(zh_matrix, en_matrix, progress=report)
    pairs = near.pairs()
    features = np.zeros((len(pairs), len(FEATURES)))
    features[:, :len(DOCUMENT)] = document_features(pairs, zh, en, zh_matrix, en_matrix, near, length_ratio)
    vectors = SampleVectors(idf, fast)
    step = max(1, len(pairs) // 100)
    for k, (i, j) in enumerate(pairs):
        evidence = sentence_evidence(zh[int(i)], en[int(j)], vectors)
        features[k, len(DOCUMENT):] = [evidence[name] for name in SENTENCE]
        if k % step == 0 or k == len(pairs) - 1:
            report("checking sentences", k + 1, len(pairs))
    return Candidates(pairs, features)


def one_to_one(pairs: np.ndarray, scores: np.ndarray) -> list[int]:
    """Competitive linking: the best-scoring pair first, each document used once. Indices into ``pairs``."""
    used_zh: set[int] = set()
    used_en: set[int] = set()
    chosen = []
    for k in np.argsort(-scores, kind="stable").tolist():
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        if i in used_zh or j in used_en:
            continue
        used_zh.add(i)
        used_en.add(j)
        chosen.append(k)
    return chosen


def pair_profiles(zh: list[Profile], en: list[Profile], size: int, *, fast: bool = False,
                  progress: Progress | None = None, model: dict | None = None,
                  key_name=None) -> list[DocumentPair]:
    """Pairs of profiles (see ``align.job.pairing.pair_documents``), best score first.

    ``size`` is the id space (``Profiler.size``); ``key_name(id)`` spells a name or number key for the evidence.
    """
    mode = "fast" if fast else "embed"
    part = (model or pairing_model.load_model())[mode]
    if not zh or not en:
        return []
    found = candidates(zh, en, size, fast, part["length_ratio"], progress)
    related, translation = pairing_model.probabilities(part, found.features)
    scores = pairing_model.score(related, translation)
    chosen = one_to_one(found.pairs, scores)
    labels = pairing_model.verdicts(scores[chosen], part["thresholds"])
    out = []
    for k, verdict in zip(chosen, labels):
        i, j = int(found.pairs[k, 0]), int(found.pairs[k, 1])
        evidence = _evidence(found.features[k], related[k], translation[k], zh[i], en[j], key_name)
        out.append(DocumentPair(zh[i].name, en[j].name, round(float(scores[k]), 4), verdict, zh[i].path, en[j].path, evidence))
    return out


def _evidence(row: np.ndarray, related: float, translation: float, zh: Profile, en: Profile, key_name) -> dict[str, Any]:
    values = dict(zip(FEATURES, row.tolist()))
    evidence: dict[str, Any] = {
        "p_related": round(float(related), 4),
        "p_translation": round(float(translation), 4),
        "cosine": round(values["cosine"], 4),
        "margin": round(float(np.exp(values["log_margin"])), 3),
        "mutual_best": bool(values["zh_best"] and values["en_best"]),
        "length_ratio": round(max(en.length, 1) / max(zh.length, 1), 3),
        "sentences": [zh.sentences, en.sentences],
        "sentence_chain": round(values["chain"], 3),
        "sentence_crossing": round(values["crossing"], 3),
        "sentence_coverage": round(values["coverage"], 3),
    }
    if key_name is not None:
        evidence["shared_names"] = sorted(key_name(k)[1:] for k in zh.names & en.names)[:8]
        evidence["shared_numbers"] = sorted((key_name(k)[1:] for k in zh.numbers & en.numbers), key=_number_order)[:8]
    return evidence


def _number_order(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("inf")
