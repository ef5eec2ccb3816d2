"""read_document: path or string → cleaned, segmented Document with spans into the original."""

from __future__ import annotations

import os
import re
from pathlib import Path

from align.core.document import Document, Paragraph, Removal, Sentence
from align.core.errors import InputError
from align.core.normalize import matching_key
from align.read.intake.encoding import decode_bytes
from align.read.intake.language import detect_language, detect_script
from align.read.kept import Removals, add_sentences

MAX_BYTES = 512 * 1024 * 1024  # refuse rather than exhaust memory


def read_document(
    source: str | os.PathLike | bytes,
    lang: str | None = None,
    *,
    presplit: bool = False,
    clean: bool = True,
    encoding: str | None = None,
    html: bool | None = None,
    name: str | None = None,
) -> Document:
    """Read a document from a path, raw bytes or a string.

    Files and bytes are recognised by content, then by extension
    (:mod:`align.read.intake.registry`): Word ``.docx``, OpenDocument ``.odt``,
    EPUB, PDF with a text layer, Markdown and ``.srt``/``.vtt`` subtitles are
    read by their own reader into the same Document (``Document.format`` names
    it, ``Paragraph.role`` marks headings, footnotes and table rows,
    ``Document.left_out`` counts what the reader did not take); anything else
    is decoded as plain text or HTML.

    ``presplit=True`` reads one sentence per line (the benchmark format): line
    numbers become sentence ids, blank lines are empty sentences kept in place,
    no cleaning is done. Otherwise text is cleaned (see ``align.cleaning``;
    ``clean=False`` keeps everything) and split into paragraphs and sentences.
    ``html`` forces or forbids HTML parsing; by default it is sniffed.
    ``name`` names a document given as bytes (e.g. the file they were read
    from on another machine): error messages and ``Document.name`` use it.
    """
    # the option that names this file's encoding, quoted when its bytes do not read as text
    flag = f"--{lang}-encoding" if lang in ("zh", "en") else "--encoding"
    data, text, name = _raw(source, name)
    if data is not None and not presplit and not html:
        from align.read.intake.registry import reader_for

        reader = reader_for(data, name)
        if reader is not None:
            return _structured(reader, data, lang, name, clean, encoding)
    if data is not None:
        text, used_encoding = decode_bytes(data, name or "<bytes>", encoding, flag)
    else:
        used_encoding = None
    if html is None:
        html = _looks_html(text, name)
    page_boilerplate: list[Removal] = []
    if html and not presplit:
        from align.read.intake.html import read_html

        text, page_boilerplate = read_html(text)
    lang, script = _language(text, lang, name)
    if presplit:
        doc = _presplit(text, lang, script)
    else:
        doc = _segmented(text, lang, script, clean, page_boilerplate)
    doc.encoding = used_encoding
    doc.source = name
    doc.format = "presplit" if presplit else ("html" if html else "text")
    return doc


def _language(text: str, lang: str | None, name: str | None) -> tuple[str, str]:
    detected = detect_language(text)
    if lang is None:
        if detected is None:
            raise InputError(f"{name or '<string>'}: no Chinese or English text found")
        lang = detected
    if lang not in ("zh", "en"):
        raise InputError(f"unsupported language {lang!r}: bitext reads zh and en")
    return lang, detect_script(text, lang)


def _structured(reader, data: bytes, lang: str | None, name: str | None, clean: bool, encoding: str | None) -> Document:
    from align.read.structured import document_from_blocks

    extracted = reader.read(data, name or "<bytes>", encoding)
    if not extracted.text.strip():
        raise InputError(f"{name or '<bytes>'}: the {reader.description} holds no text")
    lang, script = _language(extracted.text, lang, name)
    doc = document_from_blocks(extracted, lang, script, clean)
    doc.encoding = extracted.encoding
    doc.source = name
    doc.format = reader.name
    return doc


def _raw(source: str | os.PathLike | bytes, name: str | None = None) -> tuple[bytes | None, str | None, str | None]:
    """``(bytes, None, name)`` for a file or bytes, ``(None, text, None)`` for a string holding the text."""
    if isinstance(source, bytes):
        return source, None, name
    if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source and len(source) < 4096 and _is_file(source)):
        path = Path(source)
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a document")
        try:
            size = path.stat().st_size
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror}") from None
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size / 2**20:.0f} MB is over the {MAX_BYTES / 2**20:.0f} MB limit for one document; split it")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror}") from None
        return data, None, str(path)
    if isinstance(source, str):
        if _looks_like_a_path(source):
            raise InputError(f"{source}: file not found")
        if not source.strip():
            raise InputError("<string>: text is empty")
        return None, source, None
    raise InputError(f"cannot read a document from {type(source).__name__}")


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a line of text longer than a file name may be, or holding a NUL
        return False


def _looks_like_a_path(text: str) -> bool:
    """A one-line string naming a file (``notes.txt``, ``a/b``) is a missing path, not a document."""
    return "\n" not in text and len(text) < 1024 and bool(re.fullmatch(r"[\w./\\:~-]+\.[A-Za-z0-9]{1,5}|[\w.~-]*[/\\][\w./\\ -]+", text))


def _looks_html(text: str, name: str | None) -> bool:
    if name and name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _presplit(text: str, lang: str, script: str) -> Document:
    sentences: list[Sentence] = []
    paragraphs: list[Paragraph] = []
    position = 0
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line, it does not start a new one
    for number, line in enumerate(lines):
        body = line[:-1] if line.endswith("\r") else line
        start = position + (1 if body.startswith("\ufeff") else 0)
        stripped = body.lstrip("\ufeff")
        sentences.append(Sentence(number, 0, start, start + len(stripped), stripped, matching_key(stripped, lang)))
        position += len(line) + 1
    # One-sentence-per-line files carry no paragraphing; Document.regroup adds it
    # when the caller knows it (e.g. Bible chapters from the .verse files).
    if sentences:
        paragraphs.append(Paragraph(0, 0, len(text), tuple(range(len(sentences)))))
    return Document(original=text, lang=lang, script=script, paragraphs=paragraphs, sentences=sentences)


def _segmented(text: str, lang: str, script: str, clean: bool, page_boilerplate: list[Removal] = ()) -> Document:
    from align.read.cleaning import clean_text
    from align.read.paragraphs import split_paragraphs
    from align.read.segment import split_sentences

    # the page's <nav>/<aside>/<header>/<footer> lines are removals like the text rules' (--keep-all keeps them)
    removals: list[Removal] = clean_text(text, lang, page_boilerplate) if clean else []
    found = Removals(removals)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for p_start, p_end in split_paragraphs(text, removals):
        kept = found.kept(text, p_start, p_end)
        ids = add_sentences(kept, split_sentences(kept.text, lang), lang, len(paragraphs), sentences)
        if ids:
            paragraphs.append(Paragraph(len(paragraphs), p_start, p_end, tuple(ids)))
    return Document(original=text, lang=lang, script=script, paragraphs=paragraphs, sentences=sentences, removals=removals)
