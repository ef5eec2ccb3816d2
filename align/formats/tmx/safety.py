"""Which beads a translation memory for a CAT tool may carry, and where the others go.

A CAT tool inserts an exact match from a memory as the translation (OmegaT does so
for every TMX in ``tm/auto/``), so a misaligned bead in a memory becomes a wrong
translation nobody looked at. By default a TMX therefore carries only beads that
translate both ways (no omission: one side only teaches the tool that a sentence
has no translation) and whose confidence is at least :data:`DEFAULT_MIN_CONFIDENCE`
(unknown confidence, as in another tool's memory, is kept). The beads below the
threshold may go to a second, *penalty* memory, for OmegaT's ``tm/penalty-NN/``
folder, where every match loses NN percent and so is only ever offered, never
inserted.

A reviewer's mark (``meta["reviewed"]``, from ``bitext review`` or the XLSX
sheet) overrules the confidence: a bead marked ``reviewed`` is kept in the
memory whatever the aligner thought of it, one marked ``rejected`` never goes
into a memory (the JSONL and the sheet keep it, marked).

Beads of several sentences (``2-1``, ``1-2``) stay in the main memory: OmegaT
matches segment by segment, so a two-sentence source only ever matches a
two-sentence segment (a paragraph-segmented project) exactly, where its
translation is right, and is offered as a fuzzy match otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from align.core.bitext import Bead

DEFAULT_MIN_CONFIDENCE = 0.5
MAIN, PENALTY, LEFT_OUT = "main", "penalty", "left out"


@dataclass
class Routing:
    min_confidence: float | None
    keep_omissions: bool
    main: int = 0
    below: int = 0  # two-sided beads under the threshold (to the penalty memory when there is one)
    one_sided: int = 0
    rejected: int = 0  # marked rejected by a reviewer

    def where(self, bead: Bead) -> str:
        mark = bead.meta.get("reviewed")
        if mark == "rejected":
            self.rejected += 1
            return LEFT_OUT
        if not (bead.zh_text and bead.en_text) and not self.keep_omissions:
            self.one_sided += 1
            return LEFT_OUT
        low = (self.min_confidence is not None and bead.confidence is not None and bead.confidence < self.min_confidence
               and mark != "reviewed")
        if low and bead.zh_text and bead.en_text:
            self.below += 1
            return PENALTY
        if low:  # a kept omission below the threshold: no translation to offer in a penalty memory either
            self.one_sided += 1
            return LEFT_OUT
        self.main += 1
        return MAIN

    def route(self, beads: Iterable[Bead]) -> Iterator[tuple[str, Bead]]:
        for bead in beads:
            yield self.where(bead), bead

    def summary(self, path, penalty_path) -> str | None:
        """What was left out of ``path``, for a warning; None when nothing was."""
        parts = []
        if self.below:
            where = f"written to {penalty_path} (for OmegaT's tm/penalty-NN/)" if penalty_path else "--penalty-tmx FILE keeps them apart"
            parts.append(f"{self.below} below confidence {self.min_confidence:g} ({where})")
        if self.one_sided:
            parts.append(f"{self.one_sided} one-sided (omissions; --keep-omissions keeps them)")
        if self.rejected:
            parts.append(f"{self.rejected} rejected by a reviewer")
        if not parts:
            return None
        return f"{path}: left out of the memory {' and '.join(parts)}; --min-confidence 0 --keep-omissions writes every bead"
