"""OpenDocument text ``.odt`` read from ``content.xml`` with lxml.

Headings (``text:h``) and paragraphs in order, list items, tables row by row
(cells separated by a tab), sections; footnotes and endnotes (``text:note``)
are taken out of their paragraph and follow the body as blocks of their own.
Tracked changes are read as accepted: deleted text lives only in
``text:tracked-changes``, which is left out. Headers and footers (in
``styles.xml``), annotations and frames (text boxes, images) are left out.
"""

from __future__ import annotations

from align.read.intake.base import DocumentReader, Extracted, TextBuilder, register
from align.read.intake.safety import SafeZip

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_MIME = b"application/vnd.oasis.opendocument.text"


def _t(name: str) -> str:
    return f"{{{_TEXT}}}{name}"


_LEFT_OUT = {f"{{{_OFFICE}}}annotation": "comment", f"{{{_OFFICE}}}annotation-end": None,
             "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame": "frame"}


class _Walker:
    def __init__(self, builder: TextBuilder):
        self.builder = builder
        self.notes: list[tuple[str, str]] = []

    def inline(self, element, out: list[str]) -> None:
        if element.text:
            out.append(element.text)
        for child in element:
            tag = child.tag
            if tag == _t("s"):
                out.append(" " * int(child.get(_t("c"), "1") or 1))
            elif tag == _t("tab"):
                out.append("\t")
            elif tag == _t("line-break"):
                out.append("\n")
            elif tag == _t("note"):
                body = child.find(_t("note-body"))
                if body is not None:
                    texts = [self.paragraph(p) for p in body.iter(_t("p"), _t("h"))]
                    self.notes.append((child.get(_t("note-class"), "footnote"), "\n".join(texts)))
            elif tag in _LEFT_OUT:
                if _LEFT_OUT[tag]:
                    self.builder.skip(_LEFT_OUT[tag])
            elif isinstance(tag, str):
                self.inline(child, out)
            if child.tail:
                out.append(child.tail)

    def paragraph(self, element) -> str:
        out: list[str] = []
        self.inline(element, out)
        return "".join(out)

    def body(self, container, role: str = "") -> None:
        for child in container:
            tag = child.tag
            if tag == _t("h"):
                self.builder.add(self.paragraph(child), "heading")
            elif tag == _t("p"):
                self.builder.add(self.paragraph(child), role)
            elif tag == _t("list-item"):
                self.body(child, "list-item")
            elif tag in (_t("list"), _t("section"), _t("list-header"), _t("soft-page-break")):
                self.body(child, role)
            elif tag == f"{{{_TABLE}}}table":
                self.table(child)
            elif tag == _t("tracked-changes"):
                self.builder.skip("tracked-deletion", sum(1 for _ in child.iter(_t("deletion"))))
            elif tag == _t("table-of-content"):
                self.builder.skip("table-of-contents")

    def table(self, table) -> None:
        for row in table.iter(f"{{{_TABLE}}}table-row"):
            cells = []
            for cell in row.iter(f"{{{_TABLE}}}table-cell"):
                texts = [self.paragraph(p).strip() for p in cell.iter(_t("p"), _t("h"))]
                cells.append(" ".join(t for t in texts if t))
            self.builder.add("\t".join(c for c in cells if c), "table-row")


@register
class OdtReader(DocumentReader):
    name = "odt"
    extensions = (".odt", ".ott")
    description = "OpenDocument text"

    def claims(self, data: bytes, zip_names: frozenset[str] | None) -> bool:
        # The mimetype member comes first and uncompressed, so its bytes sit at offset 38.
        return zip_names is not None and "content.xml" in zip_names and data[30:38] == b"mimetype" and _MIME in data[38:100]

    def read(self, data: bytes, source: str, encoding: str | None = None) -> Extracted:
        archive = SafeZip(data, source, "OpenDocument (.odt)")
        builder = TextBuilder()
        walker = _Walker(builder)
        content = archive.xml("content.xml")
        text = content.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
        walker.body(text if text is not None else content)
        for note_class, note in walker.notes:
            builder.add(note, "endnote" if note_class == "endnote" else "footnote")
        if archive.has("styles.xml"):
            styles = archive.xml("styles.xml")
            for kind in ("header", "footer"):
                builder.skip(kind, sum(1 for e in styles.iter(f"{{{_STYLE}}}{kind}") if "".join(e.itertext()).strip()))
        return builder.result()
