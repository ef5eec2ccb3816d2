"""Limits on what a spreadsheet may unpack to, checked on the zip directory before openpyxl or odfpy reads it.

An XLSX or ODS file is a zip archive; a few megabytes can declare gigabytes of
XML (a "zip bomb"). The sizes each member declares are checked first; Python's
zipfile never inflates a member past its declared size (it stops with a CRC
error), so a lying header cannot get round the check.

The limits are settings: ``read_review(path, limits=UnpackLimits(member=..., total=...))``.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from align.core.errors import InputError


@dataclass(frozen=True)
class UnpackLimits:
    member: int = 256 * 2**20  # bytes one part of the workbook may unpack to (a 100,000-row sheet is ~60 MB)
    total: int = 512 * 2**20  # bytes the whole workbook may unpack to
    ratio: int = 1000  # unpacked / packed bytes of one member beyond which it is a bomb, not a sheet (over 1 MB)


DEFAULT_LIMITS = UnpackLimits()


def check_archive(path: Path, limits: UnpackLimits = DEFAULT_LIMITS) -> None:
    """Refuse a workbook whose parts declare more than ``limits`` allow, before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        kind = "ODS" if path.suffix.lower() == ".ods" else "XLSX"
        raise InputError(f"{path}: not a readable {kind} workbook (not a zip archive: {error})") from None
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.member or (member.file_size > 2**20 and ratio > limits.ratio):
            raise InputError(
                f"{path}: part {member.filename} would unpack to {_size(member.file_size)} "
                f"({ratio:,.0f} times its packed size; limit {_size(limits.member)}); refusing to read it"
            )
        if total > limits.total:
            raise InputError(f"{path}: the workbook would unpack to more than {_size(limits.total)}; refusing to read it")


def _size(count: int) -> str:
    return f"{count / 2**20:,.1f} MB" if count >= 2**20 else f"{count:,} bytes"
