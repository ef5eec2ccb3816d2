"""Markdown ``.md``: the text a reader sees, markup taken off, headings kept as paragraphs.

Block rules (CommonMark's common subset): ATX (``# Title``) and setext
headings become ``heading`` blocks; paragraphs are runs of lines up to a blank
line; each list item and each table row (cells separated by a tab) is a block;
``>`` quote markers are taken off. Fenced code blocks, front matter, HTML
comments, link reference definitions and rules are left out and counted.
Inline: emphasis, code spans, links (their text), images (their alt text),
autolinks, HTML tags and backslash escapes.
"""

from __future__ import annotations

import re

from align.read.intake.base import DocumentReader, Extracted, TextBuilder, register
from align.read.intake.encoding import decode_bytes

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)

_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image: its alt text
    (re.compile(r"!\[([^\]]*)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link: its text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>"), r"\1"),  # autolink: the address
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"(`+)(.+?)\1"), r"\2"),  # code span: its content
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),
)


def inline_text(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


@register
class MarkdownReader(DocumentReader):
    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd")
    description = "Markdown document"

    def read(self, data: bytes, source: str, encoding: str | None = None) -> Extracted:
        text, used = decode_bytes(data, source, encoding)
        builder = TextBuilder()
        text = _COMMENT.sub(lambda m: builder.skip("html-comment") or "\n" * m.group().count("\n"), text.lstrip("\ufeff"))
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[0].strip() == "---":
            closing = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
            if closing is not None:
                builder.skip("front-matter")
                lines = lines[closing + 1 :]
        _Blocks(builder).run(lines)
        return builder.result(encoding=used)


class _Blocks:
    def __init__(self, builder: TextBuilder):
        self.builder = builder
        self.paragraph: list[str] = []
        self.role = ""

    def flush(self) -> None:
        if self.paragraph:
            self.builder.add(inline_text("\n".join(self.paragraph)), self.role)
        self.paragraph, self.role = [], ""

    def start(self, line: str, role: str) -> None:
        self.flush()
        self.paragraph, self.role = [line], role

    def run(self, lines: list[str]) -> None:
        fence = None
        for line in lines:
            if fence:
                if line.strip().startswith(fence):
                    fence = None
                continue
            match = _FENCE.match(line)
            if match:
                self.flush()
                fence = match.group(1)[0] * 3
                self.builder.skip("code-block")
                continue
            while _QUOTE.match(line):
                line = _QUOTE.sub("", line, count=1)
            self.line(line)
        self.flush()

    def line(self, line: str) -> None:
        if not line.strip():
            self.flush()
        elif _SETEXT.match(line) and self.paragraph and self.role == "":
            self.role = "heading"
            self.flush()
        elif _RULE.match(line):
            self.flush()
            self.builder.skip("rule")
        elif _ATX.match(line):
            self.flush()
            self.builder.add(inline_text(_ATX.match(line).group(2) or ""), "heading")
        elif _REFERENCE.match(line) and not self.paragraph:
            self.builder.skip("link-reference")
        elif _TABLE_RULE.match(line) and self.role == "table-row":
            return
        elif line.strip().startswith("|") or (self.role == "table-row" and "|" in line):
            self.flush()
            cells = [inline_text(cell.strip()) for cell in line.strip().strip("|").split("|")]
            self.builder.add("\t".join(c for c in cells if c), "table-row")
            self.role = "table-row"  # the next row continues the table
        elif _ITEM.match(line):
            self.start(_ITEM.sub("", line, count=1), "list-item")
        else:
            if self.role == "table-row":
                self.role = ""
            self.paragraph.append(line.strip())
