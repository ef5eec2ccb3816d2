"""XLIFF: read 1.2 and 2.x (what CAT tools export), write 1.2 (what they all import)."""

from __future__ import annotations

from align.formats.base import BitextFormat
from align.formats.registry import register
from align.formats.xliff.read import read_xliff
from align.formats.xliff.write import write_xliff


@register
class Xliff(BitextFormat):
    name = "xliff"
    extensions = (".xlf", ".xliff")
    keeps_signature = True

    def write(self, bitext, path, force=False, **options):
        return write_xliff(bitext, path, force, **options)

    def read(self, path, **options):
        return read_xliff(path)


__all__ = ["Xliff", "read_xliff", "write_xliff"]
