"""Candidates files for review: TSV or XLSX with an ``accept`` column, and merging the accepted rows into a glossary.

The reviewer writes ``y`` (or yes, x, 1, accept) in ``accept`` to take a pair,
and may correct the English before; ``n`` or an empty cell leaves it out.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from align.core.atomic import atomic_open, atomic_path
from align.core.errors import InputError, UsageError
from glossary.concept import Concept
from glossary.extraction.candidate import COLUMNS, Candidate

YES = frozenset({"y", "yes", "x", "1", "true", "accept", "accepted", "ok", "✓", "✔"})
NO = frozenset({"", "n", "no", "0", "false", "reject", "rejected", "-"})


def write_candidates(candidates: Sequence[Candidate], path: str | Path, force: bool = False) -> Path:
    """Write ``.tsv`` or ``.xlsx`` (atomically; an existing file only with ``force``)."""
    target = Path(path)
    rows = [c.to_row(rank) for rank, c in enumerate(candidates, start=1)]
    suffix = target.suffix.lower()
    if suffix in (".tsv", ".txt"):
        with atomic_open(target, "w", force=force, newline="") as out:
            writer = csv.writer(out, delimiter="\t", lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows([row[c] for c in COLUMNS] for row in rows)
    elif suffix == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.worksheet.datavalidation import DataValidation

        book = Workbook()
        sheet = book.active
        sheet.title = "candidates"
        sheet.append(list(COLUMNS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([row[c] for c in COLUMNS])
        choice = DataValidation(type="list", formula1='"y,n"', allow_blank=True)
        sheet.add_data_validation(choice)
        if rows:
            choice.add(f"B2:B{len(rows) + 1}")
        sheet.freeze_panes = "C2"
        for letter, width in zip("ABCDEFGHIJKLMN", (6, 8, 16, 30, 7, 7, 7, 9, 9, 9, 18, 9, 40, 30)):
            sheet.column_dimensions[letter].width = width
        with atomic_path(target, force=force) as tmp:
            book.save(tmp)
    else:
        raise UsageError(f"write candidates as .tsv or .xlsx, not {target.name}")
    return target


def _rows(path: Path) -> list[dict[str, str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a damaged file
            raise InputError(f"{path.name}: not a readable XLSX workbook ({error.__class__.__name__})") from None
        try:
            table = [["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    else:
        from glossary.formats.csv import sniff_delimiter
        from glossary.formats.text import read_text

        text = read_text(path)  # written as TSV; a sheet saved again as CSV reads too
        table = list(csv.reader(io.StringIO(text), delimiter="\t" if path.suffix.lower() in (".tsv", ".txt") else sniff_delimiter(text)))
    if not table:
        raise InputError(f"{path.name}: empty candidates file")
    header = [h.strip().lower() for h in table[0]]
    missing = [c for c in ("accept", "zh", "en") if c not in header]
    if missing:
        raise InputError(f"{path.name}: not a candidates file (no {', '.join(missing)} column)")
    return [dict(zip(header, (cell.strip() for cell in row))) | {"_line": str(n)} for n, row in enumerate(table[1:], start=2)]


@dataclass
class MergeReport:
    added: list[Concept] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # accepted pairs the glossary holds already
    conflicts: list[str] = field(default_factory=list)  # accepted pairs whose Chinese the glossary renders otherwise
    rejected: int = 0


def accepted(path: str | Path) -> tuple[list[dict[str, str]], int]:
    """The accepted rows of a candidates file and how many were left out; an unreadable answer is an InputError."""
    source = Path(path)
    if not source.is_file():
        raise InputError(f"{source}: no such candidates file")
    taken, left = [], 0
    for row in _rows(source):
        answer = row.get("accept", "").casefold()
        if answer in YES:
            if not row.get("zh") or not row.get("en"):
                raise InputError(f"{source.name} line {row['_line']}: an accepted row needs zh and en")
            taken.append(row)
        elif answer in NO:
            left += 1
        else:
            raise InputError(f"{source.name} line {row['_line']}: accept is {row['accept']!r}; write y or n")
    return taken, left


def merge(candidates_path: str | Path, termbase) -> MergeReport:
    """Add the accepted candidates to ``termbase`` (in memory); pairs it holds, or renders otherwise, are reported."""
    rows, left = accepted(candidates_path)
    report = MergeReport(rejected=left)
    for row in rows:
        zh, en = row["zh"], row["en"]
        owners = termbase.with_form(zh)
        if owners:
            renderings = {r.casefold() for c in owners for r in c.en + c.variants}
            (report.already if en.casefold() in renderings else report.conflicts).append(
                f"{zh} → {en}" + ("" if en.casefold() in renderings else f" (the glossary has {owners[0].rendering!r})"))
            continue
        note = "; ".join(filter(None, [f"{row.get('kind', '')} from aligned text", row.get("note", "")]))
        origin = f"bitext glossary extract, beads {row['examples']}" if row.get("examples") else "bitext glossary extract"
        report.added.append(termbase.add(Concept(zh=zh, en=en, note=note, origin=origin)))
    return report
