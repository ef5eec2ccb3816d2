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
  3, 4 and 5. The two rows must hold adjacent sentences: a merge across a
  rejected or deleted row is refused with a message naming the row.
* ``note`` — free text, kept in the bead's ``meta["note"]``.

Editing a text is just typing in the cell: the row comes back marked
``meta["edited"] = "text"`` (TMX prop ``x-edited``), with the reason code
``edited`` and no confidence (the aligner's figure was about the old text);
the hidden column ``fingerprint`` tells an edited row from an untouched one.
Texts over 32,767 characters travel in continuation columns (``cells.py``); a
workbook that would unpack to more than the limits (``limits.py``) is refused
before it is read. A sheet saved by LibreOffice (``.xlsx`` or ``.ods``) reads
the same way. Deleting a whole row drops that bead;
deleting a column is refused on import with a message naming it. The ``status``
and ``note`` columns are ``Bead.meta["status"]``/``["note"]``, so a re-exported
reviewed Bitext keeps them.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.formats.base import parse_confidence, parse_ids, parse_reasons
from align.formats.xlsx import limits as unpack
from align.formats.xlsx.cells import join_continued
from align.formats.xlsx.limits import UnpackLimits, check_archive
from align.formats.xlsx.write import ABOUT, COLUMNS, FINGERPRINT, SHEET, fingerprint

_SYNONYMS = {
    "": "", "ok": "ok", "okay": "ok", "approved": "ok", "accept": "ok", "accepted": "ok", "yes": "ok", "y": "ok", "✓": "ok",
    "reject": "reject", "rejected": "reject", "delete": "reject", "drop": "reject", "no": "reject", "n": "reject", "x": "reject",
    "merge": "merge", "merged": "merged", "merge with previous": "merge", "merge up": "merge", "merge↑": "merge", "↑": "merge", "+": "merge",
}
# a whole number a spreadsheet stored as a float (LibreOffice turns the id cell "3" into 3.0)
_FLOAT_INTEGER = re.compile(r"^(\d+)\.0+$")
EDITED = "edited"


def _status(value: str, where: str) -> str:
    key = value.strip().lower()
    if key not in _SYNONYMS:
        raise InputError(f"{where}: unknown status {value.strip()!r}; use ok, reject or merge (merge with previous), or leave it empty")
    return _SYNONYMS[key]


def _check_adjacent(into: Bead, row: Bead, where: str, into_row: int, skipped: list[int]) -> None:
    """A merge must join neighbouring sentences: nothing (rejected, deleted) between the two rows."""
    for side, left, right in (("Chinese", into.zh_ids, row.zh_ids), ("English", into.en_ids, row.en_ids)):
        if left and right and right[0] != left[-1] + 1:
            between = f" (row {', '.join(map(str, skipped))} between them was rejected)" if skipped else ""
            raise InputError(
                f"{where}: 'merge' would join {side} sentences {left[-1]} and {right[0]} of row {into_row}, which are not "
                f"adjacent{between}; merge only neighbouring kept rows"
            )


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
    """Counts of what a review did: rows, kept, rejected, merged, added, edited."""


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


def _read_sheets(path: Path, limits: UnpackLimits) -> dict:
    import pandas as pd

    check_archive(path, limits)
    engine = "odf" if path.suffix.lower() == ".ods" else "openpyxl"
    kind = "ODS" if engine == "odf" else "XLSX"
    try:
        return pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False, engine=engine)
    except ImportError as error:
        raise InputError(f"{path}: reading {kind} needs {error.name or 'a missing package'} (pip install odfpy)") from None
    except Exception as error:  # a damaged workbook: openpyxl, odfpy and lxml raise a dozen kinds (XMLSyntaxError, TypeError...)
        raise InputError(f"{path}: not a readable {kind} workbook ({type(error).__name__}: {str(error)[:200]})") from None


def read_review(path: str | os.PathLike, limits: UnpackLimits | None = None) -> tuple[Bitext, ReviewSummary]:
    """Read a reviewed sheet (.xlsx, or .ods from LibreOffice): rejected rows dropped, edits kept and marked, merges applied."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    sheets = _read_sheets(path, limits or unpack.DEFAULT_LIMITS)
    frame = sheets[SHEET] if SHEET in sheets else sheets[next(iter(sheets))]
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            f"{path}: column(s) {', '.join(missing)} missing from the review sheet "
            f"(expected {', '.join(COLUMNS)}); restore them (undo the deletion) or export a fresh sheet"
        )
    records = _in_original_order(join_continued(frame.to_dict("records")), path)
    about = {}
    if ABOUT in sheets and {"key", "value"} <= set(sheets[ABOUT].columns):
        about = dict(zip(sheets[ABOUT]["key"], sheets[ABOUT]["value"]))
    fixed = {*COLUMNS, FINGERPRINT}
    beads: list[Bead] = []
    rows_of: list[int] = []  # sheet row of each kept bead (for messages)
    skipped: list[int] = []  # rejected rows since the last kept one
    summary = ReviewSummary(rows=0, kept=0, rejected=0, merged=0, added=0, edited=0)
    for offset, record in records:
        where = f"{path}: sheet {SHEET}, row {offset + 2}"
        if not any(str(v).strip() for v in record.values()):
            continue
        summary["rows"] += 1
        status = _status(str(record["status"]), where)
        bead = _bead(record, offset, where, fixed, status, summary)
        if status == "reject":
            summary["rejected"] += 1
            skipped.append(offset + 2)
            continue
        if status == "merge":
            if not beads:
                raise InputError(f"{where}: 'merge' joins a row to the kept row above it, but there is none")
            _check_adjacent(beads[-1], bead, where, rows_of[-1], skipped)
            beads[-1] = _merge(beads[-1], bead)
            summary["merged"] += 1
        else:
            beads.append(bead)
            rows_of.append(offset + 2)
        skipped = []
    summary["kept"] = len(beads)
    bitext = Bitext(
        beads=beads,
        signature=_about_json(about, "signature", path),
        zh_name=about.get("zh_name", ""),
        en_name=about.get("en_name", ""),
        zh_lang=about.get("zh_lang") or "zh-CN",
        en_lang=about.get("en_lang") or "en",
        document_score=parse_confidence(about.get("document_score"), f"{path}: sheet {ABOUT}"),
        details=_about_json(about, "details", path),
    )
    return bitext, summary


def _cell(value) -> str:
    text = str(value)
    match = _FLOAT_INTEGER.match(text.strip())
    return match.group(1) if match else text


def _bead(record: dict, offset: int, where: str, fixed: set[str], status: str, summary: ReviewSummary) -> Bead:
    meta = {}
    for column, value in record.items():
        if column in fixed or str(value) == "" or column.startswith("Unnamed:"):
            continue
        meta[column[5:] if column.startswith("meta:") else column] = str(value)
    if str(record["note"]).strip():
        meta["note"] = str(record["note"]).strip()
    if status in ("ok", "merged"):  # "merged": written by an earlier import, keep as is
        meta["status"] = status
    bead_id = _cell(record["id"]).strip()
    if not bead_id:
        bead_id = f"new-{offset + 2}"
        summary["added"] += 1
    zh, en = str(record["zh"]), str(record["en"])
    confidence = parse_confidence(str(record["confidence"]), where)
    reasons = parse_reasons(str(record["reasons"]))
    print_ = str(record.get(FINGERPRINT, "")).strip()
    if print_ and print_ != fingerprint(zh, en) and status != "reject":
        # the reviewer changed a text: the aligner's confidence and reasons were about the old one
        meta[EDITED] = "text"
        confidence = None
        reasons = tuple(dict.fromkeys((*reasons, EDITED)))
        summary["edited"] += 1
    return Bead(
        zh_ids=parse_ids(_cell(record["zh_ids"]), where),
        en_ids=parse_ids(_cell(record["en_ids"]), where),
        zh_text=zh,
        en_text=en,
        confidence=confidence,
        reasons=reasons,
        id=bead_id,
        meta=meta,
    )


def _about_json(about: dict, key: str, path: Path) -> dict[str, str]:
    try:
        value = json.loads(about.get(key) or "{}")
    except json.JSONDecodeError:
        raise InputError(f"{path}: the '{ABOUT}' sheet's {key} is not valid JSON; export a fresh sheet") from None
    if not isinstance(value, dict):
        raise InputError(f"{path}: the '{ABOUT}' sheet's {key} is not a JSON object; export a fresh sheet")
    return {str(k): str(v) for k, v in value.items()}


def read_xlsx(path: str | os.PathLike, **options) -> Bitext:
    return read_review(path, **options)[0]
