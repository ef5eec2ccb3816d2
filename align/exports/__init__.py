"""Exports translators use: TMX 1.4b, TSV/CSV, the XLSX review sheet, Moses, JSONL, ``.align``, HTML.

>>> from align.exports import write_bitext, read_bitext
>>> write_bitext(bt, "exports/x.tmx", min_confidence=0.5)     # format from the extension
>>> write_bitext(bt, "exports/x", fmt="moses")                 # exports/x.zh + exports/x.en
>>> bt2 = read_bitext("exports/x.tmx")                         # same beads, ids, confidence

Every writer is atomic (temporary file renamed into place) and refuses to
overwrite without ``force``. ``min_confidence`` filters and ``zh_output``
converts the Chinese side (``original``/``simplified``/``traditional``) in
every format. Texts a format cannot hold are changed with an
:class:`ExportWarning` naming the bead (see :mod:`align.exports.base`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..bitext import Bitext
from ..errors import UsageError
from .base import ExportWarning, ReadWarning, prepared

FORMATS = ("tmx", "tsv", "csv", "xlsx", "jsonl", "moses", "align", "html")
READABLE = ("tmx", "tsv", "csv", "xlsx", "jsonl", "moses", "align")
EXTENSIONS = {
    ".tmx": "tmx", ".tsv": "tsv", ".tab": "tsv", ".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl",
    ".align": "align", ".html": "html", ".htm": "html", ".zh": "moses", ".en": "moses",
}

__all__ = ["write_bitext", "read_bitext", "convert", "import_review", "format_for", "ExportWarning", "ReadWarning", "FORMATS"]


def format_for(path: str | os.PathLike, fmt: str | None = None, readable: bool = False) -> str:
    """The format named by ``fmt`` or by the file's extension."""
    choices = READABLE if readable else FORMATS
    if fmt:
        fmt = fmt.lower().lstrip(".")
        if fmt not in choices:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(choices)}")
        return fmt
    suffix = Path(path).suffix.lower()
    found = EXTENSIONS.get(suffix)
    if found is None or found not in choices:
        known = ", ".join(sorted(k for k, v in EXTENSIONS.items() if v in choices))
        raise UsageError(f"cannot tell the format of {path} from its extension ({known}); give --format (e.g. --format moses)")
    return found


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

    Options by format: ``zh_lang``/``en_lang`` (BCP-47 codes, any format that
    records languages; TMX default ``zh-CN``), ``segtype`` (TMX), ``bom`` (TSV/CSV),
    ``bands`` (XLSX colour thresholds).
    """
    from .. import __version__

    fmt = format_for(path, fmt)
    zh_lang = options.pop("zh_lang", None)
    view = prepared(bitext, min_confidence, zh_output, zh_lang)
    export = {
        "format": fmt,
        "zh-output": zh_output,
        "min-confidence": "none" if min_confidence is None else repr(float(min_confidence)),
        "bitext": __version__,
    }
    if fmt == "tmx":
        from .tmx import write_tmx

        return write_tmx(view, path, force, export=export, **options)
    if fmt in ("tsv", "csv"):
        from .tabular import write_csv, write_tsv

        return (write_tsv if fmt == "tsv" else write_csv)(view, path, force, **options)
    if fmt == "xlsx":
        from .xlsx import write_xlsx

        return write_xlsx(view, path, force, **options)
    if fmt == "jsonl":
        from .jsonl import write_jsonl

        return write_jsonl(view, path, force, export=export, **options)
    if fmt == "moses":
        from .moses import write_moses

        return write_moses(view, path, force, **options)
    if fmt == "align":
        from .alignfmt import write_align

        return write_align(view, path, force, **options)
    from .html import write_html  # written by the HTML helper

    result = write_html(view, path, force=force, **options)
    return result if isinstance(result, int) else len(view.beads)


def read_bitext(path: str | os.PathLike, fmt: str | None = None, **options: Any) -> Bitext:
    """Read a Bitext from any readable format (TMX, TSV, CSV, XLSX review sheet, JSONL, Moses, .align)."""
    fmt = format_for(path, fmt, readable=True)
    if fmt == "tmx":
        from .tmx import read_tmx

        return read_tmx(path, **options)
    if fmt in ("tsv", "csv"):
        from .tabular import read_csv, read_tsv

        return (read_tsv if fmt == "tsv" else read_csv)(path, **options)
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path, **options)
    if fmt == "jsonl":
        from .jsonl import read_jsonl

        return read_jsonl(path, **options)
    if fmt == "moses":
        from .moses import read_moses

        return read_moses(path, **options)
    from .alignfmt import read_align

    return read_align(path, **options)


def _check_target(target: str | os.PathLike, fmt: str, force: bool) -> None:
    """Refuse an existing output before spending time reading the input."""
    from ..atomic import check_writable

    if fmt == "moses":
        from .moses import moses_paths

        for path in moses_paths(target):
            check_writable(path, force)
    else:
        check_writable(target, force)


def convert(
    source: str | os.PathLike,
    target: str | os.PathLike,
    fmt: str | None = None,
    source_fmt: str | None = None,
    force: bool = False,
    min_confidence: float | None = None,
    zh_output: str = "original",
    **options: Any,
) -> int:
    """Read ``source`` and write it as ``target``; nothing is written if reading fails."""
    target_fmt = format_for(target, fmt)  # a bad target name fails before the read
    _check_target(target, target_fmt, force)
    bitext = read_bitext(source, source_fmt)
    return write_bitext(bitext, target, target_fmt, force, min_confidence, zh_output, **options)


def import_review(
    review: str | os.PathLike, target: str | os.PathLike, fmt: str | None = None, force: bool = False, **options: Any
) -> dict[str, int]:
    """Turn a reviewed XLSX sheet into ``target`` (TMX, JSONL, ...); returns the review's counts."""
    from .xlsx import read_review

    target_fmt = format_for(target, fmt)
    _check_target(target, target_fmt, force)
    bitext, summary = read_review(review)
    summary["written"] = write_bitext(bitext, target, target_fmt, force, **options)
    return dict(summary)
