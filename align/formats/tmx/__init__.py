"""TMX 1.4b, written and read streaming (``write``, ``read``; ``validate`` checks against the DTD).

The output is valid against the TMX 1.4 DTD shipped in
``align/formats/data/tmx14.dtd``; the reader takes TMX 1.4 and 1.1 from other
tools as well.

Written for CAT tools: by default only two-sided beads at confidence 0.5 or more
(``min_confidence``), the others to a penalty memory on request (``penalty``); see
:mod:`align.formats.tmx.safety`. Another tool's TMX is kept whole (notes, every
prop, dates, ``tuid``, ``usagecount``, ``o-tmf``, header props, inline codes; the
header's ``srclang`` decides which side is the source): :mod:`align.formats.tmx.keep`.

What a unit carries (all ``<prop type="x-...">``, so CAT tools keep and show them):
``x-confidence``, ``x-reasons``, ``x-zh-ids``/``x-en-ids`` (sentence ids, comma
separated), ``x-zh-document``/``x-en-document``, and every ``Bead.meta`` key ``k``
as ``x-k`` except ``note``, written as TMX's ``<note>`` (``x-meta-k`` when ``k`` would clash with the names above or starts
with ``meta-``). The header carries the Bitext's signature as one sacrebleu-style
string ``x-bitext-signature`` (``key:value|key:value``) plus one
``x-signature-KEY`` prop per key (exact, for reading back), the document names
and score, one ``x-detail-KEY`` prop per ``Bitext.details`` fact, and
``x-export`` (the export settings).
"""

from __future__ import annotations

from align.formats.base import BitextFormat
from align.formats.registry import register
from align.formats.tmx.read import TmxReader, TmxStream, read_tmx, stream_tmx
from align.formats.tmx.safety import DEFAULT_MIN_CONFIDENCE
from align.formats.tmx.validate import dtd_path, validate_tmx
from align.formats.tmx.write import write_tmx

__all__ = ["Tmx", "write_tmx", "read_tmx", "stream_tmx", "TmxReader", "TmxStream", "validate_tmx", "dtd_path",
           "DEFAULT_MIN_CONFIDENCE"]


@register
class Tmx(BitextFormat):
    name = "tmx"
    extensions = (".tmx",)
    keeps_signature = True
    streams = True
    routes_confidence = True
    default_min_confidence = DEFAULT_MIN_CONFIDENCE

    def stream(self, path, progress=None, **options):
        return stream_tmx(path, progress=progress, **options)

    def write(self, bitext, path, force=False, **options):
        return write_tmx(bitext, path, force, **options)

    def read(self, path, **options):
        return read_tmx(path, **options)
