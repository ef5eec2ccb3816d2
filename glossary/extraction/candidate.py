"""Candidate: one proposed term pair with the evidence a reviewer needs to accept or reject it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

NEW, KNOWN, CONFLICT = "new", "known", "conflict"
COLUMNS = ("rank", "accept", "zh", "en", "kind", "score", "dice", "together", "zh_count", "en_count", "evidence", "status",
           "note", "examples")


@dataclass(frozen=True)
class Candidate:
    """``together``: beads holding both sides; ``zh_count``/``en_count``: beads holding each; ``evidence``: what
    supports the pair besides co-occurrence (``dictionary``, ``pinyin``); ``status``: ``new``, ``known`` (already in
    the term base with this rendering) or ``conflict`` (the term base renders or forbids it otherwise, said in
    ``note``); ``note`` also names other renderings the text itself uses ("also rendered 'IIoT hub' (3)");
    ``examples``: ids of beads holding both."""

    zh: str
    en: str
    kind: str
    score: float
    dice: float
    together: int
    zh_count: int
    en_count: int
    evidence: tuple[str, ...] = ()
    status: str = NEW
    note: str = ""
    examples: tuple[str, ...] = ()

    def to_row(self, rank: int) -> dict[str, object]:
        row = asdict(self)
        row.update(rank=rank, accept="", score=round(self.score, 4), dice=round(self.dice, 4),
                   evidence=", ".join(self.evidence), examples=" ".join(self.examples))
        return {column: row[column] for column in COLUMNS}
