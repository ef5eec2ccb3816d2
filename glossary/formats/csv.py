"""CSV glossary: a header row naming the columns (``zh`` and ``en`` required), one concept per row.

Multi-valued cells separate values with ``|``. Written as UTF-8 with a BOM so
that Excel opens the Chinese correctly. Read: the delimiter (comma, semicolon,
tab, bar) is detected, as is the encoding and a BOM; headers from other tools
in their usual spellings are recognised (see ``glossary.formats.columns``),
and a file without a header row is read by content.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from align.core.atomic import atomic_open
from align.core.errors import InputError
from glossary.concept import COLUMNS, Concept
from glossary.formats.columns import by_content, header_names, turned_round
from glossary.formats.text import read_text


def rows_to_concepts(header: list[str], rows, name: str) -> list[Concept]:
    """Concepts from a table whose first row is ``header`` (or data, when it names no zh and en column)."""
    rows = [(n, [str(c) if c is not None else "" for c in cells]) for n, cells in rows]
    try:
        names = header_names(header)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    if names is None:
        data = [list(header)] + [cells for _, cells in rows]
        if not any(str(c).strip() for c in header):
            raise InputError(f"{name}: missing column zh, en (header has: nothing)")
        names = by_content(data, name)
        rows = [(1, list(header))] + rows
    names = turned_round(names, [cells for _, cells in rows], name)
    concepts = []
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        row = {n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names)}
        concepts.append(Concept.from_row(row, f"{name} row {number}"))
    return concepts


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(line for line in text.splitlines()[:50] if line.strip())
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read(path: Path) -> list[Concept]:
    text = read_text(path)
    try:
        table = list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text)))
    except csv.Error as error:
        raise InputError(f"{path.name}: not valid CSV ({error})") from None
    table = [row for row in table if any(cell.strip() for cell in row)]
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
