"""HTML → plain text with one paragraph per block element.

The Document built from an HTML page holds this extracted text as its
``original``: markup is not translatable content, but every character of the
page's text is kept, including navigation, which cleaning then marks.

The page's own boilerplate elements are known from the markup: ``<nav>`` and
``<aside>`` anywhere, and ``<header>``/``<footer>`` of the page (not those of an
``<article>`` or ``<main>``, which hold the article's title and byline). Their
lines are returned as removals (rules ``html-nav``, ``html-aside``,
``html-header``, ``html-footer``), so ``bitext clean`` lists them and
``--keep-all`` keeps them.

Deep nesting: libxml2 stops at 256 open elements (2048 with its "huge"
option, used here) and silently drops the rest of the page; a page deeper than
that is read again made shallow (``flatten``), every character of its text
kept. Any other error after which libxml2 drops text is refused, never
read with text missing.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from align.core.document import Removal
from align.core.errors import InputError
from align.read.intake.flatten import flatten

MAX_DEPTH = 1024  # elements kept open when a page too deep for libxml2 is read again (its limit: 2048)

_BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "title", "tr", "ul", "caption",
}
_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "button", "select"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BOILERPLATE = ("nav", "aside", "header", "footer")
_OWN_SECTION = ("article", "main")  # a header/footer inside one of these belongs to the article
# Noncharacters (never interchanged text) mark where each boilerplate element starts and ends in the
# extracted text; a page that holds any of them is read without boilerplate marks rather than misread.
_START = {tag: chr(0xFDD0 + number) for number, tag in enumerate(_BOILERPLATE)}
_KIND = {mark: tag for tag, mark in _START.items()}
_END = "\ufdd8"
_MARKS = re.compile("[\ufdd0-\ufdef]")


def html_to_text(markup: str, title: bool = True) -> str:
    """Visible text of a page; block elements become paragraphs separated by blank lines.

    ``title=False`` leaves the ``<title>`` out (an e-book repeats the book's title in every chapter)."""
    return read_html(markup, title)[0]


def read_html(markup: str, title: bool = True) -> tuple[str, list[Removal]]:
    """The visible text of a page (as ``html_to_text``) and the lines of its boilerplate elements, as removals."""
    root = _parse(markup)
    for element in root.iter(*_DROP):
        element.drop_tree()
    for comment in root.iter(etree.Comment):
        comment.drop_tree()
    if not _MARKS.search(markup):
        _mark_boilerplate(root)
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
    paragraphs = _paragraphs((body if body is not None else root).text_content())
    kept = [p for p in paragraphs if any(kind is None for _, kind in p)]  # the first after the page's header
    if title and (not kept or "\n".join(line for line, _ in kept[0]) != title.strip()):
        paragraphs.insert(0, [(title.strip(), None)])
    return _assemble(paragraphs)


def _parse(markup: str, flattened: bool = False):
    parser = lxml_html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"cannot parse HTML: {error}") from None
    for entry in parser.error_log:
        if entry.level_name == "FATAL" or entry.type_name == "ERR_RESOURCE_LIMIT":
            # libxml2 drops everything past such an error: read the page made shallow, or refuse; never lose text
            if "depth" in entry.message and not flattened:
                return _parse(flatten(markup, _BLOCKS, _DROP, MAX_DEPTH), flattened=True)
            reason = entry.message.split(",")[0].strip()
            raise InputError(f"cannot read this HTML without losing text (line {entry.line}: {reason}); "
                             "save its text as plain text")
    return root


def _mark_boilerplate(root) -> None:
    marked: set = set()
    for element in root.iter(*_BOILERPLATE):
        ancestors = list(element.iterancestors())
        if any(ancestor in marked for ancestor in ancestors):
            continue  # its lines are marked with the outer one's
        if element.tag in ("header", "footer") and any(a.tag in _OWN_SECTION for a in ancestors):
            continue
        marked.add(element)
        element.text = _START[element.tag] + (element.text or "")
        etree.SubElement(element, "span").text = _END


def _paragraphs(text: str) -> list[list[tuple[str, str | None]]]:
    """Non-empty lines grouped into paragraphs, each line with the boilerplate element it lies in (or None)."""
    kinds: list[str] = []
    paragraphs: list[list[tuple[str, str | None]]] = []
    current: list[tuple[str, str | None]] = []
    for raw in text.split("\n"):
        inside = kinds[-1] if kinds else None
        for mark in _MARKS.findall(raw):
            if mark == _END:
                if kinds:
                    kinds.pop()
            else:
                kinds.append(_KIND[mark])
            inside = inside or (kinds[-1] if kinds else None)
        line = _SPACES.sub(" ", _MARKS.sub("", raw)).strip()
        if line:
            current.append((line, inside))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _assemble(paragraphs: list[list[tuple[str, str | None]]]) -> tuple[str, list[Removal]]:
    parts: list[str] = []
    removals: list[Removal] = []
    position = 0
    for number, paragraph in enumerate(paragraphs):
        if number:
            parts.append("\n\n")
            position += 2
        for index, (line, kind) in enumerate(paragraph):
            if index:
                parts.append("\n")
                position += 1
            if kind is not None:
                removals.append(Removal(position, position + len(line), f"html-{kind}", line))
            parts.append(line)
            position += len(line)
    return "".join(parts) + "\n", removals
