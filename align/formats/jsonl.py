"""JSONL: a header line with the Bitext's signature and metadata, then one bead per line.

Lossless both ways (floats are written with ``repr`` precision by :mod:`json`).
Header: ``{"format": "bitext-jsonl", "version": 1, "signature": {...}, "zh_name", "en_name",
"zh_lang", "en_lang", "document_score", "details": {...}, "export": {...}, "tool": "bitext X.Y"}``.
Bead: ``{"id", "zh_ids", "en_ids", "zh", "en", "confidence", "reasons", "meta"}``. Both carry
``"extra"`` when another tool's file had more to keep (``Bead.extra``/``Bitext.extra``, e.g. TMX notes and props).
A file of bead lines without the header line reads too (with default metadata).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from align.core.atomic import atomic_open
from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.formats.base import BitextFormat, parse_confidence
from align.formats.registry import register

FORMAT = "bitext-jsonl"


def write_jsonl(bitext: Bitext, path: str | os.PathLike, force: bool = False, *, export: dict[str, str] | None = None) -> int:
    from align.core.version import __version__

    header = {
        "format": FORMAT,
        "version": 1,
        "tool": f"bitext {__version__}",
        "signature": bitext.signature,
        "zh_name": bitext.zh_name,
        "en_name": bitext.en_name,
        "zh_lang": bitext.zh_lang,
        "en_lang": bitext.en_lang,
        "document_score": bitext.document_score,
        "details": bitext.details,
        "export": dict(export or {}),
    }
    if bitext.extra:
        header["extra"] = bitext.extra
    count = 0
    with atomic_open(path, "w", force=force, newline="\n") as handle:
        handle.write(json.dumps(header, ensure_ascii=False) + "\n")
        for count, bead in enumerate(bitext.beads, start=1):
            row = {
                "id": bead.id or str(count),
                "zh_ids": list(bead.zh_ids),
                "en_ids": list(bead.en_ids),
                "zh": bead.zh_text,
                "en": bead.en_text,
                "confidence": bead.confidence,
                "reasons": list(bead.reasons),
                "meta": bead.meta,
            }
            if bead.extra:
                row["extra"] = bead.extra
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count


def _ids(value, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        raise InputError(f"{where}: sentence ids must be a list of integers, got {value!r}")
    return tuple(value)


def _strings(mapping) -> dict[str, str]:
    return {str(k): str(v) for k, v in (mapping or {}).items()}


def _mapping(value, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{where}: \"extra\" must be a JSON object, got {type(value).__name__}")
    return value


def read_jsonl(path: str | os.PathLike) -> Bitext:
    path = Path(path)
    bitext = Bitext()
    beads: list[Bead] = []
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for line_number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}: line {line_number}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    raise InputError(f"{where}: not JSON ({error.msg} at column {error.colno})") from None
                if not isinstance(row, dict):
                    raise InputError(f"{where}: expected a JSON object per line")
                if row.get("format") == FORMAT:
                    bitext = Bitext(
                        signature=_strings(row.get("signature")),
                        zh_name=row.get("zh_name") or "",
                        en_name=row.get("en_name") or "",
                        zh_lang=row.get("zh_lang") or "zh-CN",
                        en_lang=row.get("en_lang") or "en",
                        document_score=row.get("document_score"),
                        details=_strings(row.get("details")),
                        extra=_mapping(row.get("extra"), where),
                    )
                    continue
                if "zh" not in row or "en" not in row:
                    raise InputError(f"{where}: a bead needs \"zh\" and \"en\" fields (got {', '.join(row)})")
                confidence = row.get("confidence")
                beads.append(
                    Bead(
                        zh_ids=_ids(row.get("zh_ids", []), where),
                        en_ids=_ids(row.get("en_ids", []), where),
                        zh_text=str(row["zh"]),
                        en_text=str(row["en"]),
                        confidence=None if confidence is None else parse_confidence(str(confidence), where),
                        reasons=tuple(row.get("reasons") or ()),
                        id=str(row.get("id") or len(beads) + 1),
                        meta=_strings(row.get("meta")),
                        extra=_mapping(row.get("extra"), where),
                    )
                )
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    bitext.beads = beads
    return bitext


@register
class Jsonl(BitextFormat):
    name = "jsonl"
    extensions = (".jsonl",)
    streams = True
    keeps_signature = True

    def write(self, bitext, path, force=False, **options):
        return write_jsonl(bitext, path, force, **options)

    def read(self, path, **options):
        return read_jsonl(path, **options)
