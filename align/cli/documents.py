"""Commands over one document: ``info``, ``clean``, ``segment``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from align.cli.app import app
from align.cli.common import console, print_json, print_json_lines

DOCUMENT_KINDS = "text or HTML in any common encoding, Word (.docx), OpenDocument (.odt), EPUB, PDF with a text layer, Markdown, .srt or .vtt subtitles"
LangOption = typer.Option(None, "--lang", "-l", help="zh or en; detected when omitted.")
EncodingOption = typer.Option(None, "--encoding", help="Force an encoding (e.g. gb18030, big5); detected when omitted.")
PresplitOption = typer.Option(False, "--presplit", help="One sentence per line (benchmark format); line numbers are sentence ids.")
KeepAllOption = typer.Option(False, "--keep-all", help="Turn cleaning off: keep navigation, disclaimers, pinyin artefacts.")


def _read(path: Path, lang, encoding, presplit, keep_all):
    from align.read.reader import read_document

    return read_document(path, lang, presplit=presplit, clean=not keep_all, encoding=encoding)


@app.command()
def info(
    file: Path = typer.Argument(..., help=f"A document: {DOCUMENT_KINDS}."),
    lang: Optional[str] = LangOption,
    encoding: Optional[str] = EncodingOption,
    presplit: bool = PresplitOption,
    keep_all: bool = KeepAllOption,
    json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Show a document's format, encoding, language, script, paragraph/sentence counts, removed blocks
    and what its reader left out (headers and footers of a Word file, a PDF's running heads, tracked deletions).

    Examples:
      [bold]bitext info corpus/003_d1ca78e905d0fb4b.txt[/bold]
      [bold]bitext info report.docx[/bold]   (format docx; left_out: 1 footer, 1 header, 3 tracked-deletion)
      [bold]bitext info paper.pdf --json[/bold]
    """
    from align.read.summary import describe

    summary = describe(_read(file, lang, encoding, presplit, keep_all))
    if json:
        print_json(summary)
        return
    table = Table(show_header=False, box=None)
    for key, value in summary.items():
        if key in ("removed", "left_out", "parts"):
            value = ", ".join(f"{count} {rule}" for rule, count in sorted(value.items())) or ("-" if key == "parts" else "nothing")
        table.add_row(f"[bold]{key}[/bold]", str(value))
    console.print(table)


@app.command()
def clean(
    file: Path = typer.Argument(..., help=f"A document: {DOCUMENT_KINDS}."),
    lang: Optional[str] = LangOption,
    encoding: Optional[str] = EncodingOption,
    keep_all: bool = KeepAllOption,
    text: bool = typer.Option(False, "--text", help="Print the cleaned text instead of the removals."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the cleaned text (UTF-8) to this file."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUTPUT if it exists."),
    json: bool = typer.Option(False, "--json", help="Removals as JSON lines (line, start, end, rule, text)."),
) -> None:
    """Show every piece cleaning removes (what, where, which rule), or the cleaned text.

    Examples:
      [bold]bitext clean corpus/002_692b37b96702f906.txt[/bold]
      [bold]bitext clean page.html --text[/bold]
      [bold]bitext clean page.html -o page.clean.txt[/bold]
    """
    from align.core.atomic import atomic_open, check_writable
    from align.read.summary import cleaned_text, removal_rows

    if output is not None:
        check_writable(output, force)  # before reading: a typo in the folder is said at once
    doc = _read(file, lang, encoding, False, keep_all)
    if output is not None:
        with atomic_open(output, "w", force=force) as handle:
            handle.write(cleaned_text(doc))
        console.print(f"wrote {output} ({len(doc.paragraphs)} paragraphs, {len(doc.removals)} removals)")
        return
    if text:
        typer.echo(cleaned_text(doc), nl=False)
        return
    rows = removal_rows(doc)
    if json:
        print_json_lines(rows)
        return
    table = Table(title=f"{file}: {len(rows)} removals", show_lines=False)
    for column in ("line", "rule", "removed text"):
        table.add_column(column, overflow="fold")
    for row in rows:
        shown = row["text"] if len(row["text"]) <= 80 else row["text"][:77] + "…"
        table.add_row(str(row["line"]), row["rule"], shown)
    console.print(table)


@app.command()
def segment(
    file: Path = typer.Argument(..., help=f"A document ({DOCUMENT_KINDS}), or a one-sentence-per-line file with --presplit."),
    lang: Optional[str] = LangOption,
    encoding: Optional[str] = EncodingOption,
    presplit: bool = PresplitOption,
    keep_all: bool = KeepAllOption,
    json: bool = typer.Option(False, "--json", help="JSON lines: id, paragraph, role (heading, footnote, table-row...), start, end, text, key, meta (subtitle timing)."),
) -> None:
    """Split a document into paragraphs and sentences, with spans into the original.

    Examples:
      [bold]bitext segment corpus/000_0b1bca0a7bab6d19.txt[/bold]
      [bold]bitext segment corpus/003_d1ca78e905d0fb4b.txt --json > 003.jsonl[/bold]
    """
    from align.read.summary import sentence_rows

    doc = _read(file, lang, encoding, presplit, keep_all)
    rows = sentence_rows(doc)
    if json:
        print_json_lines(rows)
        return
    table = Table(title=f"{file}: {len(doc.paragraphs)} paragraphs, {len(rows)} sentences")
    for column in ("id", "¶", "span", "sentence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["id"]), str(row["paragraph"]), f"{row['start']}-{row['end']}", row["text"])
    console.print(table)
