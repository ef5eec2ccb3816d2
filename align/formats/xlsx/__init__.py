"""The XLSX review sheet (``read``: the rules a reviewer follows; ``write``: the layout), and ODS read back.

``.ods``: a review sheet LibreOffice saved in its own format reads back like the
XLSX; written, it is the same table without the colours and print layout
(pandas' ODS writer, odfpy).
"""

from __future__ import annotations

from align.formats.base import BitextFormat
from align.formats.registry import register
from align.formats.xlsx.limits import DEFAULT_LIMITS, UnpackLimits
from align.formats.xlsx.read import ReviewSummary, read_review, read_xlsx
from align.formats.xlsx.write import ABOUT, BAND_COLOURS, COLUMNS, RULES, SHEET, STATUSES, band, write_xlsx

__all__ = ["ABOUT", "BAND_COLOURS", "COLUMNS", "DEFAULT_LIMITS", "RULES", "SHEET", "STATUSES", "ReviewSummary", "UnpackLimits",
           "band", "read_review", "read_xlsx", "write_xlsx"]


@register
class Xlsx(BitextFormat):
    name = "xlsx"
    extensions = (".xlsx",)
    keeps_signature = True

    def write(self, bitext, path, force=False, export=None, **options):
        return write_xlsx(bitext, path, force, **options)

    def read(self, path, **options):
        return read_xlsx(path, **options)


@register
class Ods(BitextFormat):
    name = "ods"
    extensions = (".ods",)
    keeps_signature = True

    def write(self, bitext, path, force=False, export=None, **options):
        from align.formats.xlsx.ods import write_ods

        return write_ods(bitext, path, force)

    def read(self, path, **options):
        return read_xlsx(path, **options)
