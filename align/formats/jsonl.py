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
import re
from pathlib import Path

from align.core.atomic import atomic_open
from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.formats.base import BitextFormat, parse_confidence
from align.formats.registry import register

FORMAT = "bitext-jsonl"
_SURROGATE = re.compile("[\ud800-\udfff]")


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


def _strings(mapping, where: str = "", field: str = "") -> dict[str, str]:
    if mapping is not None and not isinstance(mapping, dict):
        raise InputError(f"{where}: \"{field}\" must be an object of names and values, got {type(mapping).__name__}")
    return {str(k): _text(v, where, field) for k, v in (mapping or {}).items()}


def _text(value, where: str, field: str) -> str:
    """A JSON value as text; strings only for the sides (str() of a list would pass off garbage as a sentence)."""
    if isinstance(value, (dict, list)) and field in ("zh", "en"):
        raise InputError(f"{where}: \"{field}\" must be a string, got {type(value).__name__}")
    text = value if isinstance(value, str) else json.dumps(value) if isinstance(value, (dict, list)) else str(value)
    if _SURROGATE.search(text):  # legal in JSON ("\ud800"), but no character: no UTF-8 writer could write it
        raise InputError(f"{where}: \"{field}\" holds a lone surrogate (U+{ord(_SURROGATE.search(text).group()):04X}), not a character")
    return text


def _score(value, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{where}: \"document_score\" must be a number, got {value!r:.80}")
    return float(value)


def _reasons(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
        raise InputError(f"{where}: \"reasons\" must be a list of strings, got {value!r:.80}")
    return tuple(value)


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
                except RecursionError:
                    raise InputError(f"{where}: JSON nested too deeply") from None
                if not isinstance(row, dict):
                    raise InputError(f"{where}: expected a JSON object per line")
                if row.get("format") == FORMAT:
                    bitext = Bitext(
                        signature=_strings(row.get("signature"), where, "signature"),
                        zh_name=_text(row.get("zh_name") or "", where, "zh_name"),
                        en_name=_text(row.get("en_name") or "", where, "en_name"),
                        zh_lang=_text(row.get("zh_lang") or "zh-CN", where, "zh_lang"),
                        en_lang=_text(row.get("en_lang") or "en", where, "en_lang"),
                        document_score=_score(row.get("document_score"), where),
                        details=_strings(row.get("details"), where, "details"),
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
                        zh_text=_text(row["zh"], where, "zh"),
                        en_text=_text(row["en"], where, "en"),
                        confidence=None if confidence is None else parse_confidence(str(confidence), where),
                        reasons=_reasons(row.get("reasons"), where),
                        id=_text(row.get("id") or len(beads) + 1, where, "id"),
                        meta=_strings(row.get("meta"), where, "meta"),
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
