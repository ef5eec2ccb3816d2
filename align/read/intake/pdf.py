"""PDF with a text layer, read with pdfminer.six; paragraphs rebuilt from its lines.

pdfminer gives text boxes with their lines and positions; :mod:`pdflayout`
orders the boxes (columns left to right, each top to bottom), finds running
headers, footers and page numbers (kept in the text, marked as removals), and
joins lines into paragraphs, undoing hyphenation at line ends. A PDF without
a text layer (a scan) or with a password is refused with a one-line reason.
"""

from __future__ import annotations

import io
import logging
import re

from align.core.errors import InputError
from align.read.intake.base import DocumentReader, Extracted, TextBuilder, register
from align.read.intake.pdflayout import Line, Page, build_text

MAX_PAGES = 5000
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


def _pages(data: bytes, source: str) -> list[Page]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[Page] = []
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every odd font on stderr
    try:
        for number, layout in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
            if number >= MAX_PAGES:
                raise InputError(f"{source}: more than {MAX_PAGES} pages; split the PDF")
            boxes = []
            for element in layout:
                if isinstance(element, LTTextBox):
                    # Justified text spreads words apart and pdfminer reads the stretch as extra spaces.
                    lines = [
                        Line(_SPACES.sub(" ", line.get_text().strip("\n")), line.x0, line.x1, line.y0, line.y1)
                        for line in element
                        if isinstance(line, LTTextLine) and line.get_text().strip()
                    ]
                    if lines:
                        boxes.append(lines)
            pages.append(Page(layout.width, layout.height, boxes))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{source}: the PDF is encrypted with a password; save an unprotected copy and try again") from None
    except (PDFSyntaxError, PSException) as error:
        raise InputError(f"{source}: damaged PDF ({error})") from None
    except InputError:
        raise
    except Exception as error:  # pdfminer raises bare TypeErrors, KeyErrors... on broken object streams
        raise InputError(f"{source}: cannot read this PDF ({type(error).__name__}: {error})") from None
    return pages


@register
class PdfReader(DocumentReader):
    name = "pdf"
    extensions = (".pdf",)
    description = "PDF document"

    def claims(self, data: bytes, zip_names: frozenset[str] | None) -> bool:
        return data[:1024].lstrip().startswith(b"%PDF-")

    def read(self, data: bytes, source: str, encoding: str | None = None) -> Extracted:
        pages = _pages(data, source)
        characters = sum(len(line.text.strip()) for page in pages for box in page.boxes for line in box)
        if not characters:
            raise InputError(f"{source}: the PDF has no text layer (scanned pages?); run OCR on it first")
        undecoded = sum(line.text.count("(cid:") for page in pages for box in page.boxes for line in box)
        if undecoded * 6 > characters / 2:
            raise InputError(f"{source}: the PDF's text layer cannot be decoded (fonts without a Unicode map); run OCR on it")
        builder = TextBuilder()
        build_text(pages, builder)
        return builder.result()
