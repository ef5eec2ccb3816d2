"""Bitext → XLIFF 1.2, the version every CAT tool imports (Trados, memoQ, Phrase, OmegaT via Okapi).

Chinese is the source by default, as in our TMX; ``source="en"`` turns it
round. Each bead is a ``trans-unit`` whose ``id`` is the bead id; the sentence
ids, confidence and reasons ride along as attributes in bitext's own namespace
(XLIFF 1.2 allows them on ``trans-unit``; other tools ignore them), the bead's
meta as ``<note from="bitext">key=value</note>``; the header's notes keep the
signature, document names, document score and details, so XLIFF → TMX loses nothing. An omission keeps its one
side: a unit without a target, or with an empty source.
"""

from __future__ import annotations

from lxml import etree

from align.core.atomic import atomic_open
from align.core.bitext import Bitext
from align.core.errors import UsageError
from align.core.signature import signature_text
from align.formats.base import format_confidence, format_ids, format_reasons, xml_legal
from align.formats.bilingual import header_fields
from align.formats.langcodes import chinese_code, english_code
from align.formats.xliff.read import BITEXT_NS

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _q(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def _header_notes(bitext: Bitext, export: dict[str, str] | None):
    """What TMX keeps in its header props, as notes ``from="bitext:KEY"`` that :func:`read_xliff` reads back."""
    yield from header_fields(bitext)
    if export:
        yield "export", signature_text(export)


def write_xliff(bitext: Bitext, path, force: bool = False, *, export: dict[str, str] | None = None, source: str = "zh",
                en_lang: str | None = None, **_ignored) -> int:
    from align.core.version import __version__

    if source not in ("zh", "en"):
        raise UsageError(f"XLIFF source must be zh or en, got {source!r}")
    zh_lang, en_code = chinese_code(bitext.zh_lang or None), english_code(en_lang or bitext.en_lang or None)
    target = "en" if source == "zh" else "zh"
    langs = {"zh": zh_lang, "en": en_code}
    names = {"zh": bitext.zh_name, "en": bitext.en_name}
    root = etree.Element(_q("xliff"), nsmap={None: XLIFF_NS, "bitext": BITEXT_NS}, version="1.2")
    file = etree.SubElement(root, _q("file"), original=names[source] or "bitext", datatype="plaintext")
    file.set("source-language", langs[source])
    file.set("target-language", langs[target])
    header = etree.SubElement(file, _q("header"))
    etree.SubElement(header, _q("tool"), {"tool-id": "bitext", "tool-name": "bitext", "tool-version": __version__})
    body = etree.SubElement(file, _q("body"))
    count = 0
    for count, bead in enumerate(bitext.beads, start=1):
        bead_id = bead.id or str(count)
        unit = etree.SubElement(body, _q("trans-unit"), id=bead_id)
        unit.set(f"{{{BITEXT_NS}}}zh-ids", format_ids(bead.zh_ids))
        unit.set(f"{{{BITEXT_NS}}}en-ids", format_ids(bead.en_ids))
        if bead.confidence is not None:
            unit.set(f"{{{BITEXT_NS}}}confidence", format_confidence(bead.confidence))
        if bead.reasons:
            unit.set(f"{{{BITEXT_NS}}}reasons", format_reasons(bead.reasons))
        texts = {"zh": bead.zh_text, "en": bead.en_text}
        ids = {"zh": bead.zh_ids, "en": bead.en_ids}
        source_element = etree.SubElement(unit, _q("source"))
        source_element.set(_XML_SPACE, "preserve")
        source_element.text = xml_legal(texts[source], bead_id, source)
        if ids[target]:
            target_element = etree.SubElement(unit, _q("target"), state="translated")
            target_element.set(_XML_SPACE, "preserve")
            target_element.text = xml_legal(texts[target], bead_id, target)
        for key, value in bead.meta.items():
            etree.SubElement(unit, _q("note"), {"from": "bitext"}).text = xml_legal(f"{key}={value}", bead_id, f"meta {key}")
    for key, value in _header_notes(bitext, export):
        etree.SubElement(header, _q("note"), {"from": f"bitext:{key}"}).text = xml_legal(value, "header", key)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    with atomic_open(path, "wb", force=force) as handle:
        handle.write(data)
    return count
