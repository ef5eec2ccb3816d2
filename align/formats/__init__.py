"""File formats translators use: TMX 1.4b, TSV/CSV, the XLSX review sheet, JSONL, Moses, ``.align``, HTML.

One class per format (``base.BitextFormat``), each declaring its extensions and
what it can do, found through ``registry``; importing this package registers
them all and installs the registry where ``Bitext.read``/``Bitext.write`` look.

>>> from align.formats import write_bitext, read_bitext
>>> write_bitext(bt, "exports/x.tmx", min_confidence=0.5)     # format from the extension
>>> write_bitext(bt, "exports/x", fmt="moses")                 # exports/x.zh + exports/x.en
>>> bt2 = read_bitext("exports/x.tmx")                         # same beads, ids, confidence

Every writer is atomic (temporary file renamed into place) and refuses to
overwrite without ``force``. ``min_confidence`` filters and ``zh_output``
converts the Chinese side (``original``/``simplified``/``traditional``) in
every format. Texts a format cannot hold are changed with an
:class:`ExportWarning` naming the bead (see :mod:`align.formats.base`).
"""

from __future__ import annotations

import sys

from align.core import registry as _core_registry
from align.formats import alignfile, html, jsonl, moses, po, tabular, tmx, xliff, xlsx  # noqa: F401  (the order formats are listed in)
from align.formats.base import ExportWarning, ReadWarning
from align.formats.registry import check_targets, convert, format_for, names, read_bitext, stream_bitext, write_bitext
from align.formats.review import import_review

FORMATS = names()
READABLE = names(readable=True)

__all__ = ["write_bitext", "read_bitext", "stream_bitext", "convert", "import_review", "format_for", "check_targets",
           "ExportWarning", "ReadWarning", "FORMATS", "READABLE"]

_core_registry.install(sys.modules[__name__])
