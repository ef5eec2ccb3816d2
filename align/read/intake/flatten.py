"""Markup nested deeper than libxml2 can hold, made shallow without losing a character of text.

libxml2 refuses to open more than 2048 elements at once and drops the rest of
the page. This pass re-tokenizes such a page with the standard library's
tokenizer (no tree, so no depth limit) and writes it back with at most
``max_depth`` elements open: tags past that depth are left out, a left-out
block element becomes a paragraph break (``<br><br>``), so its text stays a
paragraph of its own. Text inside left-out ``<script>``/``<style>``-like
elements is skipped, as the tree reader would drop it. What is lost past the
depth is only structure the reader does not use (inline tags) or uses little
(a deep ``<nav>`` is kept as text instead of marked as boilerplate).
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


def flatten(markup: str, blocks: set[str], dropped: set[str], max_depth: int = 1024) -> str:
    """``markup`` with no element nested deeper than ``max_depth`` and every character of its text."""
    flattener = _Flattener(blocks, dropped, max_depth)
    flattener.feed(markup)
    flattener.close()
    return "".join(flattener.out)


class _Flattener(HTMLParser):
    def __init__(self, blocks: set[str], dropped: set[str], max_depth: int):
        super().__init__(convert_charrefs=True)
        self.blocks, self.dropped, self.max_depth = blocks, dropped, max_depth
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, written out)
        self.depth = 0  # open elements written out
        self.skipping = 0  # open left-out elements whose text the reader would drop

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID:
            self.out.append(self.get_starttag_text() or f"<{tag}>")
            return
        written = self.depth < self.max_depth
        if written:
            self.out.append(self.get_starttag_text() or f"<{tag}>")
            self.depth += 1
        elif tag in self.dropped:
            self.skipping += 1
        elif tag in self.blocks:
            self.out.append("<br><br>")
        self.stack.append((tag, written))

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                break
        else:
            return  # an end tag nothing opened: the tree reader ignores it too
        while len(self.stack) > index:
            name, written = self.stack.pop()
            if written:
                self.out.append(f"</{name}>")
                self.depth -= 1
            elif name in self.dropped:
                self.skipping -= 1
            elif name in self.blocks:
                self.out.append("<br><br>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")
