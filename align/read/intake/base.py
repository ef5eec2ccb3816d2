"""What every structured-document reader shares: the text it extracts, block by block.

A reader (``.docx``, ``.pdf``, ``.srt``...) turns a file's bytes into
:class:`Extracted`: one plain text whose blocks (paragraphs, headings,
footnotes, table rows, subtitle cues) are separated by blank lines, the span and
role of each block, what it left out of the file by kind, and the pieces of the
extracted text it marks for removal (a PDF's running headers). The Document
built from it keeps that text as its ``original``, so every span points into
characters the user can see with ``bitext clean --text``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from align.core.document import Removal
from align.core.text import HAN

_LINE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t\r\n]*")
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026]")


def _cjk(character: str) -> bool:
    return bool(HAN.match(character) or _CJK_PUNCTUATION.match(character))


def join_lines(text: str) -> str:
    """A block's text on one line: a line break becomes a space, or nothing between Chinese characters
    (Han or full-width punctuation: Chinese wraps anywhere and has no spaces to restore)."""

    def joint(match: re.Match) -> str:
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        return "" if (HAN.match(before) or HAN.match(after)) and _cjk(before) and _cjk(after) else " "

    return _LINE_BREAK.sub(joint, text.strip())


@dataclass
class Block:
    start: int
    end: int
    role: str = ""  # "", "heading", "footnote", "endnote", "table-row", "cue"...
    meta: dict[str, str] | None = None  # a cue's timing


@dataclass
class Extracted:
    text: str
    blocks: list[Block]
    left_out: Counter = field(default_factory=Counter)
    removals: list[Removal] = field(default_factory=list)
    blocks_are_sentences: bool = False  # subtitle cues: each block is one sentence, never split
    encoding: str | None = None  # of a text format (subtitles, Markdown); None for XML and PDF


class TextBuilder:
    """Collects blocks into one text, blank line between blocks; newlines inside a block become spaces."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.left_out: Counter = Counter()
        self.removals: list[Removal] = []

    def add(self, text: str, role: str = "", meta: dict[str, str] | None = None, removed_as: str | None = None) -> None:
        """Add one block; ``removed_as`` keeps it in the text but marks it removed by that rule."""
        text = join_lines(text)
        if not text:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        if removed_as:
            self.removals.append(Removal(start, self._length, removed_as, text))
        else:
            self.blocks.append(Block(start, self._length, role, meta))

    def skip(self, kind: str, count: int = 1) -> None:
        """Record that the reader left something out of the file."""
        if count:
            self.left_out[kind] += count

    def result(self, blocks_are_sentences: bool = False, encoding: str | None = None) -> Extracted:
        text = "".join(self._parts)
        return Extracted(text + "\n" if text else "", self.blocks, self.left_out, self.removals, blocks_are_sentences, encoding)


class DocumentReader:
    """One document format: its name, the extensions it claims, how to recognise its bytes, how to read them.

    ``claims`` looks at content only (magic bytes, zip members); the registry asks
    every reader by content first and only then by extension, so a ``.docx``
    that is really text is read as text, and a Word file named ``.txt`` as Word.
    Subclasses register with :func:`register`.
    """

    name: str = ""
    extensions: tuple[str, ...] = ()
    description: str = ""

    def claims(self, data: bytes, zip_names: frozenset[str] | None) -> bool:
        """True when the bytes are this format. ``zip_names``: the member names when the data is a zip."""
        return False

    def read(self, data: bytes, source: str, encoding: str | None = None) -> Extracted:
        """The text of the file; ``encoding`` forces the encoding of a text format. Raises InputError."""
        raise NotImplementedError


READERS: list[DocumentReader] = []


def register(cls: type[DocumentReader]) -> type[DocumentReader]:
    """Class decorator: make a reader available to :func:`align.read.intake.registry.reader_for`."""
    READERS.append(cls())
    return cls
