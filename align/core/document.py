"""Document: an original text, never altered, with paragraphs and sentences as spans into it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator, Sequence


@dataclass(frozen=True)
class Removal:
    """A piece of the original that cleaning left out, and the rule that did it."""

    start: int
    end: int
    rule: str
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence.

    ``start``/``end`` are its span in ``Document.original``; ``text`` is that span
    with cleaning removals (e.g. pinyin artefacts) taken out, in the original
    characters; ``key`` is the matching key used only for comparison.
    """

    id: int
    paragraph: int
    start: int
    end: int
    text: str
    key: str
    # what the source format says about this sentence beyond its text (a subtitle cue's timing)
    meta: dict[str, str] | None = field(default=None, compare=False, hash=False)


@dataclass(frozen=True)
class Paragraph:
    """``role`` is what the source format made of this block: ``""`` for body text, or
    ``"heading"``, ``"footnote"``, ``"endnote"``, ``"table-row"``, ``"caption"``..."""

    id: int
    start: int
    end: int
    sentence_ids: tuple[int, ...]
    role: str = ""


@dataclass
class Document:
    original: str
    lang: str  # "zh" or "en"
    script: str  # "Hans", "Hant" or "Latn"
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    encoding: str | None = None
    source: str | None = None
    format: str = "text"  # "text", "html", "presplit", or the reader that extracted it: "docx", "pdf", "srt"...
    # what the reader did not take from the file, by kind ("header": 2, "tracked-deletion": 3); removals are
    # text it took and cleaning then left out
    left_out: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.sentences)

    def __iter__(self) -> Iterator[Sentence]:
        return iter(self.sentences)

    @property
    def name(self) -> str:
        if not self.source:
            return "<string>"
        return self.source.replace("\\", "/").rsplit("/", 1)[-1]

    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    def keys(self) -> list[str]:
        return [s.key for s in self.sentences]

    def paragraph_text(self, paragraph: Paragraph) -> str:
        joiner = "" if self.lang == "zh" else " "
        return joiner.join(self.sentences[i].text for i in paragraph.sentence_ids)

    def join(self, sentence_ids: tuple[int, ...] | list[int]) -> str:
        """Texts of several sentences as one segment: no space between Chinese sentences."""
        joiner = "" if self.lang == "zh" else " "
        return joiner.join(self.sentences[i].text for i in sentence_ids)

    def regroup(self, paragraph_of: Sequence[int | str]) -> Document:
        """A copy whose paragraphs are runs of consecutive sentences sharing a label.

        ``paragraph_of[i]`` labels sentence i (e.g. a Bible chapter ``"Gen:1"``).
        """
        if len(paragraph_of) != len(self.sentences):
            raise ValueError(f"{len(paragraph_of)} labels for {len(self.sentences)} sentences")
        sentences: list[Sentence] = []
        paragraphs: list[Paragraph] = []
        members: list[int] = []
        for index, sentence in enumerate(self.sentences):
            if members and paragraph_of[index] != paragraph_of[index - 1]:
                paragraphs.append(self._paragraph(len(paragraphs), members))
                members = []
            members.append(index)
            sentences.append(replace(sentence, paragraph=len(paragraphs)))
        if members:
            paragraphs.append(self._paragraph(len(paragraphs), members))
        return replace(self, sentences=sentences, paragraphs=paragraphs)

    def slice(self, start: int, stop: int) -> Document:
        """Sentences start..stop-1 as a document of their own (ids from 0; spans still into the same original)."""
        picked = self.sentences[start:stop]
        labels = [s.paragraph for s in picked]
        sentences = [replace(s, id=k) for k, s in enumerate(picked)]
        part = replace(self, sentences=sentences, paragraphs=[], removals=[])
        return part.regroup(labels) if sentences else part

    def _paragraph(self, number: int, members: list[int]) -> Paragraph:
        return Paragraph(number, self.sentences[members[0]].start, self.sentences[members[-1]].end, tuple(members))
