"""Writing the XLSX review sheet, laid out for people: wrapped text, rows tall enough for whole sentences,
columns sized to their content, and a print layout (landscape, fit to the page width, header row on every page).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import unicodedata

from align.core.atomic import atomic_open
from align.core.bitext import Bitext
from align.formats.base import format_confidence, xml_legal
from align.formats.xlsx.cells import split_long

COLUMNS = ("id", "zh_ids", "en_ids", "zh", "en", "confidence", "reasons", "status", "note", "order")
FINGERPRINT = "fingerprint"  # hidden: the texts as exported, hashed, so an import can tell an edited row
SHEET = "review"
ABOUT = "about"
STATUSES = ("ok", "reject", "merge")
BAND_COLOURS = {"high": "C6EFCE", "medium": "FFEB9C", "low": "FFC7CE", "unknown": "EDEDED"}
RULES = (
    "status: empty or ok = keep (with your edits); reject = drop the row; "
    "merge = merge this row with the previous kept row in document order (column 'order'); the two must hold "
    "adjacent sentences. note: free text. Edit zh/en cells to fix a pair (the row is then marked edited and its "
    "confidence cleared). Sorting and filtering are fine; do not rename or delete columns."
)
# column widths in characters (Excel's unit: the width of a digit); zh/en wide enough for a sentence in a few lines
WIDTHS = {"id": 8, "zh_ids": 8, "en_ids": 8, "zh": 48, "en": 62, "confidence": 11, "reasons": 16, "status": 10,
          "note": 24, "order": 7}
LINE_POINTS = 15.0  # one line of 11-point text
MAX_ROW_POINTS = 409.0  # the tallest row Excel allows


def band(confidence: float | None, bands: tuple[float, float] = (0.5, 0.9)) -> str:
    if confidence is None:
        return "unknown"
    return "high" if confidence >= bands[1] else "medium" if confidence >= bands[0] else "low"


def fingerprint(zh: str, en: str) -> str:
    return hashlib.sha256(f"{zh}\x00{en}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def display_width(text: str) -> int:
    """Columns a text takes: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def lines_needed(text: str, width: int) -> int:
    """Lines ``text`` wraps to in a column ``width`` characters wide (a little slack for word wrapping)."""
    usable = max(width - 2, 4)
    return sum(max(1, math.ceil(display_width(line) / usable * 1.1)) for line in str(text).split("\n"))


def review_frames(bitext: Bitext):
    """The ``review`` and ``about`` tables of the sheet, as pandas frames, and the beads."""
    import pandas as pd

    from align.formats.tabular import meta_columns

    beads = list(bitext.beads)
    metas = [(k, c) for k, c in meta_columns(beads, (*COLUMNS, FINGERPRINT)) if k not in ("status", "note")]
    rows = []
    for number, bead in enumerate(beads, start=1):
        bid = bead.id or str(number)
        clean = lambda text, side: xml_legal(text, bid, side)  # noqa: E731  (openpyxl refuses control chars)
        zh, en = clean(bead.zh_text, "Chinese"), clean(bead.en_text, "English")
        rows.append(
            [clean(bid, "id"), " ".join(map(str, bead.zh_ids)), " ".join(map(str, bead.en_ids)), zh, en, bead.confidence,
             " ".join(bead.reasons), clean(bead.meta.get("status", ""), "status"), clean(bead.meta.get("note", ""), "note"),
             number, fingerprint(zh, en)]
            + [clean(bead.meta.get(key, ""), key) for key, _ in metas]
        )
    header, rows = split_long([*COLUMNS, FINGERPRINT, *(column for _, column in metas)], rows)
    frame = pd.DataFrame(rows, columns=header)
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
    return frame, about, beads


def write_xlsx(bitext: Bitext, path: str | os.PathLike, force: bool = False, *, bands: tuple[float, float] = (0.5, 0.9)) -> int:
    import pandas as pd

    frame, about, beads = review_frames(bitext)
    header = list(frame.columns)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=SHEET, index=False)
        about.to_excel(writer, sheet_name=ABOUT, index=False)
        _lay_out(writer.sheets[SHEET], beads, header, bands)
        writer.sheets[ABOUT].column_dimensions["B"].width = 100
    with atomic_open(path, "wb", force=force) as handle:
        handle.write(buffer.getvalue())
    return len(beads)


def _lay_out(sheet, beads, header: list[str], bands: tuple[float, float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    width = len(header)
    fills = {name: PatternFill("solid", start_color=colour, end_color=colour) for name, colour in BAND_COLOURS.items()}
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [WIDTHS.get(name, 14) for name in header]
    measured = [col for col in range(1, width + 1) if header[col - 1] != FINGERPRINT]  # the hidden column takes no room
    for row_index, bead in enumerate(beads, start=2):
        fill = fills[band(bead.confidence, bands)]
        lines = 1
        for col in range(1, width + 1):
            cell = sheet.cell(row=row_index, column=col)
            cell.fill = fill
            cell.alignment = wrap
            if cell.data_type == "f":  # a text starting with "=" is text, never a formula
                cell.data_type = "s"
            if isinstance(cell.value, str) and cell.value and col in measured:
                lines = max(lines, lines_needed(cell.value, widths[col - 1]))
        sheet.cell(row=row_index, column=6).number_format = "0.00"
        # openpyxl cannot measure text and Excel does not re-fit rows on opening: the height is set from the text
        sheet.row_dimensions[row_index].height = min(MAX_ROW_POINTS, lines * LINE_POINTS + 3)
    for col in range(1, width + 1):
        sheet.cell(row=1, column=col).font = Font(bold=True)
        sheet.cell(row=1, column=col).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    sheet.column_dimensions[get_column_letter(header.index(FINGERPRINT) + 1)].hidden = True
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
    status.error = "Use ok, reject or merge (merge = merge with the previous row)"
    status.prompt = "ok / reject / merge (with previous)"
    sheet.add_data_validation(status)
    status.add(f"H2:H{max(2, len(beads) + 1)}")
    # print: landscape, every column on the page width (as many pages down as needed), the header on each page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{get_column_letter(len(COLUMNS) - 1)}{len(beads) + 1}"  # id … note: what a reader reads
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.oddFooter.center.text = "&P / &N"
