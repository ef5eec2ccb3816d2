"""The XLSX review sheet: a translator checks the alignment in Excel/LibreOffice and we read it back.

Sheet ``review``, one bead per row: ``id zh_ids en_ids zh en confidence reasons
status note order`` then the other ``Bead.meta`` keys (``order`` is the export
position: the import puts rows back in that order, so sorting the sheet by
confidence while reviewing changes nothing). Rows are coloured by confidence
band (green ≥ 0.9, yellow ≥ 0.5, red below, grey unknown; bands configurable);
the header is frozen and has filters. Sheet ``about`` holds the signature and
the details of the alignment (JSON objects), document names and languages, and
the reviewing rules below.

How a reviewer expresses a decision (column ``status``, a drop-down):

* *(empty)* or ``ok`` — keep the row, with whatever edits were made to ``zh``/``en``.
* ``reject`` — drop the row.
* ``merge`` — **merge with previous**: this row is joined to the nearest kept row
  before it in document order (column ``order``; the row above it when the sheet is unsorted) (its ids are added, Chinese texts joined without a space,
  English texts with one space; the id becomes ``3+4``; confidence is the lower
  of the two; reason ``merge`` is added). Marking rows 4 and 5 ``merge`` joins
  3, 4 and 5.
* ``note`` — free text, kept in the bead's ``meta["note"]``.

Editing a text is just typing in the cell. Deleting a whole row drops that bead;
deleting a column is refused on import with a message naming it. The ``status``
and ``note`` columns are ``Bead.meta["status"]``/``["note"]``, so a re-exported
reviewed Bitext keeps them.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from align.core.atomic import atomic_open
from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.formats.base import BitextFormat, format_confidence, parse_confidence, parse_ids, parse_reasons, xml_legal
from align.formats.registry import register

COLUMNS = ("id", "zh_ids", "en_ids", "zh", "en", "confidence", "reasons", "status", "note", "order")
SHEET = "review"
ABOUT = "about"
STATUSES = ("ok", "reject", "merge")
_SYNONYMS = {
    "": "", "ok": "ok", "okay": "ok", "approved": "ok", "accept": "ok", "accepted": "ok", "yes": "ok", "y": "ok", "✓": "ok",
    "reject": "reject", "rejected": "reject", "delete": "reject", "drop": "reject", "no": "reject", "n": "reject", "x": "reject",
    "merge": "merge", "merged": "merged", "merge with previous": "merge", "merge up": "merge", "merge↑": "merge", "↑": "merge", "+": "merge",
}
BAND_COLOURS = {"high": "C6EFCE", "medium": "FFEB9C", "low": "FFC7CE", "unknown": "EDEDED"}
RULES = (
    "status: empty or ok = keep (with your edits); reject = drop the row; "
    "merge = merge this row with the previous kept row in document order (column 'order'). "
    "note: free text. Edit zh/en cells to fix a pair. Sorting and filtering are fine; "
    "do not rename or delete columns."
)


def band(confidence: float | None, bands: tuple[float, float] = (0.5, 0.9)) -> str:
    if confidence is None:
        return "unknown"
    return "high" if confidence >= bands[1] else "medium" if confidence >= bands[0] else "low"


def write_xlsx(bitext: Bitext, path: str | os.PathLike, force: bool = False, *, bands: tuple[float, float] = (0.5, 0.9)) -> int:
    import pandas as pd
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from align.formats.tabular import meta_columns

    beads = list(bitext.beads)
    metas = [(k, c) for k, c in meta_columns(beads, COLUMNS) if k not in ("status", "note")]
    rows = []
    for number, bead in enumerate(beads, start=1):
        bid = bead.id or str(number)
        clean = lambda text, side: xml_legal(text, bid, side)  # noqa: E731  (openpyxl refuses control chars)
        rows.append(
            [
                clean(bid, "id"),
                " ".join(map(str, bead.zh_ids)),
                " ".join(map(str, bead.en_ids)),
                clean(bead.zh_text, "Chinese"),
                clean(bead.en_text, "English"),
                bead.confidence,
                " ".join(bead.reasons),
                clean(bead.meta.get("status", ""), "status"),
                clean(bead.meta.get("note", ""), "note"),
                number,
            ]
            + [clean(bead.meta.get(key, ""), key) for key, _ in metas]
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS) + [column for _, column in metas])
    about = pd.DataFrame(
        [
            ("format", "bitext-review"),
            ("rules", RULES),
            ("signature", json.dumps(bitext.signature, ensure_ascii=False)),
            ("details", json.dumps(bitext.details, ensure_ascii=False)),
            ("zh_name", bitext.zh_name),
            ("en_name", bitext.en_name),
            ("zh_lang", bitext.zh_lang),
            ("en_lang", bitext.en_lang),
            ("document_score", format_confidence(bitext.document_score)),
        ],
        columns=["key", "value"],
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=SHEET, index=False)
        about.to_excel(writer, sheet_name=ABOUT, index=False)
        sheet = writer.sheets[SHEET]
        width = len(frame.columns)
        fills = {name: PatternFill("solid", start_color=colour, end_color=colour) for name, colour in BAND_COLOURS.items()}
        wrap = Alignment(wrap_text=True, vertical="top")
        for row_index, bead in enumerate(beads, start=2):
            fill = fills[band(bead.confidence, bands)]
            for col in range(1, width + 1):
                cell = sheet.cell(row=row_index, column=col)
                cell.fill = fill
                if cell.data_type == "f":  # a text starting with "=" is text, never a formula
                    cell.data_type = "s"
            for col in (4, 5):
                sheet.cell(row=row_index, column=col).alignment = wrap
            sheet.cell(row=row_index, column=6).number_format = "0.00"
        for col in range(1, width + 1):
            sheet.cell(row=1, column=col).font = Font(bold=True)
        for letter, size in zip("ABCDEFGHIJ", (8, 8, 8, 50, 60, 11, 16, 10, 30, 7)):
            sheet.column_dimensions[letter].width = size
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
        status.error = "Use ok, reject or merge (merge = merge with the previous row)"
        status.prompt = "ok / reject / merge (with previous)"
        sheet.add_data_validation(status)
        status.add(f"H2:H{max(2, len(beads) + 1)}")
        writer.sheets[ABOUT].column_dimensions["B"].width = 100
    with atomic_open(path, "wb", force=force) as handle:
        handle.write(buffer.getvalue())
    return len(beads)


def _status(value: str, where: str) -> str:
    key = value.strip().lower()
    if key not in _SYNONYMS:
        raise InputError(f"{where}: unknown status {value.strip()!r}; use ok, reject or merge (merge with previous), or leave it empty")
    return _SYNONYMS[key]


def _merge(into: Bead, row: Bead) -> Bead:
    confidences = [c for c in (into.confidence, row.confidence) if c is not None]
    en = " ".join(t for t in (into.en_text.rstrip(), row.en_text.lstrip()) if t)
    notes = [n for n in (into.meta.get("note", ""), row.meta.get("note", "")) if n]
    meta = {**row.meta, **into.meta, "status": "merged"}
    if notes:
        meta["note"] = " / ".join(notes)
    return Bead(
        zh_ids=tuple(sorted(set(into.zh_ids) | set(row.zh_ids))),
        en_ids=tuple(sorted(set(into.en_ids) | set(row.en_ids))),
        zh_text=into.zh_text + row.zh_text,
        en_text=en,
        confidence=min(confidences) if confidences else None,
        reasons=tuple(dict.fromkeys(into.reasons + row.reasons + ("merge",))),
        id=f"{into.id}+{row.id}",
        meta=meta,
    )


class ReviewSummary(dict):
    """Counts of what a review did: rows, kept, rejected, merged, edited-able notes."""


def _in_original_order(records: list[dict], path: Path) -> list[tuple[int, dict]]:
    """Rows back in export order (column ``order``), so sorting the sheet while reviewing is harmless.

    A row the reviewer inserted (empty ``order``) stays right after the row above it.
    """
    keyed = []
    last = 0.0
    for offset, record in enumerate(records):
        raw = str(record["order"]).strip()
        if raw:
            try:
                last = float(raw)
            except ValueError:
                raise InputError(f"{path}: sheet {SHEET}, row {offset + 2}: 'order' must be a number, got {raw!r}") from None
        else:
            last += 1e-6
        keyed.append((last, offset, record))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return [(offset, record) for _, offset, record in keyed]


def read_review(path: str | os.PathLike) -> tuple[Bitext, ReviewSummary]:
    """Read a reviewed sheet: rejected rows dropped, edits kept, merges applied."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl")
    except Exception as error:  # a damaged workbook: openpyxl and lxml raise a dozen kinds (XMLSyntaxError, TypeError...)
        raise InputError(f"{path}: not a readable XLSX workbook ({type(error).__name__}: {str(error)[:200]})") from None
    if SHEET in sheets:
        frame = sheets[SHEET]
    else:
        first = next(iter(sheets))
        frame = sheets[first]
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            f"{path}: column(s) {', '.join(missing)} missing from the review sheet "
            f"(expected {', '.join(COLUMNS)}); restore them (undo the deletion) or export a fresh sheet"
        )
    records = _in_original_order(frame.to_dict("records"), path)
    about = {}
    if ABOUT in sheets and {"key", "value"} <= set(sheets[ABOUT].columns):
        about = dict(zip(sheets[ABOUT]["key"], sheets[ABOUT]["value"]))
    signature = _about_json(about, "signature", path)
    details = _about_json(about, "details", path)
    fixed = set(COLUMNS)
    beads: list[Bead] = []
    summary = ReviewSummary(rows=0, kept=0, rejected=0, merged=0, added=0)
    for offset, record in records:
        where = f"{path}: sheet {SHEET}, row {offset + 2}"
        if not any(str(v).strip() for v in record.values()):
            continue
        summary["rows"] += 1
        status = _status(str(record["status"]), where)
        meta = {}
        for column, value in record.items():
            if column in fixed or str(value) == "" or column.startswith("Unnamed:"):
                continue
            meta[column[5:] if column.startswith("meta:") else column] = str(value)
        if record["note"].strip():
            meta["note"] = record["note"].strip()
        if status in ("ok", "merged"):  # "merged": written by an earlier import, keep as is
            meta["status"] = status
        bead_id = str(record["id"]).strip()
        if not bead_id:
            bead_id = f"new-{offset + 2}"
            summary["added"] += 1
        bead = Bead(
            zh_ids=parse_ids(record["zh_ids"], where),
            en_ids=parse_ids(record["en_ids"], where),
            zh_text=record["zh"],
            en_text=record["en"],
            confidence=parse_confidence(record["confidence"], where),
            reasons=parse_reasons(record["reasons"]),
            id=bead_id,
            meta=meta,
        )
        if status == "reject":
            summary["rejected"] += 1
            continue
        if status == "merge":
            if not beads:
                raise InputError(f"{where}: 'merge' joins a row to the kept row above it, but there is none")
            beads[-1] = _merge(beads[-1], bead)
            summary["merged"] += 1
            continue
        beads.append(bead)
    summary["kept"] = len(beads)
    bitext = Bitext(
        beads=beads,
        signature=signature,
        zh_name=about.get("zh_name", ""),
        en_name=about.get("en_name", ""),
        zh_lang=about.get("zh_lang") or "zh-CN",
        en_lang=about.get("en_lang") or "en",
        document_score=parse_confidence(about.get("document_score"), f"{path}: sheet {ABOUT}"),
        details=details,
    )
    return bitext, summary


def _about_json(about: dict, key: str, path: Path) -> dict[str, str]:
    try:
        value = json.loads(about.get(key) or "{}")
    except json.JSONDecodeError:
        raise InputError(f"{path}: the '{ABOUT}' sheet's {key} is not valid JSON; export a fresh sheet") from None
    if not isinstance(value, dict):
        raise InputError(f"{path}: the '{ABOUT}' sheet's {key} is not a JSON object; export a fresh sheet")
    return {str(k): str(v) for k, v in value.items()}


def read_xlsx(path: str | os.PathLike) -> Bitext:
    return read_review(path)[0]


@register
class Xlsx(BitextFormat):
    name = "xlsx"
    extensions = (".xlsx",)
    keeps_signature = True

    def write(self, bitext, path, force=False, export=None, **options):
        return write_xlsx(bitext, path, force, **options)

    def read(self, path, **options):
        return read_xlsx(path, **options)
