"""TBX-Basic glossary (ISO 30042 ``martif`` with the TBX-Basic data categories).

Mapping: approved renderings are ``preferredTerm-admn-sts`` (the first) and
``admittedTerm-admn-sts``; allowed variants are ``admittedTerm-admn-sts`` with
``termType`` ``variant``; forbidden renderings are ``deprecatedTerm-admn-sts``.
Chinese forms go in ``xml:lang="zh-Hans"``, given traditional forms in
``zh-Hant``. Domain is ``subjectField``, part of speech ``partOfSpeech``, the
origin of the rendering ``<admin type="source">``, the case rule a ``<note>``
``case: exact`` on the English language set.

Read also: TBX 2008 / older MARTIF (``tig``/``ntig``, ``normativeAuthorization``),
TBX v3 (``conceptEntry``/``langSec``/``termSec``), language codes zh, zh-CN,
zh-Hans, zh-TW (traditional), en, en-US, en-GB in any case; notes, definitions
and other descriptions are kept in the note. An entry without a Chinese or an
English term is skipped with a ``GlossaryWarning`` naming it.

Parsing is safe: no network, no DTD loading, no entity expansion, no huge trees.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Sequence

from lxml import etree

from align.core.atomic import atomic_path
from align.core.errors import InputError
from glossary.concept import Concept
from glossary.notices import GlossaryWarning

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_NOTE = "case: "


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, remove_comments=True)


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _lang_kind(lang: str) -> str | None:
    """zh, zh-CN, zh-Hans, ZH_cn -> zh; zh-TW, zh-HK, zh-Hant -> zh-hant; en, en-US, EN-GB -> en."""
    lang = lang.strip().lower().replace("_", "-")
    if lang in ("zh", "chi", "zho", "cmn") or lang.startswith(("zh-", "cmn-")):
        return "zh-hant" if any(x in lang for x in ("hant", "-tw", "-hk", "-mo")) else "zh"
    if lang == "en" or lang.startswith("en-") or lang == "eng":
        return "en"
    return None


_FORBIDDEN = ("deprecatedterm", "supersededterm", "notrecommended")
# administrativeStatus (TBX-Basic, TBX 2008) and normativeAuthorization (older MARTIF) carry the same values
_STATUS_NOTES = ("administrativestatus", "normativeauthorization")


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _descriptions(element, notes: list[str], fields: dict) -> None:
    """Notes, definitions, subject field, source and part of speech directly under ``element`` (entry or language)."""
    for child in element:
        kind, kind_type = _local(child.tag), (child.get("type") or "").lower()
        if kind == "descripGrp":
            _descriptions(child, notes, fields)
        elif kind == "descrip" and kind_type == "subjectfield":
            fields["domain"] = fields.get("domain") or _text(child)
        elif kind == "descrip" and _text(child):
            notes.append(f"{kind_type or 'description'}: {_text(child)}" if kind_type != "note" else _text(child))
        elif kind == "note" and _text(child) and not _text(child).lower().startswith(CASE_NOTE):
            notes.append(_text(child))
        elif kind == "admin" and kind_type == "source":
            fields["origin"] = fields.get("origin") or _text(child)
        elif kind == "termNote" and kind_type == "partofspeech" and not fields.get("pos"):
            fields["pos"] = _text(child)


def _entry(entry, number: int) -> tuple[dict, list[str]]:
    fields: dict[str, object] = {"zh": [], "en": [], "variants": [], "forbidden": [], "traditional": [], "id": entry.get("id", "")}
    notes: list[str] = []
    _descriptions(entry, notes, fields)
    for lang_set in (e for e in entry if _local(e.tag) in ("langSet", "langSec")):
        kind = _lang_kind(lang_set.get(XML_LANG) or lang_set.get("lang") or "")
        for note in (n for n in lang_set if _local(n.tag) == "note"):
            text = (note.text or "").strip()
            if text.lower().startswith(CASE_NOTE) and kind == "en":
                fields["case"] = text[len(CASE_NOTE):].strip()
        _descriptions(lang_set, notes, fields)
        for tig in (t for t in lang_set.iter() if _local(t.tag) in ("tig", "termSec", "ntig")):
            term = next((t for t in tig.iter() if _local(t.tag) == "term"), None)
            if term is None or not _text(term):
                continue
            text = _text(term)
            notes_of = {(n.get("type") or "").lower(): _text(n) for n in tig.iter() if _local(n.tag) == "termNote"}
            status = next((notes_of[k] for k in _STATUS_NOTES if notes_of.get(k)), "").lower()
            if notes_of.get("partofspeech") and not fields.get("pos"):
                fields["pos"] = notes_of["partofspeech"]
            for child in tig.iter():
                if _local(child.tag) in ("note", "descrip") and _text(child) and child is not term:
                    kind_type = (child.get("type") or "").lower()
                    notes.append(f"{text}: {_text(child)}" if kind_type in ("", "note") else f"{text} ({kind_type}): {_text(child)}")
            if kind in ("zh", "zh-hant"):
                if status.startswith(_FORBIDDEN):
                    notes.append(f"deprecated Chinese form: {text}")
                else:
                    fields["zh" if kind == "zh" else "traditional"].append(text)
            elif kind == "en":
                if status.startswith(_FORBIDDEN):
                    fields["forbidden"].append(text)
                elif notes_of.get("termtype") == "variant":
                    fields["variants"].append(text)
                else:
                    fields["en"].append(text)
    if not fields["zh"] and fields["traditional"]:
        fields["zh"], fields["traditional"] = fields["traditional"], []
    if not fields["en"] and fields["variants"]:
        fields["en"], fields["variants"] = fields["variants"][:1], fields["variants"][1:]
    fields["note"] = "\n".join(dict.fromkeys(n for n in notes if n))
    missing = [label for label, key in (("Chinese", "zh"), ("English", "en")) if not fields[key]]
    return fields, missing


def read(path: Path) -> list[Concept]:
    """Every entry with a Chinese and an English term; the others are skipped with one GlossaryWarning naming them."""
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
    skipped: dict[str, list[str]] = {}
    for number, entry in enumerate(entries, start=1):
        fields, missing = _entry(entry, number)
        if missing:
            label = " and ".join(missing)
            skipped.setdefault(label, []).append(str(fields["id"] or f"#{number}"))
            continue
        try:
            concepts.append(Concept(**fields))
        except InputError as error:
            raise InputError(f"{path.name}: termEntry {fields['id'] or number}: {error}") from None
    if skipped:
        total = sum(len(v) for v in skipped.values())
        detail = "; ".join(f"no {label} term: {', '.join(ids[:20])}{' ...' if len(ids) > 20 else ''}" for label, ids in skipped.items())
        if not concepts:
            raise InputError(f"{path.name}: none of its {len(entries)} entries has both a Chinese and an English term ({detail})")
        warnings.warn(f"{path.name}: skipped {total} of {len(entries)} entries ({detail})", GlossaryWarning, stacklevel=2)
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
