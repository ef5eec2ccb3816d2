"""Commands: ``convert`` (between bitext formats) and ``import`` (a reviewed XLSX sheet).

Warnings from the library (``ExportWarning``: a text changed to fit a format;
``ReadWarning``: part of an input left out) are collected here and printed as
``warning: ...`` lines on stderr, at most ``MAX_SHOWN`` of them plus a count.
"""

from __future__ import annotations

import contextlib
import warnings
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer

from align.cli.app import app
from align.cli.common import console, print_json, warn

MAX_SHOWN = 20


class ZhOutput(str, Enum):
    original = "original"
    simplified = "simplified"
    traditional = "traditional"


@contextlib.contextmanager
def shown_warnings() -> Iterator[None]:
    """Print the library's warnings (export/read) the CLI way, even if the command fails."""
    from align.formats import ExportWarning, ReadWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExportWarning)
        warnings.simplefilter("always", ReadWarning)
        try:
            yield
        finally:
            ours = [w for w in caught if issubclass(w.category, (ExportWarning, ReadWarning))]
            # a stream read twice (TSV's columns, then its rows) would say the same thing twice
            ours = list({str(w.message): w for w in ours}.values())
            for item in ours[:MAX_SHOWN]:
                warn(str(item.message))
            if len(ours) > MAX_SHOWN:
                warn(f"... and {len(ours) - MAX_SHOWN} more warnings like these")


FormatOption = typer.Option(
    None, "--format", "-f", help="Output format: tmx, tsv, csv, xlsx, jsonl, moses, align, html (default: from OUT's extension)."
)
ForceOption = typer.Option(False, "--force", help="Overwrite OUT if it exists.")
MinConfidenceOption = typer.Option(
    None, "--min-confidence", min=0.0, max=1.0,
    help="Keep only beads with confidence at or above this (beads without a confidence are kept). Default: 0.5 for TMX (a CAT tool inserts what a memory says), none for the other formats.",
)
PenaltyOption = typer.Option(
    None, "--penalty-tmx", metavar="FILE",
    help="TMX output: write the two-sided beads below --min-confidence to this second memory, for OmegaT's tm/penalty-NN/ folder (offered, never inserted).",
)
KeepOmissionsOption = typer.Option(
    False, "--keep-omissions", help="TMX output: keep one-sided beads (a sentence with no translation); left out by default."
)
SourceLangOption = typer.Option(
    None, "--source-lang", help="TMX output: the source side, zh or en (default: as the input memory's srclang said, else zh)."
)
ZhOutputOption = typer.Option(
    ZhOutput.original, "--zh-output", help="Chinese side as in the source (original), or converted to simplified/traditional (OpenCC)."
)
ZhLangOption = typer.Option(
    None, "--zh-lang", help="BCP-47 code for the Chinese side: zh-CN (default), zh-TW, zh-HK, zh-Hans, zh-Hant; zh_CN/zh-CHS spellings accepted."
)


def tmx_options(penalty: Optional[Path], keep_omissions: bool, source_lang: Optional[str]) -> dict:
    """The TMX-only options that were given (other formats refuse them with a usage error)."""
    from align.core.errors import UsageError

    options: dict = {}
    if penalty is not None:
        options["penalty"] = penalty
    if keep_omissions:
        options["keep_omissions"] = True
    if source_lang is not None:
        if source_lang not in ("zh", "en"):
            raise UsageError(f"--source-lang takes zh or en, got {source_lang!r}")
        options["source_lang"] = source_lang
    return options


@contextlib.contextmanager
def byte_progress(description: str, disable: bool) -> Iterator:
    """A progress bar over the bytes of the input, shown on stderr while the units stream."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from align.cli.common import err_console

    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=err_console, transient=True, disable=disable or not err_console.is_terminal) as bar:
        task = bar.add_task(description, total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield progress


@app.command()
def convert(
    source: Path = typer.Argument(..., metavar="IN", help="A bitext: .tmx (1.4 or 1.1) .tsv .csv .xlsx .jsonl .align, XLIFF .xlf (1.2 or 2.x), .po, or Moses NAME.zh/NAME.en."),
    target: Path = typer.Argument(..., metavar="OUT", help="Output file (for Moses: the NAME prefix, or NAME.zh)."),
    fmt: Optional[str] = FormatOption,
    source_fmt: Optional[str] = typer.Option(None, "--from", help="Input format when IN's extension does not say (e.g. --from moses)."),
    force: bool = ForceOption,
    min_confidence: Optional[float] = MinConfidenceOption,
    zh_output: ZhOutput = ZhOutputOption,
    zh_lang: Optional[str] = ZhLangOption,
    bom: bool = typer.Option(False, "--bom", help="TSV/CSV: start with a UTF-8 byte-order mark so Excel detects UTF-8."),
    raw_cells: bool = typer.Option(
        False, "--raw-cells",
        help="TSV/CSV: write cells starting with = + - @ as they are. By default they get a leading ' so a spreadsheet "
        "shows them instead of running them as formulas (OWASP); bitext reads the ' back off.",
    ),
    penalty: Optional[Path] = PenaltyOption,
    keep_omissions: bool = KeepOmissionsOption,
    source_lang: Optional[str] = SourceLangOption,
    json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Convert a bitext between formats (TMX 1.4b, TSV, CSV, XLSX review sheet, JSONL, Moses, .align, HTML).

    The output is written to a temporary file and renamed into place; nothing is written when the input is malformed. TMX and JSONL keep everything (ids, confidence, reasons, signature; another tool's notes, props, dates and source language); TSV/CSV/XLSX keep the beads; Moses keeps the texts.

    A TMX is a memory for CAT tools: by default it holds the two-sided beads at confidence 0.5 or more (--min-confidence 0 --keep-omissions: every bead); --penalty-tmx writes the others apart. From TMX to TMX, TSV, CSV, JSONL or Moses the units stream: memory stays flat whatever the file size.

    Examples:
      [bold]bitext convert exports/x.tmx exports/x.xlsx[/bold]
        a review sheet for a translator (then: bitext import)
      [bold]bitext convert x.jsonl x.tmx --min-confidence 0.8 --zh-output traditional --zh-lang zh-TW[/bold]
        confident pairs only, Chinese in traditional script, labelled zh-TW
      [bold]bitext convert exports/x.tmx corpus/train --format moses[/bold]
        writes corpus/train.zh and corpus/train.en
      [bold]bitext convert old-memory.tmx new.tmx[/bold]
        TMX 1.1, zh_CN/zh-CHS codes → strict TMX 1.4b with BCP-47 codes
      [bold]bitext convert x.tmx x.csv[/bold]
        a cell like "=1+2" or "-3 dB" is written '=1+2, '-3 dB (never run as a formula); reading x.csv gives the text back
      [bold]bitext convert project.xlf memory.tmx[/bold]
        XLIFF 1.2/2.x (or PO) from a CAT tool into a memory; untranslated units are left out
      [bold]bitext convert exports/x.tmx x.xlf[/bold]
        XLIFF 1.2 with Chinese as the source, for CAT tools; sentence ids and confidence kept
      [bold]bitext convert x.jsonl tm/auto/x.tmx --min-confidence 0.8 --penalty-tmx tm/penalty-30/x.tmx[/bold]
        an OmegaT project's memories: confident pairs inserted, the rest only offered
    """
    from align.formats import convert as convert_bitext

    options = {}
    if zh_lang is not None:
        options["zh_lang"] = zh_lang
    if bom:
        options["bom"] = True
    if raw_cells:
        options["escape_formulas"] = False
    _tabular_options_only_for_tabular(target, fmt, bom, raw_cells)
    options.update(tmx_options(penalty, keep_omissions, source_lang))
    with shown_warnings(), byte_progress(f"reading {source.name}", quiet or json) as progress:
        count = convert_bitext(
            source, target, fmt, source_fmt, force=force, min_confidence=min_confidence, zh_output=zh_output.value,
            progress=progress, **options
        )
    if json:
        print_json({"input": str(source), "output": str(target), "units": count})
    else:
        console.print(f"wrote {target} ({count} units)", highlight=False, soft_wrap=True)


def _tabular_options_only_for_tabular(target: Path, fmt: Optional[str], bom: bool, raw_cells: bool) -> None:
    from align.core.errors import UsageError
    from align.formats.registry import format_for

    if (bom or raw_cells) and format_for(target, fmt) not in ("tsv", "csv"):
        flag = "--bom" if bom else "--raw-cells"
        raise UsageError(f"{flag} applies to TSV/CSV output only, not {format_for(target, fmt).upper()}")


@app.command("import")
def import_review(
    review: Path = typer.Argument(..., metavar="REVIEW.xlsx", help="A review sheet written by bitext (convert/align to .xlsx) and edited by a translator; also as saved by LibreOffice (.xlsx or .ods)."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the reviewed bitext (.tmx .jsonl .tsv .csv .xlsx, or Moses with --format)."),
    fmt: Optional[str] = FormatOption,
    force: bool = ForceOption,
    zh_lang: Optional[str] = ZhLangOption,
    json: bool = typer.Option(False, "--json", help="Print the review counts as JSON."),
) -> None:
    """Turn a reviewed XLSX sheet back into a bitext: rejected rows dropped, edits kept, merges applied.

    In the sheet's [bold]status[/bold] column a reviewer writes: nothing or [bold]ok[/bold] (keep the row, with any edits to zh/en), [bold]reject[/bold] (drop it), or [bold]merge[/bold] (merge this row with the previous kept row in document order: ids and texts joined). [bold]note[/bold] is kept as the bead's note.

    Sorting and filtering the sheet are harmless: column [bold]order[/bold] restores the document order. A deleted or renamed column is refused with a message naming it. A merge across a rejected or deleted row is refused (the sentences would not be adjacent). A row whose text was edited comes back marked edited (TMX prop x-edited), its confidence cleared. Texts over 32,767 characters travel in "(continued N)" columns and come back whole; a workbook that would unpack to more than 512 MB is refused.

    Examples:
      [bold]bitext import review.xlsx -o reviewed.tmx[/bold]
      [bold]bitext import review.xlsx -o reviewed.jsonl --force[/bold]
      [bold]bitext import review.ods -o reviewed.tmx[/bold]   saved by LibreOffice in its own format
    """
    from align.formats import import_review as import_sheet

    options = {"zh_lang": zh_lang} if zh_lang is not None else {}
    with shown_warnings():
        summary = import_sheet(review, output, fmt, force=force, **options)
    if json:
        print_json(summary)
        return
    console.print(
        f"wrote {output}: {summary['written']} units from {summary['rows']} rows "
        f"({summary['rejected']} rejected, {summary['merged']} merged into the row above, {summary['added']} added, "
        f"{summary.get('edited', 0)} edited)",
        highlight=False,
        soft_wrap=True,
    )
