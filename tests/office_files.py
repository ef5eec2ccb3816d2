"""Small real-looking office files for the intake tests, built by hand from their XML (no writer library needed).

The XML is what Word and LibreOffice write, trimmed to what a reader must understand:
the package relationships and content types, styles with a localised heading id, footnotes,
tracked changes, tables, headers and footers.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
# Chinese Word names heading styles "heading 1" but gives them the id "1": readers must go by the name.
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="11"><w:name w:val="toc 1"/></w:style>
</w:styles>"""


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(text: str = "", style: str | None = None, inner: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}{run(text) if text else ''}{inner}</w:p>"


def inserted(text: str) -> str:
    return f'<w:ins w:id="1" w:author="Editor" w:date="2024-01-01T00:00:00Z">{run(text)}</w:ins>'


def deleted(text: str) -> str:
    return f'<w:del w:id="2" w:author="Editor" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'


def footnote_reference(number: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'


def table(rows: list[list[str]]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{paragraph(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/>{cells}</w:tbl>"


def write_docx(path: Path, body: list[str], footnotes: list[str] = (), header: str | None = None, footer: str | None = None) -> Path:
    """A .docx whose body is the given paragraph/table XML, with footnotes, a header and a footer."""
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", _STYLES)
        if footnotes:
            notes = (
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            )
            for number, text in enumerate(footnotes, start=1):
                notes += f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>{run(" " + text)}</w:p></w:footnote>'
            archive.writestr("word/footnotes.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<w:footnotes xmlns:w="{W}">{notes}</w:footnotes>')
        for part, text in (("header1", header), ("footer1", footer)):
            if text is not None:
                tag = "hdr" if part.startswith("header") else "ftr"
                archive.writestr(f"word/{part}.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<w:{tag} xmlns:w="{W}">{paragraph(text)}</w:{tag}>')
    return path


def docx_from_paragraphs(path: Path, paragraphs: list[str], heading_every: int = 0) -> Path:
    """Each text a paragraph; with ``heading_every`` N, a heading-styled short paragraph stays one."""
    return write_docx(path, [paragraph(text) for text in paragraphs])


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def write_odt(path: Path, body: str, header: str | None = None) -> Path:
    """An .odt whose office:text holds ``body`` (ODF XML); the mimetype first and stored, as the standard asks."""
    content = f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODF_NS} office:version="1.3"><office:body><office:text>{body}</office:text></office:body></office:document-content>'
    master = f"<style:master-page style:name=\"Standard\"><style:header><text:p>{escape(header)}</text:p></style:header></style:master-page>" if header else ""
    styles = f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {_ODF_NS}><office:master-styles>{master}</office:master-styles></office:document-styles>'
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_epub(path: Path, chapters: list[tuple[str, str]], spine: list[int] | None = None, title: str = "A Book") -> Path:
    """An EPUB 3 with ``chapters`` as (file name, body XHTML); ``spine`` orders them (default: as given)."""
    items = "".join(f'<item id="c{k}" href="text/{name}" media-type="application/xhtml+xml"/>' for k, (name, _) in enumerate(chapters))
    items += '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
    order = spine if spine is not None else list(range(len(chapters)))
    refs = '<itemref idref="nav"/>' + "".join(f'<itemref idref="c{k}"/>' for k in order)
    package = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:x</dc:identifier><dc:title>{escape(title)}</dc:title>'
        f'<dc:language>en</dc:language></metadata><manifest>{items}</manifest><spine>{refs}</spine></package>'
    )
    container = (
        '<?xml version="1.0"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'
    )

    def page(body: str) -> str:
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{escape(title)}</title></head><body>{body}</body></html>'

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", container, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("OEBPS/content.opf", package, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("OEBPS/nav.xhtml", page('<nav><ol><li><a href="text/c1.xhtml">Contents</a></li></ol></nav>'), compress_type=zipfile.ZIP_DEFLATED)
        for name, body in chapters:
            archive.writestr(f"OEBPS/text/{name}", page(body), compress_type=zipfile.ZIP_DEFLATED)
    return path
