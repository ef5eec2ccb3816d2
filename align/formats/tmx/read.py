"""The TMX reader: ``lxml.etree.iterparse`` with ``resolve_entities=False`` and
``no_network=True`` (no entity expansion, no DTD fetched), clearing each ``<tu>``
once read. Reads TMX 1.4 ``xml:lang`` and TMX 1.1 ``lang``, units with any number
of ``<tuv>`` (the Chinese and English ones are picked by language code), and
reports malformed XML with its line number.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, Callable, Iterator

from lxml import etree

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.core.signature import Signature
from align.formats import langcodes
from align.formats.base import ReadWarning, parse_confidence, parse_ids, parse_reasons
from align.formats.tmx import keep
from align.formats.tmx.encoding import override_encoding
from align.formats.tmx.props import DETAIL, HEADER_PROPS, RESERVED, SIGNATURE, SIGNATURE_ENTRY, XML_LANG

PROGRESS_EVERY = 2000
_CODE_TAGS = {"bpt", "ept", "ph", "it", "ut"}  # native codes, not translatable text


def _ours(kind: str) -> bool:
    """A header prop bitext writes (and reads into Bitext fields)."""
    return kind in HEADER_PROPS or kind.startswith((SIGNATURE_ENTRY, DETAIL))


def _prefixed(props: dict[str, str], prefix: str) -> dict[str, str]:
    return {kind[len(prefix):]: value for kind, value in props.items() if kind.startswith(prefix)}


def _text(tuv: etree._Element) -> str:
    seg = tuv.find("seg")
    return _seg_text(seg) if seg is not None else ""


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

    def __init__(self, path: str | os.PathLike, zh_lang: str | None = None, en_lang: str | None = None,
                 progress: Callable[[int, int], None] | None = None):
        self.path = Path(path)
        self.progress = progress  # called with (bytes read, file size) every PROGRESS_EVERY units
        self.kept: dict[str, Any] = {}  # the header's foreign attributes, props and notes (Bitext.extra["tmx"])
        self.zh_lang = langcodes.normalize_lang(zh_lang) if zh_lang else None
        self.en_lang = langcodes.normalize_lang(en_lang) if en_lang else None
        self.header: dict[str, Any] = {}
        self.header_props: dict[str, str] = {}
        self.version = ""
        self.languages: dict[str, int] = {}  # canonical code -> units holding it
        self.ignored: dict[str, int] = {}
        self.units = 0

    @staticmethod
    def _pick(tuvs: dict[str, etree._Element], chooser, wanted: str | None, *preferred: str | None) -> str | None:
        """The language code of the tuv for one side: the asked-for code, else a preferred one, else the first of that language."""
        candidates = [code for code in tuvs if chooser(code)]
        if not candidates:
            return None
        if wanted:
            return wanted if wanted in tuvs else None
        for code in preferred:
            if code in tuvs:
                return code
        return candidates[0]

    def _bead(self, tu: etree._Element, number: int) -> Bead:
        tuvs: dict[str, etree._Element] = {}
        props: dict[str, str] = {}  # x- props: bitext's own and Bead.meta
        foreign: list[dict[str, str]] = []  # every other prop, kept whole
        notes: list[str] = []
        for child in tu:
            if child.tag == "prop":
                kind = child.get("type", "")
                if kind.startswith("x-") and kind not in props and len(child.attrib) == 1:
                    props[kind] = child.text or ""
                else:
                    foreign.append(keep.prop_record(child))
            elif child.tag == "note":
                notes.append(child.text or "")
            elif child.tag == "tuv":
                raw = child.get(XML_LANG) or child.get("lang")
                if raw is None:
                    raise InputError(f"{self.path}: line {child.sourceline}: <tuv> without xml:lang (or TMX 1.1 lang)")
                try:
                    code = langcodes.normalize_lang(raw)
                except ValueError:
                    raise InputError(f"{self.path}: line {child.sourceline}: bad language code {raw!r}") from None
                tuvs.setdefault(code, child)
        for code in tuvs:
            self.languages[code] = self.languages.get(code, 0) + 1
        zh_code = self._pick(tuvs, langcodes.is_chinese, self.zh_lang, self._zh_srclang, self._zh_seen)
        en_code = self._pick(tuvs, langcodes.is_english, self.en_lang, self._en_seen)
        if zh_code and not self._zh_seen:
            self._zh_seen = zh_code
        if en_code and not self._en_seen:
            self._en_seen = en_code
        for code in tuvs:
            if code not in (zh_code, en_code):
                self.ignored[code] = self.ignored.get(code, 0) + 1
        zh_text, en_text = (_text(tuvs[code]) if code else "" for code in (zh_code, en_code))
        kept = keep.unit_record(tu, foreign, notes[1:], {"zh": tuvs.get(zh_code), "en": tuvs.get(en_code)})
        # tu.sourceline is slow past line 65535 (libxml2 walks the tree): only on error.
        try:
            bead = self._fields(tu, props, zh_text, en_text, number)
        except InputError as error:
            raise InputError(f"{self.path}: line {tu.sourceline}: {error}") from None
        if notes:
            bead.meta["note"] = notes[0]
        if kept:
            bead.extra["tmx"] = kept
        return bead

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
        foreign = [keep.prop_record(p) for p in header if p.tag == "prop" and not _ours(p.get("type", ""))]
        notes = [n.text or "" for n in header if n.tag == "note"]
        self.kept = keep.header_record(header, foreign, notes, ours=header.get("creationtool") == "bitext")
        signature = _prefixed(props, SIGNATURE_ENTRY)
        if not signature and props.get(SIGNATURE):
            signature = Signature.parse(props[SIGNATURE]).to_dict()
        where = f"{self.path}: line {header.sourceline}"
        self.header = {
            "srclang": header.get("srclang", ""),
            "creationtool": header.get("creationtool", ""),
            "signature": signature,
            "details": _prefixed(props, DETAIL),
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
        encoding = override_encoding(self.path)
        size = self.path.stat().st_size
        handle = open(self.path, "rb")
        # Only <tmx>, <header> and <tu> events reach Python: the rest stays in C. huge_tree stays off:
        # libxml2's limits (depth, 10 MB per text node) stop a hostile file before it costs memory.
        context = etree.iterparse(
            handle,
            events=("start", "end"),
            tag=("tmx", "header", "tu"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            encoding=encoding,
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
                    if self.progress is not None and self.units % PROGRESS_EVERY == 0:
                        self.progress(handle.tell(), size)
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
            handle.close()
        if self.progress is not None:
            self.progress(size, size)
        self._finish()

    def _finish(self) -> None:
        if self.units and not any(langcodes.is_chinese(c) for c in self.languages):
            raise InputError(f"{self.path}: no Chinese <tuv> in {self.units} units (languages: {', '.join(sorted(self.languages))})")
        if self.units and not any(langcodes.is_english(c) for c in self.languages):
            raise InputError(f"{self.path}: no English <tuv> in {self.units} units (languages: {', '.join(sorted(self.languages))})")
        if self.ignored:
            listed = ", ".join(f"{code} ({n} units)" for code, n in sorted(self.ignored.items()))
            warnings.warn(f"{self.path}: read the Chinese and English sides only; ignored {listed}", ReadWarning, stacklevel=3)


def _bitext(reader: TmxReader, beads) -> Bitext:
    header = reader.header
    return Bitext(
        beads=beads,
        signature=dict(header.get("signature", {})),
        zh_name=header.get("zh_name", ""),
        en_name=header.get("en_name", ""),
        zh_lang=reader._zh_seen or langcodes.DEFAULT_ZH,
        en_lang=reader._en_seen or langcodes.DEFAULT_EN,
        document_score=header.get("document_score"),
        details=dict(header.get("details", {})),
        extra={"tmx": reader.kept} if reader.kept else {},
    )


def read_tmx(path: str | os.PathLike, zh_lang: str | None = None, en_lang: str | None = None) -> Bitext:
    """Read a TMX (1.4 or 1.1) into a Bitext; a TMX written by bitext reads back identical."""
    reader = TmxReader(path, zh_lang, en_lang)
    beads = list(reader.beads())
    return _bitext(reader, beads)


class TmxStream:
    """The units of a TMX file, read again from disk each time they are iterated (memory stays flat)."""

    def __init__(self, path: str | os.PathLike, zh_lang: str | None, en_lang: str | None,
                 progress: Callable[[int, int], None] | None = None):
        self.path, self.zh_lang, self.en_lang, self.progress = path, zh_lang, en_lang, progress

    def __iter__(self) -> Iterator[Bead]:
        return TmxReader(self.path, self.zh_lang, self.en_lang, self.progress).beads()


def stream_tmx(path: str | os.PathLike, zh_lang: str | None = None, en_lang: str | None = None,
               progress: Callable[[int, int], None] | None = None) -> Bitext:
    """A Bitext whose beads stream from the file (a :class:`TmxStream`); the header is read now.

    The languages are those of the first unit (``read_tmx`` labels them the same way);
    a malformed file fails when the beads are iterated, inside the writer's atomic write.
    """
    reader = TmxReader(path, zh_lang, en_lang)
    units = reader.beads()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReadWarning)  # said again by the real pass
        try:
            next(units, None)
        finally:
            units.close()
    return _bitext(reader, TmxStream(path, zh_lang, en_lang, progress))
