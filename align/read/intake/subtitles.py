"""Subtitles: SubRip ``.srt`` and WebVTT ``.vtt``, one cue one sentence, timing kept.

Each cue's lines are joined into one sentence (a line break becomes a space,
or nothing between Han characters); styling tags (``<i>``, ``<v Speaker>``,
``{\\an8}``) are left out of the text. The cue's ``start``/``end`` go into the
sentence's ``meta``; an alignment writes them back as TMX props
(``x-zh-start``, ``x-en-end``...). WebVTT ``NOTE``, ``STYLE`` and ``REGION``
blocks are left out and counted.
"""

from __future__ import annotations

import re

from align.core.errors import InputError
from align.read.intake.base import DocumentReader, Extracted, TextBuilder, register
from align.read.intake.encoding import decode_bytes

_TIME = r"(?:\d{1,3}:)?\d{1,2}:\d{2}[,.]\d{1,3}"
_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})(?:\s+.*)?$")
_SRT_HEAD = re.compile(rb"^\s*\d+\s*\r?\n\s*(?:\d{1,3}:)?\d{1,2}:\d{2},\d{1,3}\s*-->")
_TAGS = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>|\{\\[^}]*\}")
_ENTITIES = {"&amp;": "&", "&apos;": "'", "&quot;": '"', "&lt;": "<", "&gt;": ">", "&nbsp;": "\u00a0", "&lrm;": "\u200e", "&rlm;": "\u200f"}


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _cue_text(lines: list[str], vtt: bool) -> str:
    text = "\n".join(_TAGS.sub("", line) for line in lines)
    if vtt:
        for entity, character in _ENTITIES.items():
            text = text.replace(entity, character)
    return text


class _SubtitleReader(DocumentReader):
    vtt = False

    def read(self, data: bytes, source: str, encoding: str | None = None) -> Extracted:
        text, used = decode_bytes(data, source, encoding)
        builder = TextBuilder()
        blocks = _blocks(text.lstrip("\ufeff"))
        if self.vtt:
            if not blocks or not blocks[0][0].startswith("WEBVTT"):
                raise InputError(f"{source}: not a WebVTT file (it must start with WEBVTT)")
            blocks = blocks[1:]
        cues = 0
        for block in blocks:
            timing_at = next((i for i, line in enumerate(block[:2]) if _TIMING.match(line)), None)
            if timing_at is None:
                if self.vtt and block[0].split(" ", 1)[0] in ("NOTE", "STYLE", "REGION"):
                    builder.skip(block[0].split(" ", 1)[0].lower())
                    continue
                raise InputError(f"{source}: malformed {self.name} cue (no 'start --> end' timing line): {block[0][:60]!r}")
            start, end = _TIMING.match(block[timing_at]).groups()
            cues += 1
            body = _cue_text(block[timing_at + 1 :], self.vtt)
            if not body.strip():
                builder.skip("empty-cue")
                continue
            builder.add(body, "cue", {"start": start, "end": end})
        if not cues:
            raise InputError(f"{source}: no subtitle cues found")
        return builder.result(blocks_are_sentences=True, encoding=used)


@register
class SrtReader(_SubtitleReader):
    name = "srt"
    extensions = (".srt",)
    description = "SubRip subtitle file"

    def claims(self, data: bytes, zip_names: frozenset[str] | None) -> bool:
        return bool(_SRT_HEAD.match(data[:200].lstrip(b"\xef\xbb\xbf")))


@register
class VttReader(_SubtitleReader):
    name = "vtt"
    extensions = (".vtt",)
    description = "WebVTT subtitle file"
    vtt = True

    def claims(self, data: bytes, zip_names: frozenset[str] | None) -> bool:
        return data.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT")
