"""The registry of bitext file formats, and the calls that pick one: by name or by extension.

>>> from align.formats import write_bitext, read_bitext
>>> write_bitext(bt, "exports/x.tmx", min_confidence=0.5)     # format from the extension
>>> write_bitext(bt, "exports/x", fmt="moses")                 # exports/x.zh + exports/x.en
>>> bt2 = read_bitext("exports/x.tmx")                         # same beads, ids, confidence
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from align.core.atomic import check_writable
from align.core.bitext import Bitext
from align.core.errors import UsageError
from align.formats.base import BitextFormat, prepared

_FORMATS: dict[str, BitextFormat] = {}


def register(cls: type[BitextFormat]) -> type[BitextFormat]:
    """Class decorator: make a format available by name and by its extensions."""
    instance = cls()
    _FORMATS[instance.name] = instance
    return cls


def names(readable: bool = False) -> tuple[str, ...]:
    return tuple(name for name, f in _FORMATS.items() if f.readable or not readable)


def get_format(name: str) -> BitextFormat:
    return _FORMATS[name]


def format_for(path: str | os.PathLike, fmt: str | None = None, readable: bool = False) -> str:
    """The format named by ``fmt`` or by the file's extension."""
    choices = names(readable)
    if fmt:
        fmt = fmt.lower().lstrip(".")
        if fmt not in choices:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(choices)}")
        return fmt
    suffix = Path(path).suffix.lower()
    for name in choices:
        if suffix in _FORMATS[name].extensions:
            return name
    known = ", ".join(sorted(ext for name in choices for ext in _FORMATS[name].extensions))
    raise UsageError(f"cannot tell the format of {path} from its extension ({known}); give --format (e.g. --format moses)")


def write_bitext(
    bitext: Bitext,
    path: str | os.PathLike,
    fmt: str | None = None,
    force: bool = False,
    min_confidence: float | None = None,
    zh_output: str = "original",
    **options: Any,
) -> int:
    """Write ``bitext`` to ``path`` in ``fmt`` (default: from the extension); returns the units written.

    ``min_confidence`` None means the format's default: none, except TMX (0.5, see
    :mod:`align.formats.tmx.safety`). Options by format: ``zh_lang``/``en_lang`` (BCP-47 codes, any format that
    records languages; TMX default ``zh-CN``), ``segtype``, ``penalty`` (path of the
    below-threshold memory), ``keep_omissions`` and ``source_lang`` (TMX), ``bom`` (TSV/CSV),
    ``bands`` (XLSX and HTML colour thresholds).
    """
    from align.core.version import __version__

    name = format_for(path, fmt)
    target = _FORMATS[name]
    zh_lang = options.pop("zh_lang", None)
    for option, flag in (("penalty", "--penalty-tmx"), ("keep_omissions", "--keep-omissions"), ("source_lang", "--source-lang")):
        if options.get(option) not in (None, False) and not target.routes_confidence:
            raise UsageError(f"{flag} is for TMX output, not {name}")
        if options.get(option) is None:
            options.pop(option, None)
    threshold = target.default_min_confidence if min_confidence is None else min_confidence
    if target.routes_confidence:
        view = prepared(bitext, None, zh_output, zh_lang)
        options["min_confidence"] = threshold
    else:
        view = prepared(bitext, threshold, zh_output, zh_lang)
    export = {
        "format": name,
        "zh-output": zh_output,
        "min-confidence": "none" if threshold is None else repr(float(threshold)),
        "bitext": __version__,
    }
    return target.write(view, path, force, export=export, **options)


def read_bitext(path: str | os.PathLike, fmt: str | None = None, **options: Any) -> Bitext:
    """Read a Bitext from any readable format (TMX, TSV, CSV, XLSX review sheet, JSONL, Moses, .align)."""
    return _FORMATS[format_for(path, fmt, readable=True)].read(path, **options)


def stream_bitext(path: str | os.PathLike, fmt: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Bitext:
    """A Bitext to iterate once or more: its beads stream from the file where the format can (TMX), else are read whole.

    ``progress(bytes read, file size)`` is called as a stream is read.
    """
    return _FORMATS[format_for(path, fmt, readable=True)].stream(path, progress=progress)


def check_targets(target: str | os.PathLike, fmt: str, force: bool) -> None:
    """Refuse an existing output before spending time reading or aligning."""
    for path in _FORMATS[fmt].targets(target):
        check_writable(path, force)


def convert(
    source: str | os.PathLike,
    target: str | os.PathLike,
    fmt: str | None = None,
    source_fmt: str | None = None,
    force: bool = False,
    min_confidence: float | None = None,
    zh_output: str = "original",
    progress: Callable[[int, int], None] | None = None,
    **options: Any,
) -> int:
    """Read ``source`` and write it as ``target``; nothing is written if reading fails.

    Between formats that stream (TMX in; TMX, TSV, CSV, JSONL, Moses out) the beads
    flow from one file to the other and memory stays flat whatever the size
    (TSV/CSV read the input twice: once for their columns). ``progress(done, total)``
    is called as the input is read (bytes, when the input streams).
    """
    target_fmt = format_for(target, fmt)  # a bad target name fails before the read
    check_targets(target, target_fmt, force)
    if options.get("penalty") is not None:
        check_writable(options["penalty"], force)
    source_format = _FORMATS[format_for(source, source_fmt, readable=True)]
    if _FORMATS[target_fmt].streams:
        bitext = source_format.stream(source, progress=progress)
    else:
        bitext = source_format.read(source)
    return write_bitext(bitext, target, target_fmt, force, min_confidence, zh_output, **options)
