"""What another tool wrote in a TMX that bitext has no field for, kept so it is written back.

A unit's (``<tu>``) attributes other than ``tuid`` (``creationdate``,
``changedate``, ``usagecount``, ``lastusagedate``, ``creationid``, ``o-tmf``...),
its props without the ``x-`` prefix (``x-`` props become ``Bead.meta`` as before),
its second and further ``<note>`` (the first is ``Bead.meta["note"]``), and per
language (``"zh"``/``"en"``) the ``<tuv>``'s attributes, props and notes, and its
``<seg>`` markup when it holds inline codes (``<bpt>``, ``<ph>``...). The header's
attributes, props and notes likewise. All of it lives in ``extra["tmx"]`` as
JSON-shaped data (JSONL keeps it too); parts that are empty are left out.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

from align.formats.tmx.props import XML_LANG

XML_LANG_KEY = "xml:lang"


def _attributes(element: etree._Element, skip: tuple[str, ...] = ()) -> dict[str, str]:
    found = {}
    for name, value in element.attrib.items():
        if name in skip:
            continue
        found[XML_LANG_KEY if name == XML_LANG else name] = value
    return found


def _set_attributes(element: etree._Element, attributes: dict[str, str]) -> None:
    for name, value in attributes.items():
        element.set(XML_LANG if name == XML_LANG_KEY else name, str(value))


def prop_record(prop: etree._Element) -> dict[str, str]:
    """``<prop type="T" xml:lang="L">V</prop>`` as ``{"type": T, "text": V, "xml:lang": L}``."""
    return {"type": prop.get("type", ""), "text": prop.text or "", **_attributes(prop, ("type",))}


def _add_prop(parent: etree._Element, record: dict[str, str], clean) -> None:
    prop = etree.SubElement(parent, "prop", type=clean(record.get("type", "")))
    _set_attributes(prop, {k: clean(v) for k, v in record.items() if k not in ("type", "text")})
    prop.text = clean(record.get("text", ""))


def add_notes_and_props(parent: etree._Element, kept: dict[str, Any], clean) -> None:
    for record in kept.get("props", ()):
        _add_prop(parent, record, clean)
    for note in kept.get("notes", ()):
        etree.SubElement(parent, "note").text = clean(note)


def _inline_markup(seg: etree._Element) -> str | None:
    """The ``<seg>``'s content as XML when it holds elements (inline codes), else None (the text says it all)."""
    if len(seg) == 0:
        return None
    return escape(seg.text or "") + "".join(etree.tostring(child, encoding="unicode", with_tail=True) for child in seg)


def tuv_record(tuv: etree._Element) -> dict[str, Any]:
    record: dict[str, Any] = {}
    if len(tuv.attrib) > 1:
        record["attrs"] = _attributes(tuv, (XML_LANG, "lang"))
    for child in tuv:
        tag = child.tag
        if tag == "seg":
            if len(child):
                record["seg"] = _inline_markup(child)
        elif tag == "prop":
            record.setdefault("props", []).append(prop_record(child))
        elif tag == "note":
            record.setdefault("notes", []).append(child.text or "")
    return record


def unit_record(tu: etree._Element, props: list[dict[str, str]], notes: list[str],
                tuvs: dict[str, etree._Element | None]) -> dict[str, Any]:
    """``extra["tmx"]`` of one unit (empty dict when the unit has nothing beyond bitext's own fields)."""
    record: dict[str, Any] = {}
    if len(tu.attrib) > ("tuid" in tu.attrib):
        record["attrs"] = _attributes(tu, ("tuid",))
    if props:
        record["props"] = props
    if notes:
        record["notes"] = notes
    for side, tuv in tuvs.items():
        if tuv is not None:
            kept = tuv_record(tuv)
            if kept:
                record[side] = kept
    return record


def header_record(header: etree._Element, props: list[dict[str, str]], notes: list[str], ours: bool) -> dict[str, Any]:
    """``Bitext.extra["tmx"]`` from a header; a header bitext wrote itself keeps only foreign props and notes."""
    record: dict[str, Any] = {}
    if not ours:
        record["attrs"] = _attributes(header)
    if props:
        record["props"] = props
    if notes:
        record["notes"] = notes
    return record


def seg_element(text: str, kept: dict[str, Any], seg_text) -> etree._Element:
    """The ``<seg>``: the kept inline markup when it still reads as ``text`` (unchanged), else plain ``text``."""
    seg = etree.Element("seg")
    markup = kept.get("seg")
    if markup:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            parsed = etree.fromstring(f"<seg>{markup}</seg>", parser)
        except etree.XMLSyntaxError:
            parsed = None
        if parsed is not None and seg_text(parsed) == text:
            return parsed
    seg.text = text
    return seg


def tuv_element(parent: etree._Element, lang: str, text: str, kept: dict[str, Any], clean, seg_text) -> None:
    tuv = etree.SubElement(parent, "tuv", {XML_LANG: lang})
    _set_attributes(tuv, {k: clean(v) for k, v in kept.get("attrs", {}).items()})
    add_notes_and_props(tuv, kept, clean)
    tuv.append(seg_element(clean(text), kept, seg_text))


def set_unit_attributes(tu: etree._Element, kept: dict[str, Any], clean) -> None:
    _set_attributes(tu, {k: clean(v) for k, v in kept.get("attrs", {}).items() if k != "tuid"})
