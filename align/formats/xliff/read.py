"""XLIFF 1.2 and 2.x → Bitext: translated units as beads, inline codes left out of the texts.

1.2: ``file/body[/group...]/trans-unit`` with ``source`` and ``target``
(``seg-source`` is ignored: the unit's source is the segment). 2.x:
``file/unit/segment`` with ``source`` and ``target``, one bead per segment.
Inline markup keeps its text (``g``, ``mrk``, ``pc``) and drops native codes
(``x``, ``bx``, ``ex``, ``ph``, ``bpt``, ``ept``, ``it``, ``sc``, ``ec``).
Parsed without DTDs, entities or network access.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from align.core.bitext import Bitext
from align.core.errors import InputError
from align.formats.bilingual import Unit, beads_from_units, read_header_field, zh_is_source
from align.formats.langcodes import DEFAULT_EN, DEFAULT_ZH

BITEXT_NS = "urn:bitext:xliff"
_KEEP_TEXT = {"g", "mrk", "pc"}
_CODES = {"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "sm", "em", "sub"}


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def inline_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        name = _local(child)
        if name in _KEEP_TEXT:
            parts.append(inline_text(child))
        elif name == "cp":
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except ValueError:
                pass
        parts.append(child.tail or "")
    return "".join(parts)


def _child(element, name: str):
    return next((c for c in element if _local(c) == name), None)


def _own(element) -> tuple[dict[str, str], dict[str, str]]:
    """bitext's attributes on a unit, and its meta notes (``<note from="bitext">key=value</note>``)."""
    attributes = {key.rsplit("}", 1)[-1]: value for key, value in element.attrib.items() if key.startswith(f"{{{BITEXT_NS}}}")}
    meta = {}
    notes = _child(element, "notes")
    for note in (notes if notes is not None else element):
        if _local(note) == "note" and (note.get("from") == "bitext" or note.get("category") == "bitext") and "=" in (note.text or ""):
            key, value = note.text.split("=", 1)
            meta[key] = value
    return attributes, meta


def _units_12(root) -> tuple[list[Unit], dict]:
    units: list[Unit] = []
    first_file = _child(root, "file")
    languages = {"source": None, "target": None, "original": ""}
    if first_file is not None:
        languages = {"source": first_file.get("source-language"), "target": first_file.get("target-language"), "original": first_file.get("original", "")}
    for unit in root.iter():
        if _local(unit) != "trans-unit":
            continue
        source, target = _child(unit, "source"), _child(unit, "target")
        attributes, meta = _own(unit)
        units.append(Unit(inline_text(source) if source is not None else "", inline_text(target) if target is not None else None,
                          unit.get("id", ""), attributes, meta))
    return units, languages


def _units_2(root) -> tuple[list[Unit], dict]:
    units: list[Unit] = []
    first_file = _child(root, "file")
    languages = {"source": root.get("srcLang"), "target": root.get("trgLang"), "original": first_file.get("original", "") if first_file is not None else ""}
    for unit in root.iter():
        if _local(unit) != "unit":
            continue
        attributes, meta = _own(unit)
        segments = [s for s in unit if _local(s) == "segment"]
        for index, segment in enumerate(segments):
            source, target = _child(segment, "source"), _child(segment, "target")
            ident = unit.get("id", "") if len(segments) == 1 else f"{unit.get('id', '')}.{segment.get('id') or index + 1}"
            units.append(Unit(inline_text(source) if source is not None else "", inline_text(target) if target is not None else None,
                              ident, attributes if len(segments) == 1 else {}, meta))
    return units, languages


def read_xliff(path) -> Bitext:
    path = Path(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError:
        raise InputError(f"{path}: no such file") from None
    except etree.XMLSyntaxError as error:
        raise InputError(f"{path}: malformed XLIFF ({error.msg})") from None
    if _local(root) != "xliff":
        raise InputError(f"{path}: not an XLIFF file (the root element is <{_local(root)}>, not <xliff>)")
    version = root.get("version", "")
    if version.startswith("2"):
        units, languages = _units_2(root)
    elif version.startswith("1"):
        units, languages = _units_12(root)
    else:
        raise InputError(f"{path}: XLIFF version {version or '(none)'} is not 1.2 or 2.x")
    zh_source = zh_is_source(languages["source"], languages["target"], units, path)
    beads = beads_from_units(units, zh_source, path)
    zh_lang, en_lang = (languages["source"], languages["target"]) if zh_source else (languages["target"], languages["source"])
    source_name, target_name = languages["original"] or path.name, path.name
    bitext = Bitext(beads=beads, zh_lang=zh_lang or DEFAULT_ZH, en_lang=en_lang or DEFAULT_EN,
                    zh_name=source_name if zh_source else target_name, en_name=target_name if zh_source else source_name)
    _read_header(root, bitext, path)
    return bitext


def _read_header(root, bitext: Bitext, where) -> None:
    """The notes bitext writes in the first file's header: signature, document names, score, details."""
    for note in root.iter():
        if _local(note) != "note" or not (note.get("from") or "").startswith("bitext:") or _local(note.getparent()) != "header":
            continue
        read_header_field(bitext, note.get("from")[len("bitext:") :], note.text or "", where)
