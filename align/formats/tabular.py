"""TSV and CSV: one bead per row, UTF-8 (optionally with a BOM so Excel detects it).

Columns: ``id zh_ids en_ids zh en confidence reasons`` then one column per
``Bead.meta`` key (a key that clashes with a fixed column is written ``meta:KEY``).
Sentence ids are space-separated (``0 1``): a comma would turn into a decimal
separator in Excel under many locales. TSV is written the way spreadsheet and
CAT tools read it: fields are quoted only when they contain a tab or a line break
(or start with a quote), so ordinary quotation marks stay as they are. The header
of a Bitext (signature, document names) does not fit a table: TSV/CSV round-trip
the beads, TMX and JSONL round-trip everything.

Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula. Every
cell we write that starts with one of them (after any leading single quotes) is
prefixed with a single quote ``'``, the spreadsheet's own "this is text" mark, so
``=HYPERLINK(...)`` is shown, not run, and ``-3 dB`` is written ``'-3 dB``. The
reader removes exactly one leading quote from a cell that starts with quotes
followed by one of those characters, and from no other cell, so every text reads
back exactly as it was (``'=x`` is written ``''=x``; ``'tis`` is left alone). A
file from elsewhere whose cell starts with ``'=`` reads without that first quote,
as a spreadsheet shows it. ``escape_formulas=False`` (``--raw-cells``) writes
cells as they are, for programs that read the file without a spreadsheet.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path
from typing import Iterable

from align.core.atomic import atomic_open
from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.formats.base import BitextFormat, format_confidence, format_ids, format_reasons, parse_confidence, parse_ids, parse_reasons
from align.formats.registry import register

FIXED = ("id", "zh_ids", "en_ids", "zh", "en", "confidence", "reasons")
REQUIRED = ("zh", "en")


def meta_columns(beads: Iterable[Bead], reserved: Iterable[str] = FIXED) -> list[tuple[str, str]]:
    """``(meta key, column name)`` for every meta key, in first-seen order."""
    reserved = set(reserved)
    keys: dict[str, None] = {}
    for bead in beads:
        for key in bead.meta:
            keys.setdefault(key, None)
    return [(key, f"meta:{key}" if key in reserved or key.startswith("meta:") else key) for key in keys]


def bead_row(bead: Bead, number: int, metas: list[tuple[str, str]]) -> list[str]:
    return [
        bead.id or str(number),
        format_ids(bead.zh_ids, " "),
        format_ids(bead.en_ids, " "),
        bead.zh_text,
        bead.en_text,
        format_confidence(bead.confidence),
        format_reasons(bead.reasons),
    ] + [bead.meta.get(key, "") for key, _ in metas]


def bead_from_record(record: dict[str, str], number: int, where: str, fixed: Iterable[str] = FIXED) -> Bead:
    fixed = set(fixed)
    meta = {}
    for column, value in record.items():
        if column in fixed or column is None or value in ("", None):
            continue
        key = column[5:] if column.startswith("meta:") else column
        meta[key] = value
    return Bead(
        zh_ids=parse_ids(record.get("zh_ids"), where),
        en_ids=parse_ids(record.get("en_ids"), where),
        zh_text=record.get("zh") or "",
        en_text=record.get("en") or "",
        confidence=parse_confidence(record.get("confidence"), where),
        reasons=parse_reasons(record.get("reasons")),
        id=record.get("id") or str(number),
        meta=meta,
    )


# after any run of single quotes: the quotes we add are exactly the ones the reader removes
_FORMULA_START = re.compile("'*[=+\\-@\t\r]")
_ESCAPED_FORMULA_START = re.compile("'+[=+\\-@\t\r]")


def escape_formula(value: str) -> str:
    """``value`` made inert in a spreadsheet: ``'`` before a cell a spreadsheet would run (OWASP)."""
    return "'" + value if _FORMULA_START.match(value) else value


def unescape_formula(value: str) -> str:
    """The inverse of :func:`escape_formula`: one leading ``'`` off, only where it would have added one."""
    return value[1:] if _ESCAPED_FORMULA_START.match(value) else value


def _tsv_field(value: str) -> str:
    if "\t" in value or "\n" in value or "\r" in value or value.startswith('"'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_tabular(
    bitext: Bitext, path: str | os.PathLike, force: bool = False, *, sep: str = "\t", bom: bool = False, escape_formulas: bool = True
) -> int:
    """Write the beads as TSV (``sep="\\t"``) or CSV; cells a spreadsheet would run get a leading ``'`` (see above)."""
    beads = bitext.beads
    if iter(beads) is beads:  # one pass only: keep them for the two passes below
        beads = list(beads)
    metas = meta_columns(beads)  # over a stream (TmxStream) a first pass, reading the file once more
    count = 0
    header = list(FIXED) + [column for _, column in metas]
    encoding = "utf-8-sig" if bom else "utf-8"

    def cells(bead: Bead, number: int) -> list[str]:
        row = bead_row(bead, number, metas)
        return [escape_formula(v) for v in row] if escape_formulas else row

    with atomic_open(path, "w", force=force, encoding=encoding, newline="") as handle:
        if sep == "\t":
            handle.write("\t".join(header) + "\n")
            for count, bead in enumerate(beads, start=1):
                handle.write("\t".join(_tsv_field(v) for v in cells(bead, count)) + "\n")
        else:
            writer = csv.writer(handle, delimiter=sep, lineterminator="\r\n")
            writer.writerow(header)
            for count, bead in enumerate(beads, start=1):
                writer.writerow(cells(bead, count))
    return count


def write_tsv(bitext: Bitext, path: str | os.PathLike, force: bool = False, *, bom: bool = False, escape_formulas: bool = True) -> int:
    return write_tabular(bitext, path, force, sep="\t", bom=bom, escape_formulas=escape_formulas)


def write_csv(bitext: Bitext, path: str | os.PathLike, force: bool = False, *, bom: bool = False, escape_formulas: bool = True) -> int:
    return write_tabular(bitext, path, force, sep=",", bom=bom, escape_formulas=escape_formulas)


def read_tabular(path: str | os.PathLike, sep: str = "\t") -> Bitext:
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            # CSV is RFC 4180: a quote left open swallows the rest of the file, so refuse it (strict); TSV from other
            # tools carries bare quotes inside fields, which strict parsing would refuse
            reader = csv.reader(handle, delimiter=sep, strict=sep == ",")
            try:
                header = next(reader)
            except StopIteration:
                raise InputError(f"{path}: empty file (expected a header row: {' '.join(FIXED)})") from None
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                kind = "TSV" if sep == "\t" else "CSV"
                raise InputError(
                    f"{path}: not a bitext {kind}: missing column(s) {', '.join(missing)} (header: {', '.join(header)[:200]})"
                )
            beads = []
            for row in reader:
                if not any(row):
                    continue
                where = f"{path}: line {reader.line_num}"
                if len(row) > len(header):
                    raise InputError(f"{where}: {len(row)} fields but the header has {len(header)}")
                cells = [unescape_formula(cell) for cell in row]
                record = dict(zip(header, cells + [""] * (len(header) - len(row))))
                beads.append(bead_from_record(record, len(beads) + 1, where))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except csv.Error as error:
        raise InputError(f"{path}: malformed {'TSV' if sep == chr(9) else 'CSV'}: {error}") from None
    return Bitext(beads=beads)


def read_tsv(path: str | os.PathLike) -> Bitext:
    return read_tabular(path, "\t")


def read_csv(path: str | os.PathLike) -> Bitext:
    return read_tabular(path, ",")


@register
class Tsv(BitextFormat):
    name = "tsv"
    extensions = (".tsv", ".tab")
    streams = True

    def write(self, bitext, path, force=False, export=None, **options):
        return write_tsv(bitext, path, force, **options)

    def read(self, path, **options):
        return read_tsv(path, **options)


@register
class Csv(BitextFormat):
    name = "csv"
    extensions = (".csv",)
    streams = True

    def write(self, bitext, path, force=False, export=None, **options):
        return write_csv(bitext, path, force, **options)

    def read(self, path, **options):
        return read_csv(path, **options)
