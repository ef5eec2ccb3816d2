"""A TMX whose XML declaration names a single-byte encoding over UTF-8 bytes.

Some tools write ``<?xml version="1.0" encoding="ISO-8859-1"?>`` (or windows-1252)
and then UTF-8 text: read as declared, every Chinese character becomes two or
three Latin letters and the memory is garbage. When the declaration names such an
encoding but the first non-ASCII bytes are well-formed UTF-8 multi-byte sequences
(which Latin-1 text almost never is), the file is read as UTF-8 and a
:class:`ReadWarning` says so.
"""

from __future__ import annotations

import codecs
import re
import warnings
from pathlib import Path

from align.formats.base import ReadWarning

_DECLARATION = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_SINGLE_BYTE = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "iso-8859-15", "windows-1252", "cp1252", "us-ascii", "ascii"}
_SCAN = 1 << 16  # bytes read per step while looking for the first non-ASCII byte
_LIMIT = 64 << 20  # stop looking after this much ASCII: nothing to misread so far


def _declared(head: bytes) -> str | None:
    match = _DECLARATION.match(head)
    return match.group(1).decode("ascii").lower() if match else None


def _non_ascii_window(path: Path) -> bytes:
    """Up to 4 KiB starting at the first non-ASCII byte (empty when the file is ASCII as far as looked)."""
    with open(path, "rb") as handle:
        offset = 0
        while offset < _LIMIT:
            chunk = handle.read(_SCAN)
            if not chunk:
                return b""
            for index, byte in enumerate(chunk):
                if byte >= 0x80:
                    handle.seek(offset + index)
                    return handle.read(4096)
            offset += len(chunk)
    return b""


def override_encoding(path: Path) -> str | None:
    """``"UTF-8"`` when the declaration says single-byte but the bytes are UTF-8 (with a warning), else None."""
    with open(path, "rb") as handle:
        head = handle.read(200)
    declared = _declared(head)
    if declared not in _SINGLE_BYTE:
        return None
    window = _non_ascii_window(path)
    if not window:
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(window, final=False)
    except UnicodeDecodeError:
        return None  # really single-byte text
    warnings.warn(
        f"{path}: the XML declaration says {declared.upper()} but the text is UTF-8; read as UTF-8",
        ReadWarning,
        stacklevel=4,
    )
    return "UTF-8"
