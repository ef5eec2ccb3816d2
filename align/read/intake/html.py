"""HTML → plain text with one paragraph per block element.

The Document built from an HTML page holds this extracted text as its
``original``: markup is not translatable content, but every character of the
page's text is kept, including navigation, which cleaning then marks.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from align.core.errors import InputError

_BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "title", "tr", "ul", "caption",
}
_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "button", "select"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_text(markup: str, title: bool = True) -> str:
    """Visible text of a page; block elements become paragraphs separated by blank lines.

    ``title=False`` leaves the ``<title>`` out (an e-book repeats the book's title in every chapter)."""
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"cannot parse HTML: {error}") from None
    for element in root.iter(*_DROP):
        element.drop_tree()
    for comment in root.iter(etree.Comment):
        comment.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
            if element.text:
                element.text = "\n\n" + element.text
    head = root.find("head")
    title = head.findtext("title") if head is not None and title else None
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    if title and (not paragraphs or paragraphs[0] != title.strip()):
        paragraphs.insert(0, title.strip())
    return "\n\n".join(paragraphs) + "\n"


def _parser() -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True)
