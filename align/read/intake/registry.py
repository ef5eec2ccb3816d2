"""Which reader takes a file: by content (magic bytes, zip members) first, then by extension.

Plain text and HTML have no reader here: :func:`reader_for` returns None for
them and ``read_document`` decodes them as before. A file whose extension
names a container format (``.docx``, ``.pdf``...) but whose bytes are not that
format is refused with a one-line reason, never read as something else silently.
"""

from __future__ import annotations

import codecs
from pathlib import PurePath

from align.core.errors import InputError
from align.read.intake import docx, epub, markdown, odt, pdf, subtitles  # noqa: F401  (each registers its reader)
from align.read.intake.base import READERS, DocumentReader
from align.read.intake.safety import zip_names

_ZIPPED = {"docx", "odt", "epub"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: Word 97-2003, and every password-protected Office file


def reader_for(data: bytes, name: str | None) -> DocumentReader | None:
    """The reader for these bytes, or None for plain text and HTML."""
    if data.startswith(_OLE):
        raise InputError(
            f"{name or '<bytes>'}: a password-protected Office file or an old binary .doc/.xls; "
            "open it in Word or LibreOffice and save it as .docx without a password"
        )
    members = zip_names(data)
    for reader in READERS:
        if reader.claims(data, members):
            return reader
    suffix = PurePath(name).suffix.lower() if name else ""
    for reader in READERS:
        if suffix and suffix in reader.extensions:
            if reader.name == "pdf" or (reader.name in _ZIPPED and members is None):
                raise InputError(f"{name}: named {suffix} but is not a {reader.description} ({_what_it_is(data, members)})")
            return reader
    if members is not None:
        raise InputError(f"{name or '<bytes>'}: a zip archive that is not a Word, OpenDocument or EPUB file; unpack it first")
    return None


def _what_it_is(data: bytes, members: frozenset[str] | None) -> str:
    if not data.strip():
        return "the file is empty"
    if members is not None:
        return "a zip archive of another kind"
    if data.startswith(b"PK"):
        return "a damaged zip archive"
    if data.startswith(b"%PDF"):
        return "a damaged PDF"
    sample = data[:4096]
    if b"\x00" not in sample:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
            return "it looks like plain text; rename it to .txt"
        except UnicodeDecodeError:
            pass
    return "unrecognised content"
