"""XLSX glossary: the first sheet, a header row (``zh`` and ``en`` required), one concept per row."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from align.core.atomic import atomic_path
from align.core.errors import InputError
from glossary.concept import COLUMNS, Concept
from glossary.formats.csv import rows_to_concepts


def read(path: Path) -> list[Concept]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a damaged workbook: openpyxl and lxml raise a dozen kinds (XMLSyntaxError, TypeError...)
        raise InputError(f"{path.name}: not a readable XLSX workbook ({error.__class__.__name__})") from None
    try:
        sheet = book.worksheets[0]
        # read_only sheets parse as they are iterated: a damaged sheet fails here, not in load_workbook
        rows = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as error:
        raise InputError(f"{path.name}: not a readable XLSX workbook ({error.__class__.__name__})") from None
    finally:
        book.close()
    if not rows:
        raise InputError(f"{path.name}: the first sheet is empty")
    return rows_to_concepts(rows[0], enumerate(rows[1:], start=2), path.name)


def write(concepts: Sequence[Concept], path: Path, force: bool = False, name: str = "") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "glossary"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for concept in concepts:
        row = concept.to_row()
        sheet.append([row[c] for c in COLUMNS])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJK", (18, 34, 50, 24, 24, 10, 8, 16, 40, 8, 18)):
        sheet.column_dimensions[letter].width = width
    with atomic_path(path, force=force) as tmp:
        book.save(tmp)
