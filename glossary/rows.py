"""A corpus of bitexts as plain rows: ``(bead id, zh, en)``, the unit every corpus-wide measure reads."""

from __future__ import annotations

from typing import Iterator, Sequence

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError


def as_bitexts(bitexts) -> list[Bitext]:
    if isinstance(bitexts, Bitext):
        return [bitexts]
    items = list(bitexts)
    if not items:
        raise InputError("no bitext to score")
    if all(isinstance(b, Bead) for b in items):
        return [Bitext(beads=items)]
    for item in items:
        if not isinstance(item, Bitext):
            raise InputError(f"expected a Bitext, got {type(item).__name__}")
    return items


def iter_rows(bitexts: list[Bitext], labels: Sequence[str] | None = None) -> Iterator[tuple[str, str, str]]:
    """``(bead id, zh, en)`` for every bead, as the beads come (a streaming Bitext is read as it goes);
    ids are prefixed ``label#`` when there are several bitexts."""
    several = len(bitexts) > 1
    for number, bitext in enumerate(bitexts, start=1):
        label = (labels[number - 1] if labels else "") or bitext.zh_name or f"bitext{number}"
        for position, bead in enumerate(bitext.beads, start=1):
            bead_id = bead.id or str(position)
            yield (f"{label}#{bead_id}" if several else bead_id, bead.zh_text or "", bead.en_text or "")


def bead_rows(bitexts: list[Bitext], labels: Sequence[str] | None = None) -> list[tuple[str, str, str]]:
    """``(bead id, zh, en)`` for every bead (see :func:`iter_rows`)."""
    return list(iter_rows(bitexts, labels))
