"""The benchmark id format: one bead per line, ``[0,1]:[2]`` (Chinese ids : English ids).

This is the gold format of the benchmarks in ``/work/shared/benchmarks`` (and
Bertalign/Vecalign's output, which may add ``:cost`` as a third field; it is read
and ignored, since a cost is not a probability). It carries ids only; texts come
back when the two Documents are given.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..atomic import atomic_open
from ..bitext import Bead, Bitext
from ..errors import InputError
from .base import parse_ids

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*[-+0-9.eE]+\s*)?$")


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
    pairs = []
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        where = f"{path}: line {line_number}"
        if not match:
            raise InputError(f"{where}: expected an alignment like [0,1]:[2], got {line.strip()[:60]!r}")
        pairs.append((parse_ids(match.group(1), where), parse_ids(match.group(2), where)))
    if zh_doc is not None and en_doc is not None:
        for zh_ids, en_ids in pairs:
            for ids, doc, side in ((zh_ids, zh_doc, "Chinese"), (en_ids, en_doc, "English")):
                if ids and max(ids) >= len(doc.sentences):
                    raise InputError(f"{path}: sentence {max(ids)} is beyond the {side} document's {len(doc.sentences)} sentences")
        return Bitext.from_documents(zh_doc, en_doc, [(z, e, None, ()) for z, e in pairs])
    beads = [Bead(zh_ids=z, en_ids=e, zh_text="", en_text="", id=str(n)) for n, (z, e) in enumerate(pairs, start=1)]
    return Bitext(beads=beads)
