"""The TMX writer: ``lxml.etree.xmlfile`` serialises one ``<tu>`` at a time, so memory
does not grow with the number of units (the beads may be a generator)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from lxml import etree

from align.core.atomic import atomic_path
from align.core.bitext import Bead, Bitext
from align.core.errors import UsageError
from align.core.signature import signature_text
from align.formats import langcodes
from align.formats.base import format_confidence, format_ids, format_reasons, xml_legal
from align.formats.tmx.props import DETAIL, RESERVED, SIGNATURE, SIGNATURE_ENTRY, XML_LANG

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
O_TMF = "bitext"  # the format the units originally lived in: bitext's own aligned Bitext
SEGTYPES = ("block", "paragraph", "sentence", "phrase")


def _meta_prop(key: str) -> str:
    if key in RESERVED or key.startswith("meta-"):
        return f"x-meta-{key}"
    return f"x-{key}"


def creationdate() -> str:
    """The header's date: now, or ``SOURCE_DATE_EPOCH`` (which makes byte-identical, reproducible exports possible)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = value


def _segtype(bitext: Bitext, segtype: str | None) -> str:
    if segtype is None:
        for key in ("segtype", "unit", "level"):
            if bitext.signature.get(key) in SEGTYPES:
                return bitext.signature[key]
        return "sentence"
    if segtype not in SEGTYPES:
        raise UsageError(f"segtype must be one of {', '.join(SEGTYPES)}, got {segtype!r}")
    return segtype


def _header(bitext: Bitext, zh_lang: str, segtype: str, adminlang: str, datatype: str, export: dict[str, str],
            date: str | None = None) -> etree._Element:
    from align.core.version import __version__

    header = etree.Element(
        "header",
        creationtool="bitext",
        creationtoolversion=__version__,
        segtype=segtype,
        **{"o-tmf": O_TMF},
        adminlang=adminlang,
        srclang=zh_lang,
        datatype=datatype,
        creationdate=date or creationdate(),
    )
    clean = lambda text: xml_legal(str(text), "header", "header")  # noqa: E731
    _prop(header, SIGNATURE, clean(signature_text(bitext.signature)))
    for key, value in bitext.signature.items():
        _prop(header, f"{SIGNATURE_ENTRY}{clean(key)}", clean(value))
    if bitext.zh_name:
        _prop(header, "x-zh-document", clean(bitext.zh_name))
    if bitext.en_name:
        _prop(header, "x-en-document", clean(bitext.en_name))
    if bitext.document_score is not None:
        _prop(header, "x-document-score", format_confidence(bitext.document_score))
    for key, value in bitext.details.items():
        _prop(header, f"{DETAIL}{clean(key)}", clean(value))
    _prop(header, "x-export", clean(signature_text(export)))
    return header


def _unit(bead: Bead, number: int, bitext: Bitext, zh_lang: str, en_lang: str) -> etree._Element:
    bead_id = bead.id or str(number)
    tu = etree.Element("tu", tuid=xml_legal(bead_id, bead_id, "id"))
    if bead.confidence is not None:
        _prop(tu, "x-confidence", format_confidence(bead.confidence))
    if bead.reasons:
        _prop(tu, "x-reasons", xml_legal(format_reasons(bead.reasons), bead_id, "reasons"))
    _prop(tu, "x-zh-ids", format_ids(bead.zh_ids))
    _prop(tu, "x-en-ids", format_ids(bead.en_ids))
    zh_doc = bead.meta.get("zh-document", bitext.zh_name)
    en_doc = bead.meta.get("en-document", bitext.en_name)
    if zh_doc:
        _prop(tu, "x-zh-document", xml_legal(zh_doc, bead_id, "zh-document"))
    if en_doc:
        _prop(tu, "x-en-document", xml_legal(en_doc, bead_id, "en-document"))
    for key, value in bead.meta.items():
        if key in ("zh-document", "en-document"):
            continue
        _prop(tu, xml_legal(_meta_prop(key), bead_id, "meta key"), xml_legal(str(value), bead_id, f"meta {key}"))
    # An omission (1-0 / 0-1) keeps only the side it has: an empty <seg> would
    # teach a CAT tool that the translation of the sentence is nothing.
    if bead.zh_text or not bead.en_text:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: zh_lang})
        etree.SubElement(tuv, "seg").text = xml_legal(bead.zh_text, bead_id, "Chinese")
    if bead.en_text or not bead.zh_text:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: en_lang})
        etree.SubElement(tuv, "seg").text = xml_legal(bead.en_text, bead_id, "English")
    return tu


def write_tmx(
    bitext: Bitext,
    path: str | os.PathLike,
    force: bool = False,
    *,
    zh_lang: str | None = None,
    en_lang: str | None = None,
    segtype: str | None = None,
    adminlang: str = "en",
    datatype: str = "plaintext",
    export: dict[str, str] | None = None,
    date: str | None = None,
) -> int:
    """Write ``bitext`` as TMX 1.4b; returns the number of units written.

    ``bitext.beads`` may be any iterable (a generator for streaming millions of
    units). Languages default to ``bitext.zh_lang`` / ``bitext.en_lang``, written as
    canonical BCP-47. ``date`` (``20260101T000000Z``) is the header's
    ``creationdate``; default :func:`creationdate` (a batch passes the one
    date of its run to every worker, so where a pair ran does not change its bytes).
    """
    zh = langcodes.chinese_code(zh_lang or bitext.zh_lang or None)
    en = langcodes.english_code(en_lang or bitext.en_lang or None)
    header = _header(bitext, zh, _segtype(bitext, segtype), adminlang, datatype, dict(export or {}), date)
    count = 0
    with atomic_path(path, force) as tmp:
        with open(tmp, "wb") as handle:
            with etree.xmlfile(handle, encoding="UTF-8") as xf:
                xf.write_declaration()
                xf.write_doctype(DOCTYPE)
                with xf.element("tmx", version="1.4"):
                    xf.write("\n")
                    xf.write(header, pretty_print=True)
                    with xf.element("body"):
                        xf.write("\n")
                        for count, bead in enumerate(bitext.beads, start=1):
                            xf.write(_unit(bead, count, bitext, zh, en), pretty_print=True)
                    xf.write("\n")
            handle.write(b"\n")
            handle.flush()
            os.fsync(handle.fileno())
    return count
