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
