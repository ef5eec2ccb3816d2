"""Command: ``mine`` (two comparable documents -> the sentence pairs that correspond)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from align.cli.app import app
from align.cli.common import console, err_console, print_json


@app.command("mine")
def mine_command(
    zh: Path = typer.Argument(..., help="The Chinese document (text, HTML, or one sentence per line with --presplit)."),
    en: Path = typer.Argument(..., help="The English document."),
    output: Path = typer.Option(..., "--output", "-o", help="Output file; its extension picks the format (.tmx .tsv .csv .xlsx .jsonl .align .html, .zh/.en for Moses)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="Output format when the extension does not say: tmx, tsv, csv, xlsx, jsonl, moses, align, html, xliff, po."),
    threshold: float = typer.Option(0.5, "--threshold", "-t", min=0.0, max=1.0, help="Keep pairs whose confidence (probability the pair corresponds) is at least this; 0.9 for a clean translation memory."),
    fast: bool = typer.Option(False, "--fast", help="No sentence embeddings: CC-CEDICT dictionary coverage only (faster, finds fewer pairs)."),
    presplit: bool = typer.Option(False, "--presplit", help="Both inputs are one sentence per line; line numbers are sentence ids."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the input encoding (e.g. gb18030) for both files; --zh-encoding/--en-encoding override it per side."),
    zh_encoding: Optional[str] = typer.Option(None, "--zh-encoding", help="The Chinese file's encoding (e.g. gb18030, big5); detected when omitted."),
    en_encoding: Optional[str] = typer.Option(None, "--en-encoding", help="The English file's encoding (e.g. cp1252); detected when omitted."),
    zh_lang: Optional[str] = typer.Option(None, "--zh-lang", help="The Chinese side's language code, written in the output (e.g. zh-TW); also says ZH is Chinese even when its characters look English."),
    en_lang: Optional[str] = typer.Option(None, "--en-lang", help="The English side's language code (e.g. en-GB); also says EN is English whatever its characters look like."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUTPUT if it exists."),
    json: bool = typer.Option(False, "--json", help="Print a JSON summary instead of a table."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Mine the sentence pairs that correspond in two documents that are NOT translations of each other.

    For comparable texts (same topic, some shared passages in any order): every
    Chinese sentence is compared with every English one (sentence embeddings and
    CC-CEDICT coverage, ratio margin over nearest neighbours), each sentence is
    used at most once, and each pair gets a calibrated confidence. For a real
    translation use [bold]bitext align[/bold] instead.

    Examples:
      [bold]bitext mine article.zh.html report.en.txt -o pairs.tsv[/bold]
      [bold]bitext mine a.zh.txt b.en.txt -o pairs.tmx --threshold 0.9[/bold]
      [bold]bitext mine zh.txt en.txt --presplit --fast -o pairs.jsonl --json[/bold]
    """
    from align.cli.aligning import encodings, languages
    from align.core.atomic import check_writable
    from align.formats import format_for, write_bitext
    from align.formats.registry import check_targets
    from align.read.reader import read_document

    zh_lang, en_lang, declared = languages(zh_lang, en_lang)
    zh_encoding, en_encoding = encodings(encoding, zh_encoding, en_encoding)
    if output.is_dir():  # said before the format, which a folder's name cannot give
        check_writable(output, force)
    out_format = format_for(output, fmt)
    check_targets(output, out_format, force)
    zh_doc = read_document(zh, "zh", presplit=presplit, encoding=zh_encoding)
    en_doc = read_document(en, "en", presplit=presplit, encoding=en_encoding)
    bitext = _run(zh_doc, en_doc, threshold, fast, quiet or json, declared)
    if zh_lang:
        bitext.zh_lang = zh_lang
    if en_lang:
        bitext.en_lang = en_lang
    written = write_bitext(bitext, output, fmt=out_format, force=force, min_confidence=None)
    from align.core.signature import Signature

    known = [b.confidence for b in bitext.beads if b.confidence is not None]
    summary = {
        "output": str(output),
        "pairs": len(bitext.beads),
        "written": written,
        "zh sentences": len(zh_doc),
        "en sentences": len(en_doc),
        "confidence >= 0.9": sum(1 for c in known if c >= 0.9),
        "merged (1-2 / 2-1)": sum(1 for b in bitext.beads if "merge" in b.reasons),
        "share of sentences paired": bitext.document_score,
        "signature": str(Signature(bitext.signature)),
    }
    if json:
        print_json(summary)
        return
    table = Table(show_header=False, box=None)
    for key, value in summary.items():
        table.add_row(f"[bold]{key}[/bold]", str(value))
    console.print(table)


def _run(zh_doc, en_doc, threshold, fast, quiet, declared=()):
    from align.aligner.mining import mine

    if quiet:
        return mine(zh_doc, en_doc, threshold=threshold, fast=fast, declared=declared)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task("reading", total=1)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=max(total, 1))

        return mine(zh_doc, en_doc, threshold=threshold, fast=fast, progress=progress, declared=declared)
