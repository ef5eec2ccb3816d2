"""A Document from what a format reader extracted: its blocks are the paragraphs, roles and all."""

from __future__ import annotations

from align.core.document import Document, Paragraph, Sentence
from align.read.intake.base import Extracted
from align.read.kept import Removals, add_sentences


def document_from_blocks(extracted: Extracted, lang: str, script: str, clean: bool) -> Document:
    """Each block becomes a paragraph (``Paragraph.role`` from the block), split into sentences unless the
    blocks are sentences already (subtitle cues). Cleaning runs as for plain text; the reader's own
    removals (a PDF's running headers) are kept with it."""
    from align.read.cleaning import clean_text, merge_removals
    from align.read.segment import split_sentences

    text = extracted.text
    removals = merge_removals(list(extracted.removals) + (clean_text(text, lang) if clean else []))
    found = Removals(removals)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    cue_ids: list[int] = []
    for block in extracted.blocks:
        kept = found.kept(text, block.start, block.end)
        if not kept.text.strip():
            continue
        if extracted.blocks_are_sentences:
            spans = [(len(kept.text) - len(kept.text.lstrip()), len(kept.text.rstrip()))]
        else:
            spans = split_sentences(kept.text, lang)
        paragraph = 0 if extracted.blocks_are_sentences else len(paragraphs)
        ids = add_sentences(kept, spans, lang, paragraph, sentences, block.meta)
        if extracted.blocks_are_sentences:
            cue_ids.extend(ids)
        elif ids:
            paragraphs.append(Paragraph(len(paragraphs), block.start, block.end, tuple(ids), block.role))
    if extracted.blocks_are_sentences and cue_ids:
        # Cues carry no paragraphing: one paragraph, as a one-sentence-per-line file.
        paragraphs.append(Paragraph(0, sentences[0].start, sentences[-1].end, tuple(cue_ids)))
    return Document(
        original=text, lang=lang, script=script, paragraphs=paragraphs, sentences=sentences, removals=removals,
        left_out=dict(extracted.left_out),
    )


def document_from_paragraphs(paragraphs: list[str], lang: str, name: str | None = None, fmt: str = "paragraphs") -> Document:
    """A Document whose paragraphs are the given texts (e.g. one side of a bilingual file whose segments
    are paragraphs), split into sentences; no cleaning: the texts are a translator's segments already."""
    from align.core.errors import InputError
    from align.read.intake.base import TextBuilder
    from align.read.intake.language import detect_script

    builder = TextBuilder()
    for text in paragraphs:
        builder.add(text)
    extracted = builder.result()
    if not extracted.blocks:
        raise InputError(f"{name or '<paragraphs>'}: no {lang} text")
    doc = document_from_blocks(extracted, lang, detect_script(extracted.text, lang), clean=False)
    doc.source, doc.format = name, fmt
    return doc
