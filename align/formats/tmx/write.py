"""The TMX writer: ``lxml.etree.xmlfile`` serialises one ``<tu>`` at a time, so memory
does not grow with the number of units (the beads may be a generator).

Which beads go in is :mod:`align.formats.tmx.safety`'s choice (by default two-sided
beads at confidence 0.5 or more; the others, when asked, to a penalty memory).
What another tool's TMX carried (``extra["tmx"]``, see :mod:`align.formats.tmx.keep`)
is written back, and the source language stays the one its header named.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from datetime import UTC, datetime

from lxml import etree

from align.core.atomic import atomic_path
from align.core.bitext import Bead, Bitext
from align.core.errors import UsageError
from align.core.signature import signature_text
from align.formats import langcodes
from align.formats.base import ExportWarning, format_confidence, format_ids, format_reasons, xml_legal
from align.formats.tmx import keep
from align.formats.tmx.props import DETAIL, RESERVED, SIGNATURE, SIGNATURE_ENTRY, XML_LANG
from align.formats.tmx.read import _seg_text
from align.formats.tmx.safety import DEFAULT_MIN_CONFIDENCE, MAIN, PENALTY, Routing

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
O_TMF = "bitext"  # the format the units originally lived in: bitext's own aligned Bitext
SEGTYPES = ("block", "paragraph", "sentence", "phrase")


# Header attributes bitext sets itself: a kept value of these from another tool is not copied over.
_OWN_HEADER = ("creationtool", "creationtoolversion", "srclang")
SOURCES = ("zh", "en")


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


def _is_english(code: str) -> bool:
    try:
        return langcodes.is_english(code)
    except ValueError:
        return False


def _source(bitext: Bitext, source_lang: str | None) -> tuple[str, str | None]:
    """The source side (``"zh"``/``"en"``) and the header's recorded ``srclang`` when written back as it was."""
    recorded = bitext.extra.get("tmx", {}).get("attrs", {}).get("srclang", "")
    side = "en" if _is_english(recorded) else "zh"
    if source_lang is None:
        return side, ("*all*" if recorded.lower() == "*all*" else None)
    if source_lang not in SOURCES:
        raise UsageError(f"source language must be zh or en, got {source_lang!r}")
    if recorded and recorded.lower() != "*all*" and source_lang != side:
        warnings.warn(f"the memory's source language was {recorded}; written with the "
                      f"{'Chinese' if source_lang == 'zh' else 'English'} side as source, as asked",
                      ExportWarning, stacklevel=3)
    return source_lang, None


def _header(bitext: Bitext, srclang: str, segtype: str | None, adminlang: str, datatype: str, export: dict[str, str],
            date: str | None = None) -> etree._Element:
    from align.core.version import __version__

    kept = bitext.extra.get("tmx", {})
    attributes = {
        "creationtool": "bitext",
        "creationtoolversion": __version__,
        "segtype": _segtype(bitext, None),
        "o-tmf": O_TMF,
        "adminlang": adminlang,
        "srclang": srclang,
        "datatype": datatype,
        "creationdate": date or creationdate(),
    }
    # another tool's header keeps its own values (o-tmf: the format the units first lived in; its dates)
    attributes.update({k: v for k, v in kept.get("attrs", {}).items() if k not in _OWN_HEADER})
    if segtype is not None:
        attributes["segtype"] = _segtype(bitext, segtype)
    clean = lambda text: xml_legal(str(text), "header", "header")  # noqa: E731
    header = etree.Element("header")
    for name, value in attributes.items():
        header.set(XML_LANG if name == keep.XML_LANG_KEY else name, clean(value))
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
    keep.add_notes_and_props(header, kept, clean)
    return header


def _unit(bead: Bead, number: int, bitext: Bitext, langs: dict[str, str], source: str) -> etree._Element:
    bead_id = bead.id or str(number)
    clean = lambda text: xml_legal(str(text), bead_id, "TMX property")  # noqa: E731
    kept = bead.extra.get("tmx", {})
    tu = etree.Element("tu", tuid=xml_legal(bead_id, bead_id, "id"))
    keep.set_unit_attributes(tu, kept, clean)
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
        if key in ("zh-document", "en-document", "note"):
            continue
        _prop(tu, xml_legal(_meta_prop(key), bead_id, "meta key"), xml_legal(str(value), bead_id, f"meta {key}"))
    # a reviewer's note is TMX's own <note>: every CAT tool shows it
    notes = ([bead.meta["note"]] if "note" in bead.meta else []) + list(kept.get("notes", ()))
    keep.add_notes_and_props(tu, {"props": kept.get("props", ()), "notes": notes}, clean)
    texts = {"zh": bead.zh_text, "en": bead.en_text}
    sides = {"zh": "Chinese", "en": "English"}
    # An omission (1-0 / 0-1) keeps only the side it has: an empty <seg> would
    # teach a CAT tool that the translation of the sentence is nothing.
    for side in (source, "en" if source == "zh" else "zh"):
        other = "en" if side == "zh" else "zh"
        if texts[side] or not texts[other]:
            keep.tuv_element(tu, langs[side], xml_legal(texts[side], bead_id, sides[side]), kept.get(side, {}), clean, _seg_text)
    return tu


@contextlib.contextmanager
def _tmx_file(path: str | os.PathLike, force: bool, header: etree._Element):
    """Yield a function writing one ``<tu>``; the file is complete (and renamed into place) when the block ends."""
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
                        yield lambda unit: xf.write(unit, pretty_print=True)
                    xf.write("\n")
            handle.write(b"\n")
            handle.flush()
            os.fsync(handle.fileno())


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
    min_confidence: float | None = DEFAULT_MIN_CONFIDENCE,
    keep_omissions: bool = False,
    penalty: str | os.PathLike | None = None,
    source_lang: str | None = None,
) -> int:
    """Write ``bitext`` as TMX 1.4b for a CAT tool; returns the number of units written to ``path``.

    Two-sided beads with confidence at least ``min_confidence`` (None: any; unknown
    confidence is kept) go to ``path``; the two-sided beads below it to ``penalty``
    when given (a memory for OmegaT's ``tm/penalty-NN/``); one-sided beads only with
    ``keep_omissions``. What was left out is said in an :class:`ExportWarning`.
    ``source_lang`` (``"zh"``/``"en"``) names the source side; by default the one
    the memory's own header named (English for an EN→ZH memory read from TMX), else
    Chinese. ``bitext.beads`` may be any iterable (a generator or a
    :class:`~align.formats.tmx.read.TmxStream` for millions of units). Languages
    default to ``bitext.zh_lang`` / ``bitext.en_lang``, written as canonical BCP-47.
    ``date`` (``20260101T000000Z``) is the header's ``creationdate``; default
    :func:`creationdate` (a batch passes the one date of its run to every worker,
    so where a pair ran does not change its bytes).
    """
    langs = {"zh": langcodes.chinese_code(zh_lang or bitext.zh_lang or None),
             "en": langcodes.english_code(en_lang or bitext.en_lang or None)}
    if penalty is not None and os.path.abspath(penalty) == os.path.abspath(path):
        raise UsageError(f"the penalty memory must be another file than {path}")
    source, recorded = _source(bitext, source_lang)
    export = dict(export or {})
    export["min-confidence"] = "none" if min_confidence is None else repr(float(min_confidence))
    export["omissions"] = "kept" if keep_omissions else "left-out"
    header = _header(bitext, recorded or langs[source], segtype, adminlang, datatype, export, date)
    routing = Routing(min_confidence, keep_omissions)
    with contextlib.ExitStack() as stack:
        write_main = stack.enter_context(_tmx_file(path, force, header))
        write_penalty = None
        if penalty is not None:
            penalty_header = _header(bitext, recorded or langs[source], segtype, adminlang, datatype,
                                     {**export, "memory": "penalty"}, date)
            write_penalty = stack.enter_context(_tmx_file(penalty, force, penalty_header))
        for number, (where, bead) in enumerate(routing.route(bitext.beads), start=1):
            if where == MAIN:
                write_main(_unit(bead, number, bitext, langs, source))
            elif where == PENALTY and write_penalty is not None:
                write_penalty(_unit(bead, number, bitext, langs, source))
    said = routing.summary(path, penalty)
    if said:
        warnings.warn(said, ExportWarning, stacklevel=2)
    return routing.main
