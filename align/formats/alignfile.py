"""The benchmark id format: one bead per line, ``[0,1]:[2]`` (Chinese ids : English ids).

This is the gold format of the benchmarks in ``/work/shared/benchmarks`` (and
Bertalign/Vecalign's output, which may add ``:cost`` as a third field; it is read
and ignored, since a cost is not a probability). It carries ids only; texts come
back when the two Documents are given.
"""

from __future__ import annotations

import os
from pathlib import Path

from align.core.atomic import atomic_open
from align.core.bitext import Bead, Bitext, parse_align_lines
from align.core.errors import InputError
from align.formats.base import BitextFormat
from align.formats.registry import register


def write_align(bitext: Bitext, path: str | os.PathLike, force: bool = False) -> int:
    lines = bitext.to_align_lines()
    with atomic_open(path, "w", force=force, newline="\n") as handle:
        handle.writelines(line + "\n" for line in lines)
    return len(lines)


def read_align(path: str | os.PathLike, zh_doc=None, en_doc=None) -> Bitext:
    """Read ``[i,j]:[k]`` lines; with ``zh_doc``/``en_doc`` (Documents) the texts are filled in."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    pairs = parse_align_lines(lines, str(path))
    if zh_doc is not None and en_doc is not None:
        for zh_ids, en_ids in pairs:
            for ids, doc, side in ((zh_ids, zh_doc, "Chinese"), (en_ids, en_doc, "English")):
                if ids and max(ids) >= len(doc.sentences):
                    raise InputError(f"{path}: sentence {max(ids)} is beyond the {side} document's {len(doc.sentences)} sentences")
        return Bitext.from_documents(zh_doc, en_doc, [(z, e, None, ()) for z, e in pairs])
    beads = [Bead(zh_ids=z, en_ids=e, zh_text="", en_text="", id=str(n)) for n, (z, e) in enumerate(pairs, start=1)]
    return Bitext(beads=beads)


@register
class AlignFile(BitextFormat):
    name = "align"
    extensions = (".align",)

    def write(self, bitext, path, force=False, export=None, **options):
        return write_align(bitext, path, force, **options)

    def read(self, path, **options):
        return read_align(path, **options)
