"""``bitext align ZH_DIR EN_DIR -o OUT_DIR`` (or ``--pairs PAIRS.tsv``): the batch mode of ``align``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from align.cli.common import console, err_console, print_json, warn


def align_batch(
    zh: Optional[Path],
    en: Optional[Path],
    pairs_file: Optional[Path],
    output: Path,
    *,
    fmt: Optional[str],
    presplit: bool,
    fast: bool,
    glossary: Optional[Path],
    penalty: Optional[Path],
    keep_omissions: bool,
    min_confidence: Optional[float],
    paragraphs: str,
    zh_lang: Optional[str],
    en_lang: Optional[str],
    zh_encoding: Optional[str],
    en_encoding: Optional[str],
    jobs: Optional[int],
    dask: Optional[str],
    force: bool,
    json: bool,
    quiet: bool,
) -> None:
    """Align every pair, print a table (or JSON), exit 0, 2 (a pair failed) or 3 (only refusals to overwrite)."""
    from align.core.errors import UsageError
    from align.job.batch import BatchOptions, run_batch
    from align.job.discover import pairs_from_tsv, pairs_in_folders

    if jobs is not None and dask is not None:
        raise UsageError("--jobs and --dask do not go together: the cluster's workers set how many pairs run at once")
    if pairs_file is not None:
        if zh is not None or en is not None:
            raise UsageError("with --pairs, give no ZH EN: the TSV names every pair's two files")
        pairs, unpaired = pairs_from_tsv(pairs_file), []
    else:
        if zh is None or en is None or not zh.is_dir() or not en.is_dir():
            raise UsageError("batch mode takes two folders, ZH_DIR and EN_DIR (or --pairs PAIRS.tsv)")
        pairs, unpaired = pairs_in_folders(zh, en)
        if not pairs:
            from align.core.errors import InputError

            raise InputError(f"no file in {zh} has a same-named partner in {en}")
    for path in unpaired:
        warn(f"{path} has no partner in the other folder; left out")
    options = BatchOptions(fmt=fmt or "tmx", presplit=presplit, fast=fast, paragraphs=paragraphs,
                           min_confidence=min_confidence, zh_encoding=zh_encoding, en_encoding=en_encoding,
                           zh_lang=zh_lang, en_lang=en_lang, glossary=glossary,
                           keep_omissions=keep_omissions, penalty_folder=str(penalty) if penalty else None)
    run = lambda progress: run_batch(pairs, output, options, unpaired=unpaired, force=force, jobs=jobs,  # noqa: E731
                                     dask=dask, progress=progress)
    if quiet or json:
        report = run(None)
    else:
        report = _with_bar(run, len(pairs))
    if json:
        print_json(report.to_dict())
    else:
        _print(report)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def _with_bar(run, total: int):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("pairs", total=max(total, 1))

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=escape(stage), completed=done, total=max(total, 1))

        return run(progress)


def _print(report) -> None:
    table = Table(title=f"{len(report.results)} pair(s) into {report.output}/ ({report.fmt})")
    table.add_column("pair", overflow="fold")
    for column in ("beads", "≥ 0.9", "doc score", "seconds"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("status", overflow="fold")
    for result in report.results:
        score = "-" if result.document_score is None else f"{result.document_score:.2f}"
        if result.status == "failed":
            status = f"[red]failed[/red]: {escape(result.error)}"
        elif result.warnings:
            status = f"{result.status} [yellow](warning)[/yellow]"
        else:
            status = result.status
        seconds = "-" if result.status == "skipped" else f"{result.seconds:.1f}"
        beads = "-" if result.status == "failed" else str(result.beads)
        confident = "-" if result.status == "failed" else str(result.confident)
        table.add_row(escape(result.name), beads, confident, score, seconds, status)
    console.print(table)
    for result in report.results:
        for message in result.warnings:
            warn(f"{result.name}: {message}")
    console.print(f"{report.count('ok')} aligned, {report.count('skipped')} unchanged (skipped), "
                  f"{report.count('failed')} failed, in {report.seconds:.1f} s")
    console.print(f"[dim]{escape(report.signature)}[/]", highlight=False, soft_wrap=True)
