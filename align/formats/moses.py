"""Moses-style parallel text: ``NAME.zh`` and ``NAME.en``, line *i* of one translating line *i* of the other.

``path`` may be the prefix (``corpus``) or either file (``corpus.zh`` / ``corpus.en``).
An omission bead gives an empty line on its empty side, so the line numbers stay
paired (Moses' ``clean-corpus-n.perl`` drops such pairs when training). A line
break inside a text would shift every following line, so it is written as a
space, with an :class:`ExportWarning` naming the bead. Only the texts survive:
ids, confidence and metadata need TMX or JSONL.
"""

from __future__ import annotations

import os
import re
import warnings
from contextlib import ExitStack
from pathlib import Path

from align.core.atomic import atomic_open, check_writable
from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.formats.base import BitextFormat, ExportWarning
from align.formats.registry import register

_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e]")


def moses_paths(path: str | os.PathLike, zh_suffix: str = "zh", en_suffix: str = "en") -> tuple[Path, Path]:
    path = Path(path)
    if path.suffix in (f".{zh_suffix}", f".{en_suffix}"):
        path = path.with_suffix("")
    return path.with_name(f"{path.name}.{zh_suffix}"), path.with_name(f"{path.name}.{en_suffix}")


def _one_line(text: str, bead: Bead, side: str) -> str:
    if _BREAKS.search(text):
        warnings.warn(f"bead {bead.id or '?'}: line break(s) in the {side} text written as spaces (Moses is one line per segment)", ExportWarning, stacklevel=3)
        return _BREAKS.sub(" ", text)
    return text


def write_moses(bitext: Bitext, path: str | os.PathLike, force: bool = False) -> int:
    zh_path, en_path = moses_paths(path)
    check_writable(zh_path, force)
    check_writable(en_path, force)
    count = 0
    with ExitStack() as stack:
        zh = stack.enter_context(atomic_open(zh_path, "w", force=force, newline="\n"))
        en = stack.enter_context(atomic_open(en_path, "w", force=force, newline="\n"))
        for count, bead in enumerate(bitext.beads, start=1):
            zh.write(_one_line(bead.zh_text, bead, "Chinese") + "\n")
            en.write(_one_line(bead.en_text, bead, "English") + "\n")
    return count


def _lines(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file (Moses parallel text needs NAME.zh and NAME.en)") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def read_moses(path: str | os.PathLike) -> Bitext:
    """Pair line *i* of ``NAME.zh`` with line *i* of ``NAME.en``; different line counts are an error."""
    zh_path, en_path = moses_paths(path)
    zh_lines, en_lines = _lines(zh_path), _lines(en_path)
    if len(zh_lines) != len(en_lines):
        raise InputError(f"{zh_path} has {len(zh_lines)} lines but {en_path} has {len(en_lines)}; Moses files must be line-aligned")
    beads = []
    zh_next = en_next = 0
    for number, (zh, en) in enumerate(zip(zh_lines, en_lines), start=1):
        zh_ids = (zh_next,) if zh else ()
        en_ids = (en_next,) if en else ()
        zh_next += bool(zh)
        en_next += bool(en)
        beads.append(Bead(zh_ids=zh_ids, en_ids=en_ids, zh_text=zh, en_text=en, id=str(number)))
    return Bitext(beads=beads, zh_name=zh_path.name, en_name=en_path.name)


@register
class Moses(BitextFormat):
    name = "moses"
    extensions = (".zh", ".en")
    streams = True

    def write(self, bitext, path, force=False, export=None, **options):
        return write_moses(bitext, path, force, **options)

    def read(self, path, **options):
        return read_moses(path, **options)

    def targets(self, path):
        return list(moses_paths(path))
