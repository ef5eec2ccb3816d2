"""What every export format shares: bead fields as text, XML-legal text, warnings.

Warnings policy: a writer that has to change a text to make it fit a format
(XML-illegal control characters in TMX/XLSX, line breaks in Moses) emits an
:class:`ExportWarning` through Python's :mod:`warnings`, naming the bead. Library
users see them the Python way (and can filter or escalate them); the CLI collects
them and prints each as ``warning: ...`` on stderr (see ``align.cli.exporting``).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from typing import Iterable, Iterator

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError, UsageError


class ExportWarning(UserWarning):
    """A text had to be changed to fit the output format; the message names the bead."""


# XML 1.0 Char production: everything else (C0 controls except TAB/LF/CR,
# lone surrogates from surrogateescape decoding, U+FFFE/U+FFFF) cannot appear
# in a TMX or XLSX file, not even as a character reference.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_legal(text: str, bead_id: str, side: str) -> str:
    """``text`` without XML-illegal characters; warns naming the bead and the characters."""
    if not _XML_ILLEGAL.search(text):
        return text
    found = sorted({f"U+{ord(c):04X}" for c in _XML_ILLEGAL.findall(text)})
    count = len(_XML_ILLEGAL.findall(text))
    warnings.warn(
        f"bead {bead_id or '?'}: removed {count} XML-illegal character(s) ({', '.join(found)}) from the {side} text",
        ExportWarning,
        stacklevel=3,
    )
    return _XML_ILLEGAL.sub("", text)


def format_ids(ids: Iterable[int], sep: str = ",") -> str:
    return sep.join(str(i) for i in ids)


_ID_SPLIT = re.compile(r"[,\s]+")


def parse_ids(text: str | None, where: str) -> tuple[int, ...]:
    """``"0,1"`` or ``"0 1"`` (or ``"[0, 1]"``) → ``(0, 1)``; empty → ``()``."""
    text = (text or "").strip().strip("[]").strip()
    if not text:
        return ()
    try:
        return tuple(int(part) for part in _ID_SPLIT.split(text) if part)
    except ValueError:
        raise InputError(f"{where}: sentence ids must be integers separated by commas or spaces, got {text!r}") from None


def format_confidence(confidence: float | None) -> str:
    # repr() is the shortest text that reads back to the same float: lossless.
    return "" if confidence is None else repr(float(confidence))


def parse_confidence(text: str | None, where: str) -> float | None:
    text = (text or "").strip()
    if not text or text.lower() in ("none", "nan", "null"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"{where}: confidence must be a number between 0 and 1, got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise InputError(f"{where}: confidence must be between 0 and 1, got {text!r}")
    return value


def format_reasons(reasons: Iterable[str]) -> str:
    return " ".join(reasons)


def parse_reasons(text: str | None) -> tuple[str, ...]:
    return tuple((text or "").replace(",", " ").split())


ZH_OUTPUTS = ("original", "simplified", "traditional")


def zh_converter(zh_output: str):
    """The function applied to Chinese text on export (identity unless asked)."""
    if zh_output == "original":
        return None
    if zh_output == "simplified":
        from align.core.normalize import to_simplified

        return to_simplified
    if zh_output == "traditional":
        from align.core.normalize import to_traditional

        return to_traditional
    raise UsageError(f"--zh-output must be one of {', '.join(ZH_OUTPUTS)}, got {zh_output!r}")


def prepared_beads(
    beads: Iterable[Bead], min_confidence: float | None = None, zh_output: str = "original"
) -> Iterator[Bead]:
    """Beads filtered by confidence and with the Chinese side converted, lazily (streaming-safe)."""
    convert = zh_converter(zh_output)
    for bead in beads:
        if min_confidence is not None and bead.confidence is not None and bead.confidence < min_confidence:
            continue
        if convert is not None and bead.zh_text:
            bead = bead.with_(zh_text=convert(bead.zh_text))
        yield bead


def prepared(bitext: Bitext, min_confidence: float | None = None, zh_output: str = "original", zh_lang: str | None = None) -> Bitext:
    """A Bitext whose beads are a lazy filtered/converted view; other fields copied."""
    from align.formats.langcodes import chinese_code, is_traditional

    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, got {min_confidence}")
    if zh_lang is not None:
        lang = chinese_code(zh_lang)
    else:
        lang = chinese_code(bitext.zh_lang or None)
        # Converting the script without a code saying so would mislabel every tuv.
        if zh_output == "traditional" and not is_traditional(lang):
            lang = "zh-TW"
        elif zh_output == "simplified" and is_traditional(lang):
            lang = "zh-CN"
    beads = bitext.beads
    if min_confidence is not None or zh_output != "original":
        if isinstance(bitext.beads, list):
            beads = list(prepared_beads(beads, min_confidence, zh_output))
        elif iter(bitext.beads) is bitext.beads:  # a one-pass iterator stays one
            beads = prepared_beads(beads, min_confidence, zh_output)
        else:  # a stream read again from disk on every pass stays one too
            beads = _Prepared(bitext.beads, min_confidence, zh_output)
    return replace(bitext, beads=beads, zh_lang=lang)


class _Prepared:
    """``prepared_beads`` over a re-iterable source, itself re-iterable (a writer may take two passes)."""

    def __init__(self, source, min_confidence, zh_output):
        self.source, self.min_confidence, self.zh_output = source, min_confidence, zh_output

    def __iter__(self) -> Iterator[Bead]:
        return prepared_beads(self.source, self.min_confidence, self.zh_output)


class ReadWarning(UserWarning):
    """An input file was read, but something in it was left out (e.g. a third language)."""


class BitextFormat:
    """One file format, as translate-toolkit's storage classes: its name, the extensions that select it,
    what it can do, and a ``write``/``read`` pair that round-trips what the format can hold.

    ``streams``: the writer keeps memory flat over a stream of beads. ``routes_confidence``:
    the writer applies ``min_confidence`` itself (default ``default_min_confidence``), as
    TMX does to keep a CAT tool's memory safe. ``keeps_signature``: the format records the Bitext's signature and metadata
    (TMX, JSONL, the XLSX ``about`` sheet, the HTML page); the others carry the
    pairs only. Subclasses register with :func:`align.formats.registry.register`.
    """

    name: str = ""
    extensions: tuple[str, ...] = ()
    readable: bool = True
    keeps_signature: bool = False
    # the writer takes beads as they come (a stream), without a list of them all
    streams: bool = False
    # a memory for CAT tools: the writer itself sorts beads by confidence (``min_confidence``, its default below)
    routes_confidence: bool = False
    default_min_confidence: float | None = None

    def write(self, bitext: Bitext, path, force: bool = False, **options) -> int:
        raise NotImplementedError

    def read(self, path, **options) -> Bitext:
        raise UsageError(f"bitext cannot read {self.name} files")

    def stream(self, path, progress=None, **options) -> Bitext:
        """A Bitext whose beads may be read lazily (``progress(done, total)`` as they are); by default: ``read``."""
        return self.read(path, **options)

    def targets(self, path) -> list:
        """The files a write creates (Moses writes two)."""
        from pathlib import Path

        return [Path(path)]
