"""TBX-Basic glossary (ISO 30042 ``martif`` with the TBX-Basic data categories).

Mapping: approved renderings are ``preferredTerm-admn-sts`` (the first) and
``admittedTerm-admn-sts``; allowed variants are ``admittedTerm-admn-sts`` with
``termType`` ``variant``; forbidden renderings are ``deprecatedTerm-admn-sts``.
Chinese forms go in ``xml:lang="zh-Hans"``, given traditional forms in
``zh-Hant``. Domain is ``subjectField``, part of speech ``partOfSpeech``, the
origin of the rendering ``<admin type="source">``, the case rule a ``<note>``
``case: exact`` on the English language set.

Parsing is safe: no network, no DTD loading, no entity expansion, no huge trees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from lxml import etree

from align.core.atomic import atomic_path
from align.core.errors import InputError
from glossary.concept import Concept

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_NOTE = "case: "


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, remove_comments=True)


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _lang_kind(lang: str) -> str | None:
    lang = lang.lower()
    if lang.startswith("zh"):
        return "zh-hant" if any(x in lang for x in ("hant", "-tw", "-hk", "-mo")) else "zh"
    if lang.startswith("en"):
        return "en"
    return None


def read(path: Path) -> list[Concept]:
    try:
        root = etree.fromstring(path.read_bytes(), _parser())
    except (etree.XMLSyntaxError, OSError, ValueError) as error:  # lxml says "invalid bytes in encoding" as an OSError
        reason = getattr(error, "msg", None) or str(error)
        raise InputError(f"{path.name}: not well-formed TBX/XML ({reason.strip()})") from None
    if root is None:
        raise InputError(f"{path.name}: not well-formed TBX/XML (no root element)")
    if _local(root.tag) not in ("martif", "tbx"):
        raise InputError(f"{path.name}: not a TBX file (root element <{_local(root.tag)}>, expected <martif> or <tbx>)")
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    if not entries:
        raise InputError(f"{path.name}: a TBX file without any termEntry")
    concepts = []
    for number, entry in enumerate(entries, start=1):
        fields: dict[str, object] = {"zh": [], "en": [], "variants": [], "forbidden": [], "traditional": [], "id": entry.get("id", "")}
        notes: list[str] = []
        for child in entry:
            kind = _local(child.tag)
            if kind == "descrip" and child.get("type") == "subjectField":
                fields["domain"] = (child.text or "").strip()
            elif kind == "note":
                notes.append((child.text or "").strip())
            elif kind == "admin" and child.get("type") == "source":
                fields["origin"] = (child.text or "").strip()
        for lang_set in (e for e in entry if _local(e.tag) == "langSet"):
            kind = _lang_kind(lang_set.get(XML_LANG) or lang_set.get("lang") or "")
            for note in (n for n in lang_set if _local(n.tag) == "note"):
                text = (note.text or "").strip()
                if text.lower().startswith(CASE_NOTE):
                    fields["case"] = text[len(CASE_NOTE):].strip()
            for tig in (t for t in lang_set.iter() if _local(t.tag) in ("tig", "termSec", "ntig")):
                term = next((t for t in tig.iter() if _local(t.tag) == "term"), None)
                if term is None or not "".join(term.itertext()).strip():
                    continue
                text = "".join(term.itertext()).strip()
                notes_of = {n.get("type"): (n.text or "").strip() for n in tig.iter() if _local(n.tag) == "termNote"}
                status = notes_of.get("administrativeStatus", "")
                if notes_of.get("partOfSpeech") and not fields.get("pos"):
                    fields["pos"] = notes_of["partOfSpeech"]
                if kind == "zh":
                    fields["zh"].append(text)
                elif kind == "zh-hant":
                    fields["traditional"].append(text)
                elif kind == "en":
                    if status.startswith(("deprecatedTerm", "supersededTerm")):
                        fields["forbidden"].append(text)
                    elif notes_of.get("termType") == "variant":
                        fields["variants"].append(text)
                    else:
                        fields["en"].append(text)
        if not fields["zh"] and fields["traditional"]:
            fields["zh"], fields["traditional"] = fields["traditional"], []
        fields["note"] = "\n".join(n for n in notes if n)
        if not fields["zh"] or not fields["en"]:
            missing = "Chinese term" if not fields["zh"] else "approved English term"
            raise InputError(f"{path.name}: termEntry {fields['id'] or number} has no {missing}")
        concepts.append(Concept(**fields))
    return concepts


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("_", ":") if k != "xml_lang" else XML_LANG: v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _tig(lang_set, term: str, status: str | None = None, pos: str = "", term_type: str | None = None) -> None:
    tig = _sub(lang_set, "tig")
    _sub(tig, "term", term)
    if pos:
        _sub(tig, "termNote", pos, type="partOfSpeech")
    if term_type:
        _sub(tig, "termNote", term_type, type="termType")
    if status:
        _sub(tig, "termNote", status, type="administrativeStatus")


def to_tree(concepts: Sequence[Concept], name: str = "") -> etree._ElementTree:
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "zh-Hans"})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    title = _sub(file_desc, "titleStmt")
    _sub(title, "title", name or "bitext glossary")
    source_desc = _sub(file_desc, "sourceDesc")
    _sub(source_desc, "p", "Written by bitext")
    encoding = _sub(header, "encodingDesc")
    _sub(encoding, "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    for concept in concepts:
        entry = _sub(body, "termEntry", id=concept.id or "")
        if concept.domain:
            _sub(entry, "descrip", concept.domain, type="subjectField")
        if concept.origin:
            _sub(entry, "admin", concept.origin, type="source")
        if concept.note:
            _sub(entry, "note", concept.note)
        zh = _sub(entry, "langSet", xml_lang="zh-Hans")
        for form in concept.zh:
            _tig(zh, form, pos=concept.pos)
        if concept.traditional:
            zh_hant = _sub(entry, "langSet", xml_lang="zh-Hant")
            for form in concept.traditional:
                _tig(zh_hant, form, pos=concept.pos)
        en = _sub(entry, "langSet", xml_lang="en")
        _sub(en, "note", CASE_NOTE + concept.case)
        for index, rendering in enumerate(concept.en):
            _tig(en, rendering, "preferredTerm-admn-sts" if index == 0 else "admittedTerm-admn-sts", concept.pos)
        for variant in concept.variants:
            _tig(en, variant, "admittedTerm-admn-sts", concept.pos, term_type="variant")
        for wrong in concept.forbidden:
            _tig(en, wrong, "deprecatedTerm-admn-sts", concept.pos)
    return etree.ElementTree(root)


def write(concepts: Sequence[Concept], path: Path, force: bool = False, name: str = "") -> None:
    tree = to_tree(concepts, name)
    with atomic_path(path, force=force) as tmp:
        tree.write(str(tmp), xml_declaration=True, encoding="UTF-8", pretty_print=True,
                   doctype='<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">')
