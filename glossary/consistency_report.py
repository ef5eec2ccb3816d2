"""The parts of a consistency report: renderings, concepts, shared renderings, segment variations, rates.

Plain dataclasses with ``to_dict()``; ``glossary.consistency`` computes them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from align.core.signature import signature_text

EXAMPLES = 3  # example bead ids kept per rendering or variation


@dataclass
class Rendering:
    """One way a concept was rendered; ``of_concept`` names the other concept for ``other-concept``."""

    text: str
    kind: str
    count: int = 0
    examples: list[str] = field(default_factory=list)
    of_concept: str = ""

    def add(self, bead_id: str) -> None:
        self.count += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(bead_id)


@dataclass
class ConceptConsistency:
    concept: str  # id
    term: str  # preferred Chinese form
    approved: tuple[str, ...]
    beads: int = 0  # beads whose Chinese holds the concept
    occurrences: int = 0  # Chinese matches (a bead may hold it twice)
    forms: dict[str, int] = field(default_factory=dict)  # Chinese forms as written → count
    renderings: list[Rendering] = field(default_factory=list)

    @property
    def observations(self) -> int:
        return sum(r.count for r in self.renderings)

    @property
    def dominant(self) -> Rendering | None:
        rendered = [r for r in self.renderings if r.kind != "none"]
        return max(rendered, key=lambda r: r.count) if rendered else None

    @property
    def index(self) -> float | None:
        """Share of observations that use the dominant rendering (see the module docstring)."""
        dominant = self.dominant
        return None if dominant is None else dominant.count / self.observations

    @property
    def unrendered(self) -> int:
        return sum(r.count for r in self.renderings if r.kind == "none")

    def to_dict(self) -> dict:
        dominant = self.dominant
        return {
            "concept": self.concept,
            "term": self.term,
            "approved": list(self.approved),
            "beads": self.beads,
            "occurrences": self.occurrences,
            "forms": self.forms,
            "observations": self.observations,
            "index": _round(self.index),
            "dominant": dominant.text if dominant else None,
            "dominant_kind": dominant.kind if dominant else None,
            "renderings": [asdict(r) for r in self.renderings],
        }


@dataclass
class SharedRendering:
    """One English rendering used for several concepts; ``expected`` when the glossary accepts it for all."""

    text: str
    concepts: list[dict]  # {concept, term, kind, count, examples}
    expected: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SegmentVariation:
    """The same text on one side (``side``) with several texts on the other side."""

    side: str  # "zh": one Chinese, several English; "en": one English, several Chinese
    text: str  # the shared text as first written
    count: int  # beads
    variants: list[dict]  # {text, count, examples}

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Rate:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def to_dict(self) -> dict:
        return {"rate": _round(self.value), "count": self.hits, "of": self.total}


@dataclass
class ConsistencyReport:
    bitexts: list[str]
    beads: int
    signature: dict[str, str]  # how the report was made: the same for every run made the same way
    glossary: dict[str, str]  # the term base's identity (name, size, content hash); empty without one
    concepts: list[ConceptConsistency]
    shared: list[SharedRendering]
    segments: list[SegmentVariation]
    adherence: Rate
    numbers: Rate
    untranslated: Rate
    omitted: Rate
    han_in_target: int
    findings: dict[str, int]  # rule → count, from glossary.check
    reference: object | None = None  # glossary.metrics.ReferenceScores

    @property
    def index(self) -> float | None:
        """Corpus consistency index: dominant-rendering observations / all observations, over all concepts."""
        rendered = [c for c in self.concepts if c.dominant is not None]
        total = sum(c.observations for c in self.concepts)
        return sum(c.dominant.count for c in rendered) / total if total else None

    def summary(self) -> dict:
        return {
            "bitexts": len(self.bitexts),
            "beads": self.beads,
            "concepts found": len(self.concepts),
            "concepts with several renderings": sum(1 for c in self.concepts if sum(r.kind != "none" for r in c.renderings) > 1),
            "consistency index": _round(self.index),
            "glossary adherence": _round(self.adherence.value),
            "number agreement": _round(self.numbers.value),
            "untranslated": _round(self.untranslated.value),
            "omitted": _round(self.omitted.value),
            "shared renderings": sum(1 for s in self.shared if not s.expected),
            "same Chinese, different English": sum(1 for s in self.segments if s.side == "zh"),
            "same English, different Chinese": sum(1 for s in self.segments if s.side == "en"),
        }

    def to_dict(self) -> dict:
        return {
            "signature": self.signature_string(),
            "glossary": self.glossary or None,
            "bitexts": self.bitexts,
            "summary": self.summary(),
            "rates": {
                "glossary_adherence": self.adherence.to_dict(),
                "number_agreement": self.numbers.to_dict(),
                "untranslated": self.untranslated.to_dict(),
                "omitted": self.omitted.to_dict(),
                "han_in_target": self.han_in_target,
            },
            "findings": self.findings,
            "concepts": [c.to_dict() for c in self.concepts],
            "shared_renderings": [s.to_dict() for s in self.shared],
            "segments": [s.to_dict() for s in self.segments],
            "reference": self.reference.to_dict() if self.reference is not None else None,
        }

    def signature_string(self) -> str:
        return signature_text(self.signature)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
