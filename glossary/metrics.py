"""BLEU, chrF and TER (sacrebleu) of a bitext's English against a reference translation of the same Chinese.

>>> scores = score_reference(machine_bitext, human_bitext)
>>> scores.bleu, scores.chrf, scores.ter, scores.signatures["BLEU"]

Segments are paired on the Chinese side, so the two bitexts need not be cut alike:

- ``chinese-text``: both hold the same Chinese (matching keys equal once concatenated). The
  Chinese is cut wherever *both* bitexts have a bead boundary, and the English of each
  piece is compared; with identical bead boundaries this is pairing by position, and a
  bead that one bitext splits in two is scored as one segment, not dropped.
- ``chinese-key``: otherwise each hypothesis bead takes the next unused reference bead whose
  Chinese has the same matching key (traditional/simplified, width and quotes unified);
  beads without a partner are counted, not scored.

Scores are sacrebleu's corpus scores with its default English settings (BLEU tok 13a,
chrF n=6, TER tercom), reported with sacrebleu's signature strings.
"""

from __future__ import annotations

import bisect
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from align.core.bitext import Bitext
from align.core.errors import InputError
from align.core.normalize import matching_key
from glossary.rows import bead_rows

WORST = 5


@dataclass(frozen=True)
class Segment:
    hypothesis_id: str
    reference_id: str
    zh: str
    hypothesis: str
    reference: str


@dataclass
class Pairing:
    method: str  # chinese-text or chinese-key
    segments: list[Segment]
    hypothesis_beads: int
    reference_beads: int
    hypothesis_unpaired: int = 0
    reference_unpaired: int = 0


@dataclass
class ReferenceScores:
    bleu: float
    chrf: float
    ter: float
    signatures: dict[str, str]  # metric name → sacrebleu signature
    method: str
    paired: int
    hypothesis_beads: int
    reference_beads: int
    hypothesis_unpaired: int
    reference_unpaired: int
    worst: list[dict] = field(default_factory=list)  # lowest sentence chrF first

    def to_dict(self) -> dict:
        return {
            "BLEU": round(self.bleu, 2),
            "chrF": round(self.chrf, 2),
            "TER": round(self.ter, 2),
            "signatures": self.signatures,
            "pairing": self.method,
            "paired": self.paired,
            "hypothesis_beads": self.hypothesis_beads,
            "reference_beads": self.reference_beads,
            "hypothesis_unpaired": self.hypothesis_unpaired,
            "reference_unpaired": self.reference_unpaired,
            "worst": self.worst,
        }


def _rows(bitexts: Sequence[Bitext]) -> list[tuple[str, str, str]]:
    return bead_rows(list(bitexts))


def _compact_key(text: str) -> str:
    return "".join(matching_key(text, "zh").split())


def _by_shared_cuts(hyp: list[tuple[str, str, str]], ref: list[tuple[str, str, str]]) -> list[Segment]:
    def offsets(rows):
        starts, position = [], 0
        for _, zh, _ in rows:
            starts.append(position)
            position += len(_compact_key(zh))
        return starts, position

    hyp_starts, total = offsets(hyp)
    ref_starts, _ = offsets(ref)
    cuts = sorted((set(hyp_starts) & set(ref_starts)) | {0})
    units = len(cuts)

    def gather(rows, starts):
        pieces: list[list[tuple[str, str, str]]] = [[] for _ in range(units)]
        for row, start in zip(rows, starts):
            unit = bisect.bisect_right(cuts, start) - 1
            pieces[min(unit, units - 1)].append(row)
        return pieces

    hyp_units, ref_units = gather(hyp, hyp_starts), gather(ref, ref_starts)
    segments = []
    for h_rows, r_rows in zip(hyp_units, ref_units):
        if not h_rows and not r_rows:
            continue
        segments.append(Segment(_span(h_rows), _span(r_rows), "".join(r[1] for r in h_rows),
                                _join(r[2] for r in h_rows), _join(r[2] for r in r_rows)))
    return segments


def _span(rows) -> str:
    if not rows:
        return ""
    return rows[0][0] if len(rows) == 1 else f"{rows[0][0]}-{rows[-1][0]}"


def _join(texts: Iterable[str]) -> str:
    return " ".join(t.strip() for t in texts if t.strip())


def pair_segments(hypothesis: Bitext | Sequence[Bitext], reference: Bitext) -> Pairing:
    """Pair the hypothesis's beads with the reference's on the Chinese side (see the module docstring)."""
    hyp = _rows([hypothesis] if isinstance(hypothesis, Bitext) else list(hypothesis))
    ref = _rows([reference])
    if not hyp or not ref:
        raise InputError("the bitext or the reference has no beads to score")
    hyp_text = "".join(_compact_key(r[1]) for r in hyp)
    ref_text = "".join(_compact_key(r[1]) for r in ref)
    if not ref_text:
        raise InputError("the reference has no Chinese side to pair its segments with")
    if hyp_text == ref_text:
        return Pairing("chinese-text", _by_shared_cuts(hyp, ref), len(hyp), len(ref))
    waiting: dict[str, deque] = defaultdict(deque)
    for row in ref:
        key = matching_key(row[1], "zh")
        if key:
            waiting[key].append(row)
    segments, unpaired = [], 0
    for bead_id, zh, en in hyp:
        key = matching_key(zh, "zh")
        if key and waiting.get(key):
            partner = waiting[key].popleft()
            segments.append(Segment(bead_id, partner[0], zh, en.strip(), partner[2].strip()))
        else:
            unpaired += 1
    return Pairing("chinese-key", segments, len(hyp), len(ref), unpaired, len(ref) - len(segments))


def score_reference(hypothesis: Bitext | Sequence[Bitext], reference: Bitext) -> ReferenceScores:
    """Corpus BLEU, chrF and TER of the hypothesis's English against the reference's English."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    pairing = pair_segments(hypothesis, reference)
    scored = [s for s in pairing.segments if s.hypothesis or s.reference]
    if not scored:
        raise InputError("no segment of the bitext has the same Chinese as a segment of the reference")
    hyps = [s.hypothesis for s in scored]
    refs = [[s.reference for s in scored]]
    metrics = {"BLEU": BLEU(), "chrF": CHRF(), "TER": TER()}
    results = {name: metric.corpus_score(hyps, refs) for name, metric in metrics.items()}
    sentence_chrf = CHRF()
    ranked = sorted(
        ((sentence_chrf.sentence_score(s.hypothesis, [s.reference]).score, s) for s in scored),
        key=lambda pair: pair[0],
    )
    worst = [
        {"chrF": round(score, 1), "bead": s.hypothesis_id, "reference_bead": s.reference_id,
         "zh": s.zh, "hypothesis": s.hypothesis, "reference": s.reference}
        for score, s in ranked[:WORST] if score < 100
    ]
    return ReferenceScores(
        bleu=results["BLEU"].score,
        chrf=results["chrF"].score,
        ter=results["TER"].score,
        signatures={name: str(metric.get_signature()) for name, metric in metrics.items()},
        method=pairing.method,
        paired=len(scored),
        hypothesis_beads=pairing.hypothesis_beads,
        reference_beads=pairing.reference_beads,
        hypothesis_unpaired=pairing.hypothesis_unpaired,
        reference_unpaired=pairing.reference_unpaired,
        worst=worst,
    )
