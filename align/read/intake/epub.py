"""EPUB 2 and 3 e-books: the chapters in spine order, each read as an HTML page.

``META-INF/container.xml`` names the package document; its spine gives the
reading order of the manifest's XHTML chapters. Each chapter's block elements
become paragraphs (``h1``-``h6`` as ``heading``); the chapter's ``<title>``
(the book's title, in most books) is left out, and so are the EPUB 3
navigation document and the NCX table of contents, which only repeat headings.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from align.core.errors import InputError
from align.read.intake.base import DocumentReader, Extracted, TextBuilder, register
from align.read.intake.encoding import decode_bytes
from align.read.intake.html import html_to_text
from align.read.intake.safety import SafeZip

_CHAPTER_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")
_SPACES = re.compile(r"\s+")


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _headings(markup: str) -> set[str]:
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8", no_network=True))
    except (ValueError, etree.ParserError):  # an empty chapter (a cover image): no headings
        return set()
    return {_SPACES.sub(" ", h.text_content()).strip() for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")}


@register
class EpubReader(DocumentReader):
    name = "epub"
    extensions = (".epub",)
    description = "EPUB e-book"

    def claims(self, data: bytes, zip_names: frozenset[str] | None) -> bool:
        return zip_names is not None and "META-INF/container.xml" in zip_names and b"application/epub+zip" in data[:100]

    def read(self, data: bytes, source: str, encoding: str | None = None) -> Extracted:
        archive = SafeZip(data, source, "EPUB")
        package_path = self._package_path(archive, source)
        package = archive.xml(package_path)
        base = posixpath.dirname(package_path)
        manifest = {}
        for item in package.iter():
            if _local(item) == "item":
                manifest[item.get("id")] = item
        builder = TextBuilder()
        for itemref in package.iter():
            if _local(itemref) != "itemref":
                continue
            item = manifest.get(itemref.get("idref"))
            if item is None:
                raise InputError(f"{source}: the EPUB spine names {itemref.get('idref')!r}, which its manifest lacks")
            if item.get("media-type") not in _CHAPTER_TYPES:
                continue
            if "nav" in (item.get("properties") or "").split():
                builder.skip("table-of-contents")
                continue
            path = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
            markup, _ = decode_bytes(archive.read(path), f"{source}: {path}")
            headings = _headings(markup)
            for paragraph in html_to_text(markup, title=False).split("\n\n"):
                role = "heading" if _SPACES.sub(" ", paragraph).strip() in headings else ""
                builder.add(paragraph, role)
        return builder.result()

    @staticmethod
    def _package_path(archive: SafeZip, source: str) -> str:
        for element in archive.xml("META-INF/container.xml").iter():
            if _local(element) == "rootfile" and element.get("full-path"):
                return element.get("full-path")
        raise InputError(f"{source}: the EPUB's META-INF/container.xml names no package document")
