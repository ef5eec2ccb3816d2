"""What XLIFF and PO readers share: which side is Chinese, and how a foreign unit becomes a bead.

Bilingual files say *source* and *target*, not Chinese and English. The side
whose language code starts with ``zh`` is the Chinese one; without codes (or
with codes for neither), the side with more Han characters is. Units written
by bitext carry their sentence ids, confidence and reasons; units from other
tools are numbered in file order, and those with no translation are left out
with a :class:`~align.formats.base.ReadWarning` (they are not aligned material).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.core.signature import Signature, signature_text
from align.core.text import HAN
from align.formats.base import ReadWarning, format_confidence, parse_confidence, parse_ids, parse_reasons


@dataclass
class Unit:
    source: str
    target: str | None  # None: no translation
    id: str = ""
    attributes: dict[str, str] = field(default_factory=dict)  # bitext's own: zh-ids, en-ids, confidence, reasons
    meta: dict[str, str] = field(default_factory=dict)


def zh_is_source(source_lang: str | None, target_lang: str | None, units: list[Unit], path) -> bool:
    source_lang, target_lang = (source_lang or "").lower(), (target_lang or "").lower()
    if source_lang.startswith("zh") != target_lang.startswith("zh"):
        return source_lang.startswith("zh")
    source_han = sum(len(HAN.findall(u.source)) for u in units)
    target_han = sum(len(HAN.findall(u.target or "")) for u in units)
    if source_han == target_han == 0:
        raise InputError(f"{path}: neither side is Chinese (languages {source_lang or '?'} and {target_lang or '?'}, no Han characters)")
    return source_han >= target_han


def beads_from_units(units: list[Unit], zh_source: bool, path) -> list[Bead]:
    beads: list[Bead] = []
    next_zh = next_en = 0
    untranslated = 0
    for number, unit in enumerate(units, start=1):
        where = f"{path}: unit {unit.id or number}"
        zh_text, en_text = (unit.source, unit.target or "") if zh_source else (unit.target or "", unit.source)
        own = unit.attributes
        if "zh-ids" in own or "en-ids" in own:
            zh_ids, en_ids = parse_ids(own.get("zh-ids"), where), parse_ids(own.get("en-ids"), where)
        elif not (unit.target or "").strip() or not unit.source.strip():
            untranslated += 1
            continue
        else:
            zh_ids, en_ids = (next_zh,), (next_en,)
            next_zh, next_en = next_zh + 1, next_en + 1
        beads.append(
            Bead(
                zh_ids=zh_ids,
                en_ids=en_ids,
                zh_text=zh_text,
                en_text=en_text,
                confidence=parse_confidence(own.get("confidence"), where),
                reasons=parse_reasons(own.get("reasons")),
                id=unit.id or str(number),
                meta=dict(unit.meta),
            )
        )
    if untranslated:
        warnings.warn(f"{path}: left out {untranslated} unit(s) without a translation", ReadWarning, stacklevel=3)
    if not beads:
        raise InputError(f"{path}: no translated units")
    return beads


def header_fields(bitext: Bitext) -> list[tuple[str, str]]:
    """What TMX keeps in its header, as (key, value): ``signature``, ``zh-document``, ``en-document``,
    ``document-score`` and ``detail:KEY``; XLIFF writes them as header notes, PO as ``X-Bitext-*`` fields."""
    fields = []
    if bitext.signature:
        fields.append(("signature", signature_text(bitext.signature)))
    for key, value in (("zh-document", bitext.zh_name), ("en-document", bitext.en_name)):
        if value:
            fields.append((key, value))
    if bitext.document_score is not None:
        fields.append(("document-score", format_confidence(bitext.document_score)))
    fields.extend((f"detail:{key}", value) for key, value in bitext.details.items())
    return fields


def read_header_field(bitext: Bitext, key: str, value: str, where) -> None:
    """Put one of :func:`header_fields`' (key, value) back into ``bitext``; other keys are not bitext's and are ignored."""
    if key == "signature":
        bitext.signature = Signature.parse(value).to_dict()
    elif key == "zh-document":
        bitext.zh_name = value
    elif key == "en-document":
        bitext.en_name = value
    elif key == "document-score":
        bitext.document_score = parse_confidence(value, f"{where}: document score")
    elif key.startswith("detail:"):
        bitext.details[key[len("detail:") :]] = value
