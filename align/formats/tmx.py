"""TMX 1.4b, written and read streaming.

Writer: ``lxml.etree.xmlfile`` serialises one ``<tu>`` at a time, so memory does
not grow with the number of units (the beads may be a generator). The output is
valid against the TMX 1.4 DTD shipped in ``align/formats/data/tmx14.dtd``.

Reader: ``lxml.etree.iterparse`` with ``resolve_entities=False`` and
``no_network=True`` (no entity expansion, no DTD fetched), clearing each ``<tu>``
once read. Reads TMX 1.4 ``xml:lang`` and TMX 1.1 ``lang``, units with any number
of ``<tuv>`` (the Chinese and English ones are picked by language code), and
reports malformed XML with its line number.

What a unit carries (all ``<prop type="x-...">``, so CAT tools keep and show them):
``x-confidence``, ``x-reasons``, ``x-zh-ids``/``x-en-ids`` (sentence ids, comma
separated), ``x-zh-document``/``x-en-document``, and every ``Bead.meta`` key ``k``
as ``x-k`` (``x-meta-k`` when ``k`` would clash with the names above or starts
with ``meta-``). The header carries the Bitext's signature as one sacrebleu-style
string ``x-bitext-signature`` (``key:value|key:value``) plus one
``x-signature-KEY`` prop per key (exact, for reading back), the document names
and score, and ``x-export`` (the export settings).
"""

from __future__ import annotations

import os
import warnings
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from lxml import etree

from align.core.atomic import atomic_path
from align.core.bitext import Bead, Bitext
from align.core.errors import InputError, UsageError
from align.core.signature import Signature
from align.formats import langcodes
from align.formats.base import (
    BitextFormat,
    ReadWarning,
    format_confidence,
    format_ids,
    format_reasons,
    parse_confidence,
    parse_ids,
    parse_reasons,
    xml_legal,
)
from align.formats.registry import register

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
O_TMF = "bitext"  # the format the units originally lived in: bitext's own aligned Bitext
RESERVED = {"confidence", "reasons", "zh-ids", "en-ids", "zh-document", "en-document"}
SEGTYPES = ("block", "paragraph", "sentence", "phrase")


def dtd_path() -> Path:
    return Path(str(resources.files("align.formats") / "data" / "tmx14.dtd"))


def signature_string(signature: dict[str, str]) -> str:
    """sacrebleu-style one-line signature: ``key:value|key:value`` (values holding ``|`` are the writer's risk:
    the exact keys and values travel as one prop each as well)."""
    return "|".join(f"{key}:{value}" for key, value in signature.items())


def _meta_prop(key: str) -> str:
    if key in RESERVED or key.startswith("meta-"):
        return f"x-meta-{key}"
    return f"x-{key}"


def _creationdate() -> str:
    # SOURCE_DATE_EPOCH makes byte-identical, reproducible exports possible.
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


def _header(bitext: Bitext, zh_lang: str, segtype: str, adminlang: str, datatype: str, export: dict[str, str]) -> etree._Element:
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
        creationdate=_creationdate(),
    )
    clean = lambda text: xml_legal(str(text), "header", "header")  # noqa: E731
    _prop(header, "x-bitext-signature", clean(signature_string(bitext.signature)))
    for key, value in bitext.signature.items():
        _prop(header, f"x-signature-{clean(key)}", clean(value))
    if bitext.zh_name:
        _prop(header, "x-zh-document", clean(bitext.zh_name))
    if bitext.en_name:
        _prop(header, "x-en-document", clean(bitext.en_name))
    if bitext.document_score is not None:
        _prop(header, "x-document-score", format_confidence(bitext.document_score))
    _prop(header, "x-export", clean(signature_string(export)))
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
) -> int:
    """Write ``bitext`` as TMX 1.4b; returns the number of units written.

    ``bitext.beads`` may be any iterable (a generator for streaming millions of
    units). Languages default to ``bitext.zh_lang`` / ``bitext.en_lang``, written as
    canonical BCP-47.
    """
    zh = langcodes.chinese_code(zh_lang or bitext.zh_lang or None)
    en = langcodes.english_code(en_lang or bitext.en_lang or None)
    header = _header(bitext, zh, _segtype(bitext, segtype), adminlang, datatype, dict(export or {}))
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


def validate_tmx(path: str | os.PathLike) -> list[str]:
    """DTD errors of a TMX file (empty list = valid TMX 1.4)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as error:
        return [f"line {error.lineno}: {error.msg}"]
    with open(dtd_path(), "rb") as handle:
        dtd = etree.DTD(handle)
    if dtd.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in dtd.error_log.filter_from_errors()]


# --- reading -----------------------------------------------------------------

_CODE_TAGS = {"bpt", "ept", "ph", "it", "ut"}  # native codes, not translatable text


def _seg_text(seg: etree._Element) -> str:
    """The text of a <seg>, inline codes left out, <hi>/<sub> text kept."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag not in _CODE_TAGS and isinstance(child.tag, str):
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


class TmxReader:
    """Stream the units of a TMX file as Beads; ``header`` is filled once the header is read.

    ``zh_lang``/``en_lang`` pick one variant when units hold several (e.g. zh-CN and
    zh-TW); by default the header's ``srclang`` if Chinese, else the first seen.
    """

    def __init__(self, path: str | os.PathLike, zh_lang: str | None = None, en_lang: str | None = None):
        self.path = Path(path)
        self.zh_lang = langcodes.normalize_lang(zh_lang) if zh_lang else None
        self.en_lang = langcodes.normalize_lang(en_lang) if en_lang else None
        self.header: dict[str, Any] = {}
        self.header_props: dict[str, str] = {}
        self.version = ""
        self.languages: dict[str, int] = {}  # canonical code -> units holding it
        self.ignored: dict[str, int] = {}
        self.units = 0

    @staticmethod
    def _pick(tuvs: dict[str, str], chooser, wanted: str | None, *preferred: str | None) -> tuple[str | None, str]:
        """The tuv for one side: the asked-for code, else a preferred one, else the first of that language."""
        candidates = [code for code in tuvs if chooser(code)]
        if not candidates:
            return None, ""
        if wanted:
            return (wanted, tuvs[wanted]) if wanted in tuvs else (None, "")
        for code in preferred:
            if code in tuvs:
                return code, tuvs[code]
        return candidates[0], tuvs[candidates[0]]

    def _bead(self, tu: etree._Element, number: int) -> Bead:
        tuvs: dict[str, str] = {}
        props: dict[str, str] = {}
        for child in tu:
            if child.tag == "prop":
                props[child.get("type", "")] = child.text or ""
            elif child.tag == "tuv":
                raw = child.get(XML_LANG) or child.get("lang")
                if raw is None:
                    raise InputError(f"{self.path}: line {child.sourceline}: <tuv> without xml:lang (or TMX 1.1 lang)")
                try:
                    code = langcodes.normalize_lang(raw)
                except ValueError:
                    raise InputError(f"{self.path}: line {child.sourceline}: bad language code {raw!r}") from None
                seg = child.find("seg")
                tuvs.setdefault(code, _seg_text(seg) if seg is not None else "")
        for code in tuvs:
            self.languages[code] = self.languages.get(code, 0) + 1
        zh_code, zh_text = self._pick(tuvs, langcodes.is_chinese, self.zh_lang, self._zh_srclang, self._zh_seen)
        en_code, en_text = self._pick(tuvs, langcodes.is_english, self.en_lang, self._en_seen)
        if zh_code and not self._zh_seen:
            self._zh_seen = zh_code
        if en_code and not self._en_seen:
            self._en_seen = en_code
        for code in tuvs:
            if code not in (zh_code, en_code):
                self.ignored[code] = self.ignored.get(code, 0) + 1
        # tu.sourceline is slow past line 65535 (libxml2 walks the tree): only on error.
        try:
            return self._fields(tu, props, zh_text, en_text, number)
        except InputError as error:
            raise InputError(f"{self.path}: line {tu.sourceline}: {error}") from None

    def _fields(self, tu: etree._Element, props: dict[str, str], zh_text: str, en_text: str, number: int) -> Bead:
        where = f"<tu tuid={tu.get('tuid')!r}>" if tu.get("tuid") else f"unit {number}"
        if "x-zh-ids" in props or "x-en-ids" in props:
            zh_ids = parse_ids(props.get("x-zh-ids"), where)
            en_ids = parse_ids(props.get("x-en-ids"), where)
        else:  # a foreign TMX: number the sentences in file order
            zh_ids = (self._next_zh,) if zh_text else ()
            en_ids = (self._next_en,) if en_text else ()
            self._next_zh += bool(zh_text)
            self._next_en += bool(en_text)
        meta: dict[str, str] = {}
        for kind, value in props.items():
            if not kind.startswith("x-"):
                continue
            key = kind[2:]
            if key in ("zh-document", "en-document"):
                if value != self.header.get(key.replace("-document", "_name"), ""):
                    meta[key] = value
            elif key.startswith("meta-"):
                meta[key[5:]] = value
            elif key not in RESERVED:
                meta[key] = value
        return Bead(
            zh_ids=zh_ids,
            en_ids=en_ids,
            zh_text=zh_text,
            en_text=en_text,
            confidence=parse_confidence(props.get("x-confidence"), where),
            reasons=parse_reasons(props.get("x-reasons")),
            id=tu.get("tuid") or str(number),
            meta=meta,
        )

    def _read_header(self, header: etree._Element) -> None:
        props = {p.get("type", ""): p.text or "" for p in header if p.tag == "prop"}
        self.header_props = props
        signature = {k[len("x-signature-"):]: v for k, v in props.items() if k.startswith("x-signature-")}
        if not signature and props.get("x-bitext-signature"):
            signature = Signature.parse(props["x-bitext-signature"]).to_dict()
        where = f"{self.path}: line {header.sourceline}"
        self.header = {
            "srclang": header.get("srclang", ""),
            "creationtool": header.get("creationtool", ""),
            "signature": signature,
            "zh_name": props.get("x-zh-document", ""),
            "en_name": props.get("x-en-document", ""),
            "document_score": parse_confidence(props.get("x-document-score"), where),
        }
        srclang = header.get("srclang", "")
        if langcodes.is_chinese(srclang):
            self._zh_srclang = langcodes.normalize_lang(srclang)

    def beads(self) -> Iterator[Bead]:
        self._zh_srclang: str | None = None  # the header's srclang, when Chinese: preferred variant
        self._zh_seen: str | None = None  # first code actually read, for the Bitext's zh_lang
        self._en_seen: str | None = None
        self._next_zh = self._next_en = 0
        if not self.path.is_file():
            raise InputError(f"{self.path}: no such file")
        # Only <tmx>, <header> and <tu> events reach Python: the rest stays in C.
        context = etree.iterparse(
            str(self.path),
            events=("start", "end"),
            tag=("tmx", "header", "tu"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=True,
            remove_comments=True,
            remove_pis=True,
        )
        try:
            for event, element in context:
                if event == "start":
                    if element.tag == "tmx" and element.getparent() is None:
                        self.version = element.get("version", "")
                    continue
                if element.tag == "header":
                    self._read_header(element)
                    element.clear()
                elif element.tag == "tu":
                    self.units += 1
                    yield self._bead(element, self.units)
                    element.clear()
                    parent = element.getparent()
                    while element.getprevious() is not None:
                        del parent[0]
            root = context.root
            if root is not None and root.tag != "tmx":
                raise InputError(f"{self.path}: not a TMX file (root element <{root.tag}>, expected <tmx>)")
        except etree.XMLSyntaxError as error:
            line = error.lineno if error.lineno else "?"
            raise InputError(f"{self.path}: malformed TMX at line {line}: {error.msg}") from None
        finally:
            del context
        self._finish()

    def _finish(self) -> None:
        if self.units and not any(langcodes.is_chinese(c) for c in self.languages):
            raise InputError(f"{self.path}: no Chinese <tuv> in {self.units} units (languages: {', '.join(sorted(self.languages))})")
        if self.units and not any(langcodes.is_english(c) for c in self.languages):
            raise InputError(f"{self.path}: no English <tuv> in {self.units} units (languages: {', '.join(sorted(self.languages))})")
        if self.ignored:
            listed = ", ".join(f"{code} ({n} units)" for code, n in sorted(self.ignored.items()))
            warnings.warn(f"{self.path}: read the Chinese and English sides only; ignored {listed}", ReadWarning, stacklevel=3)


def read_tmx(path: str | os.PathLike, zh_lang: str | None = None, en_lang: str | None = None) -> Bitext:
    """Read a TMX (1.4 or 1.1) into a Bitext; a TMX written by bitext reads back identical."""
    reader = TmxReader(path, zh_lang, en_lang)
    beads = list(reader.beads())
    header = reader.header
    zh = reader._zh_seen or langcodes.DEFAULT_ZH
    en = reader._en_seen or langcodes.DEFAULT_EN
    return Bitext(
        beads=beads,
        signature=dict(header.get("signature", {})),
        zh_name=header.get("zh_name", ""),
        en_name=header.get("en_name", ""),
        zh_lang=zh,
        en_lang=en,
        document_score=header.get("document_score"),
    )


@register
class Tmx(BitextFormat):
    name = "tmx"
    extensions = (".tmx",)
    keeps_signature = True

    def write(self, bitext, path, force=False, **options):
        return write_tmx(bitext, path, force, **options)

    def read(self, path, **options):
        return read_tmx(path, **options)
