"""Texts longer than a spreadsheet cell holds, carried over continuation columns instead of cut.

Excel and LibreOffice hold at most 32,767 characters in a cell (counted in
UTF-16 units). A longer text is written in pieces: the first in its own column
(``zh``), the rest in columns ``zh (continued 2)``, ``zh (continued 3)``... at
the end of the sheet; reading joins them back, so nothing is lost.
"""

from __future__ import annotations

import re
from typing import Iterable

CELL_LIMIT = 32767
CONTINUED = re.compile(r"^(?P<column>.+) \(continued (?P<part>\d+)\)$")


def continued(column: str, part: int) -> str:
    return f"{column} (continued {part})"


def pieces(text: str, limit: int = CELL_LIMIT) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` UTF-16 units, never inside a character."""
    if len(text) <= limit // 2 or len(text.encode("utf-16-le")) // 2 <= limit:
        return [text]
    out, start, units = [], 0, 0
    for index, char in enumerate(text):
        width = 2 if ord(char) > 0xFFFF else 1
        if units + width > limit:
            out.append(text[start:index])
            start, units = index, 0
        units += width
    out.append(text[start:])
    return out


def split_long(header: list[str], rows: list[list], limit: int = CELL_LIMIT) -> tuple[list[str], list[list]]:
    """Rows whose texts fit in cells: long texts cut, the rest of each in continuation columns appended at the end."""
    extra: dict[tuple[int, int], int] = {}  # (column index, part) -> position among the extra columns
    cut: list[tuple[int, list[str]]] = []
    for row_number, row in enumerate(rows):
        for column, value in enumerate(row):
            if isinstance(value, str) and len(value) > limit // 2:
                parts = pieces(value, limit)
                if len(parts) > 1:
                    cut.append((row_number, [column, *parts]))
                    for part in range(2, len(parts) + 1):
                        extra.setdefault((column, part), len(extra))
    if not cut:
        return header, rows
    order = sorted(extra, key=lambda key: (key[0], key[1]))
    position = {key: len(header) + k for k, key in enumerate(order)}
    new_header = header + [continued(header[column], part) for column, part in order]
    new_rows = [list(row) + [""] * len(order) for row in rows]
    for row_number, (column, *parts) in cut:
        new_rows[row_number][column] = parts[0]
        for part, text in enumerate(parts[1:], start=2):
            new_rows[row_number][position[(column, part)]] = text
    return new_header, new_rows


def join_continued(records: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """Records with continuation columns folded back into their column (in part order) and removed."""
    joined = []
    for record in records:
        parts: dict[str, list[tuple[int, str]]] = {}
        plain = {}
        for column, value in record.items():
            match = CONTINUED.match(str(column))
            if match:
                parts.setdefault(match["column"], []).append((int(match["part"]), str(value)))
            else:
                plain[column] = value
        for column, values in parts.items():
            plain[column] = str(plain.get(column, "")) + "".join(value for _, value in sorted(values))
        joined.append(plain)
    return joined
