"""CSV glossary: a header row naming the columns (``zh`` and ``en`` required), one concept per row.

Multi-valued cells separate values with ``|``. Written as UTF-8 with a BOM so
that Excel opens the Chinese correctly.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from align.core.atomic import atomic_open
from align.core.errors import InputError
from glossary.concept import COLUMNS, Concept
from glossary.formats.text import read_text

ALIASES = {"source": "zh", "target": "en", "comment": "note", "chinese": "zh", "english": "en", "term": "zh"}


def rows_to_concepts(header: list[str], rows, name: str) -> list[Concept]:
    names = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = [c for c in ("zh", "en") if c not in names]
    if missing:
        raise InputError(f"{name}: missing column {', '.join(missing)} (header has: {', '.join(h for h in header if h) or 'nothing'})")
    concepts = []
    for number, cells in rows:
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        row = {n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names)}
        concepts.append(Concept.from_row(row, f"{name} row {number}"))
    return concepts


def read(path: Path) -> list[Concept]:
    text = read_text(path)
    try:
        table = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise InputError(f"{path.name}: not valid CSV ({error})") from None
    if not table:
        raise InputError(f"{path.name}: no rows")
    return rows_to_concepts(table[0], ((n, r) for n, r in enumerate(table[1:], start=2)), path.name)


def write(concepts: Sequence[Concept], path: Path, force: bool = False, name: str = "") -> None:
    with atomic_open(path, "w", force=force, encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for concept in concepts:
            row = concept.to_row()
            writer.writerow([row[c] for c in COLUMNS])
