"""Word ``.docx`` (Office Open XML) read directly from its XML parts with lxml.

Reading order: the body's paragraphs, headings and tables (one block per row,
cells separated by a tab), then footnotes and endnotes as blocks of their own
(role ``footnote``/``endnote``). Tracked changes are read as accepted: an
insertion is kept, a deletion (and the source of a move) left out. Headers,
footers, comments, text boxes, embedded objects, hidden text and the entries
of a table of contents are left out and counted.
Macros are never run: only XML is parsed, without entities or network.
Elements are matched by local name, so Strict OOXML reads like Transitional.
"""

from __future__ import annotations

import re

from align.read.intake.base import DocumentReader, Extracted, TextBuilder, register
from align.read.intake.safety import SafeZip

_SKIPPED = {
    "del": "tracked-deletion",
    "moveFrom": "tracked-deletion",
    "txbxContent": "text-box",
    "Fallback": None,  # the same content as the mc:Choice beside it
    "delText": None,
    "instrText": None,  # field codes such as PAGE or TOC \o
    "footnoteReference": None,
    "endnoteReference": None,
    "commentReference": None,
    "object": "embedded-object",
    "rt": None,  # ruby text: the pinyin or zhuyin printed over Chinese characters, not part of the sentence
}
_HEADING_NAME = re.compile(r"^(heading|title|subtitle)\b", re.I)
_TOC_NAME = re.compile(r"^(toc \d|toc heading$|table of contents)", re.I)
_RELATIONSHIP_DOC = re.compile(r"/officeDocument$")


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attr(element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return value
    return None


def _child(element, name: str):
    for child in element:
        if _local(child) == name:
            return child
    return None


class _Walker:
    """Text of paragraphs and rows, counting what it leaves out."""

    def __init__(self, builder: TextBuilder, styles: tuple[set[str], set[str]]):
        self.builder = builder
        self.headings, self.contents = styles

    def paragraph_text(self, paragraph) -> str:
        out: list[str] = []
        self._runs(paragraph, out)
        return "".join(out)

    def _runs(self, element, out: list[str]) -> None:
        for child in element:
            name = _local(child)
            if name in _SKIPPED:
                kind = _SKIPPED[name]
                if kind == "tracked-deletion" and not any(_local(e) == "delText" or _local(e) == "t" for e in child.iter()):
                    continue  # a deletion mark on formatting or a paragraph mark, no text
                if kind:
                    self.builder.skip(kind)
                continue
            if name == "r" and _hidden(child):
                self.builder.skip("hidden-text")
            elif name == "t":
                out.append(child.text or "")
            elif name == "tab":
                out.append("\t")
            elif name in ("br", "cr"):
                out.append("\n")
            elif name == "noBreakHyphen":
                out.append("\u2011")
            elif name in ("pPr", "rPr", "softHyphen"):
                continue
            else:
                self._runs(child, out)

    def role(self, paragraph) -> str:
        properties = _child(paragraph, "pPr")
        if properties is None:
            return ""
        style = _child(properties, "pStyle")
        if style is not None and _attr(style, "val") in self.contents:
            return "table-of-contents"
        if style is not None and _attr(style, "val") in self.headings:
            return "heading"
        if _child(properties, "outlineLvl") is not None:
            return "heading"
        return ""

    def body(self, container, role: str = "") -> None:
        for child in container:
            name = _local(child)
            if name == "p":
                paragraph_role = role or self.role(child)
                if paragraph_role == "table-of-contents":  # repeats the headings, with page numbers
                    self.builder.skip("table-of-contents-entry")
                else:
                    self.builder.add(self.paragraph_text(child), paragraph_role)
            elif name == "tbl":
                self.table(child)
            elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"):
                self.body(child, role)
            elif name in ("del", "moveFrom"):
                self.builder.skip("tracked-deletion")
            elif name == "altChunk":
                self.builder.skip("embedded-object")

    def table(self, table) -> None:
        """One block per row, cells separated by a tab; a table inside a cell follows its row."""
        for row in _children(table, "tr"):
            cells, inner_tables = [], []
            for cell in _children(row, "tc"):
                texts = []
                for item in _children(cell, "p", "tbl"):
                    if _local(item) == "p":
                        texts.append(self.paragraph_text(item).strip())
                    else:
                        inner_tables.append(item)
                cells.append(" ".join(t for t in texts if t))
            self.builder.add("\t".join(c for c in cells if c), "table-row")
            for inner in inner_tables:
                self.table(inner)


_WRAPPERS = ("sdt", "sdtContent", "customXml", "ins", "moveTo")


def _children(element, *names: str):
    """Direct children with these local names, looking through content controls and tracked insertions."""
    for child in element:
        name = _local(child)
        if name in names:
            yield child
        elif name in _WRAPPERS:
            yield from _children(child, *names)


@register
class DocxReader(DocumentReader):
    name = "docx"
    extensions = (".docx", ".docm", ".dotx", ".dotm")
    description = "Word document (Office Open XML)"

    def claims(self, data: bytes, zip_names: frozenset[str] | None) -> bool:
        return zip_names is not None and "word/document.xml" in zip_names

    def read(self, data: bytes, source: str, encoding: str | None = None) -> Extracted:
        archive = SafeZip(data, source, "Word (.docx)")
        builder = TextBuilder()
        walker = _Walker(builder, _paragraph_styles(archive))
        document = archive.xml(_main_part(archive))
        body = next((e for e in document if _local(e) == "body"), None)
        if body is None:
            body = document
        walker.body(body)
        for part, kind in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
            if archive.has(part):
                for note in archive.xml(part):
                    if _local(note) != kind or _attr(note, "type") not in (None, "normal"):
                        continue  # separators drawn between text and notes
                    texts = [walker.paragraph_text(p) for p in note.iter() if _local(p) == "p"]
                    builder.add("\n".join(t for t in texts if t.strip()), kind)
        for name in sorted(archive.names()):
            match = re.fullmatch(r"word/(header|footer|comments)\d*\.xml", name)
            if not match:
                continue
            part = archive.xml(name)
            if match.group(1) == "comments":
                builder.skip("comment", sum(1 for e in part if _local(e) == "comment"))
            elif any((e.text or "").strip() for e in part.iter() if _local(e) == "t"):
                builder.skip(match.group(1))  # Word keeps empty first-page and even-page headers: not counted
        return builder.result()


def _main_part(archive: SafeZip) -> str:
    if archive.has("_rels/.rels"):
        for relation in archive.xml("_rels/.rels"):
            if _RELATIONSHIP_DOC.search(relation.get("Type", "")):
                target = relation.get("Target", "").lstrip("/")
                if archive.has(target):
                    return target
    return "word/document.xml"


def _hidden(run) -> bool:
    """A run formatted as hidden text (``w:vanish``): not printed, often tags of a bilingual CAT file."""
    properties = _child(run, "rPr")
    vanish = _child(properties, "vanish") if properties is not None else None
    return vanish is not None and (_attr(vanish, "val") or "true").lower() not in ("0", "false", "off")


def _paragraph_styles(archive: SafeZip) -> tuple[set[str], set[str]]:
    """Style ids of headings (name "heading N"/"title", or an outline level; ids are localised, names are
    not) and of table-of-contents entries (name "toc N")."""
    if not archive.has("word/styles.xml"):
        return {f"Heading{n}" for n in range(1, 10)} | {"Title", "Subtitle"}, {f"TOC{n}" for n in range(1, 10)}
    headings, contents = set(), set()
    for style in archive.xml("word/styles.xml"):
        if _local(style) != "style" or _attr(style, "type") != "paragraph":
            continue
        name = _child(style, "name")
        name = (_attr(name, "val") or "") if name is not None else ""
        properties = _child(style, "pPr")
        if _TOC_NAME.match(name):
            contents.add(_attr(style, "styleId"))
        elif _HEADING_NAME.match(name) or (properties is not None and _child(properties, "outlineLvl") is not None):
            headings.add(_attr(style, "styleId"))
    return headings, contents


__all__ = ["DocxReader"]
