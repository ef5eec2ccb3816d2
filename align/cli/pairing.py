"""Command: ``pair`` (a folder of Chinese documents and one of English documents -> which goes with which)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from align.cli.app import app
from align.cli.common import console, err_console, print_json


@app.command("pair")
def pair_command(
    zh_dir: Path = typer.Argument(..., help="Folder of the Chinese documents (every file in it; simplified or traditional)."),
    en_dir: Path = typer.Argument(..., help="Folder of the English documents."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the pairs as TSV: zh_path, en_path, name, score, verdict per line (paths relative to the TSV's folder), the input of [bold]bitext align --pairs[/bold]."),
    min_score: float = typer.Option(0.0, "--min-score", min=0.0, max=1.0, help="Keep only pairs scoring at least this (pairs judged unrelated are never kept)."),
    fast: bool = typer.Option(False, "--fast", help="Check sentences with the dictionary instead of sentence embeddings (faster, less sure)."),
    presplit: bool = typer.Option(False, "--presplit", help="The documents are one sentence per line."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the input encoding (e.g. gb18030) for every file; --zh-encoding/--en-encoding override it per side."),
    zh_encoding: Optional[str] = typer.Option(None, "--zh-encoding", help="The encoding of every Chinese file (e.g. gb18030, big5); detected when omitted."),
    en_encoding: Optional[str] = typer.Option(None, "--en-encoding", help="The encoding of every English file (e.g. cp1252); detected when omitted."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip (and list) files that cannot be read, are empty or in the other language, instead of stopping."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUTPUT if it exists."),
    json: bool = typer.Option(False, "--json", help="Print the pairs and the documents left over as JSON instead of a table."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Find which Chinese document goes with which English one, when the file names do not say.

    Every document is compared with every document of the other side (CC-CEDICT
    word translations as TF-IDF bags, names, numbers, length), the closest few
    are checked sentence by sentence (sentence embeddings: do the sentences
    match one by one, in order?), and documents are paired one to one, the
    best-scoring pair first. Each pair gets a score (about 1 translation, 0.5
    comparable, 0 unrelated) and a verdict: [bold]translation[/bold] (align it),
    [bold]comparable[/bold] (same story or topic, not a translation: mine it) or
    [bold]unrelated[/bold] (left out). 1,000 x 1,000 short documents take a few minutes.

    Examples:
      [bold]bitext pair corpus/zh corpus/en[/bold]
      [bold]bitext pair corpus/zh corpus/en -o pairs.tsv && bitext align --pairs pairs.tsv -o aligned/[/bold]
      [bold]bitext pair zh/ en/ -o pairs.tsv --min-score 0.7 --json[/bold]
      [bold]bitext pair zh/ en/ --fast --skip-bad[/bold]
    """
    from align.cli.aligning import encodings
    from align.core.atomic import check_writable
    from align.job.pairing import write_pairs_tsv

    zh_encoding, en_encoding = encodings(encoding, zh_encoding, en_encoding)
    if output is not None:
        check_writable(output, force)
    result = _run(zh_dir, en_dir, fast, presplit, (zh_encoding, en_encoding), skip_bad, quiet or json)
    kept = [p for p in result.pairs if p.paired and p.score >= min_score]
    if output is not None:
        write_pairs_tsv(kept, output, force=force)
    if json:
        print_json({"output": str(output) if output else None, "min_score": min_score} | result.to_dict(min_score))
        return
    _print_table(result, kept, output)


def _print_table(result, kept, output) -> None:
    table = Table(title=f"{len(kept)} pairs", title_justify="left")
    for column in ("Chinese", "English", "score", "verdict", "sentences in order", "shared names"):
        table.add_column(column, justify="right" if column in ("score", "sentences in order") else "left")
    for pair in kept:
        colour = "green" if pair.verdict == "translation" else "yellow"
        names = ", ".join(pair.evidence.get("shared_names", [])[:4])
        table.add_row(escape(pair.zh_name), escape(pair.en_name), f"{pair.score:.2f}", f"[{colour}]{pair.verdict}[/{colour}]",
                      f"{pair.evidence.get('sentence_chain', 0):.0%}", escape(names))
    console.print(table)
    counts = result.counts()
    console.print(f"{counts['zh documents']} Chinese, {counts['en documents']} English documents: "
                  f"{counts['translation']} translations, {counts['comparable']} comparable; "
                  f"left without a counterpart: {len(result.unpaired_zh)} Chinese, {len(result.unpaired_en)} English", highlight=False)
    for skipped in result.skipped:
        console.print(f"[yellow]skipped[/yellow] {escape(skipped['reason'])}", highlight=False)
    if output is not None:
        console.print(f"wrote {escape(str(output))}", highlight=False)


def _run(zh_dir, en_dir, fast, presplit, encodings, skip_bad, quiet):
    from align.job.pairing import pair_folders

    options = {"fast": fast, "presplit": presplit, "zh_encoding": encodings[0], "en_encoding": encodings[1], "skip_bad": skip_bad}
    if quiet:
        return pair_folders(zh_dir, en_dir, **options)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task("reading", total=1)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=max(total, 1))

        return pair_folders(zh_dir, en_dir, progress, **options)
