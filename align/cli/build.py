"""``bitext build``: the main job over a corpus folder."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from align.cli.app import app
from align.cli.common import console, print_json


@app.command()
def build(
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Folder with manifest.csv and the documents."),
    exports: Path = typer.Option(Path("exports"), "--exports", help="Folder the outputs go to."),
    glossary: Optional[Path] = typer.Option(None, "--glossary", "-g", help="Term base to check against (default: the shipped industrial-Internet glossary)."),
    fast: bool = typer.Option(False, "--fast", help="Align without sentence embeddings (quicker, less accurate)."),
    force: bool = typer.Option(False, "--force", help="Overwrite outputs that a previous build did not write or that were edited since."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Document pairs aligned at once, one process each (default: every core; 1: in this process)."),
    min_confidence: float = typer.Option(0.9, "--min-confidence", min=0.0, max=1.0, help="Mined pairs below this confidence are not exported, and the term-consistency headline counts only beads (aligned or mined) at or above it."),
    tmx_min_confidence: Optional[float] = typer.Option(None, "--tmx-min-confidence", min=0.0, max=1.0, help="The TMX memories' threshold (default 0.5): two-sided beads at or above it go to <pair>.tmx (for OmegaT's tm/auto/), those below to <pair>.penalty.tmx (tm/penalty-NN/). XLSX, JSONL and HTML keep every bead."),
    json: bool = typer.Option(False, "--json", help="Print the build report as JSON."),
) -> None:
    """Process every document in CORPUS into EXPORTS.

    Reads corpus/manifest.csv; cleans and segments every document
    (exports/segmented/*.jsonl); aligns pairs marked as translations
    (exports/aligned/) and mines sentence pairs from comparable ones
    (exports/mined/) as TMX (with a .penalty.tmx beside it), XLSX, JSONL and HTML; scans the English against
    the glossary (exports/glossary/scan.jsonl); scores term consistency across the
    pairs (exports/consistency.json); writes exports/report.json. Every output
    records the same signature (versions, model hash, settings, resources).
    Safe to re-run: it replaces only files it wrote itself (exports/.bitext-ledger
    records them), and on an unchanged corpus it rewrites nothing: pairs whose
    documents and settings are unchanged are not aligned again.
    Mined pairs are kept at confidence 0.9 or more (--min-confidence).
    One build at a time per exports folder: a second one started while the
    first runs stops with exit code 3 (exports/.bitext-lock names the build
    holding it; a lock left by a killed build is taken over).

    Example: [bold]bitext build[/bold]   or   [bold]bitext build --corpus my-corpus --exports out --json[/bold]
    """
    from align.core.atomic import check_output_folder
    from align.job.build import build as run_build
    from align.job.workers import default_jobs

    check_output_folder(exports)  # created when missing (a build fills it); refused now if it cannot be written
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True, disable=json) as progress:
        task = progress.add_task("starting", total=None)
        report = run_build(corpus, exports, force=force, glossary_path=glossary, fast=fast, jobs=jobs or default_jobs(),
                           min_confidence=min_confidence, tmx_min_confidence=tmx_min_confidence,
                           progress=lambda stage, done, total: progress.update(task, description=stage))
    if json:
        print_json(report.to_dict())
        return
    table = Table(title=f"Documents in {corpus}")
    table.add_column("file", no_wrap=True)
    for column in ("lang", "script", "encoding", "¶", "sentences", "removed"):
        table.add_column(column)
    for row in report.documents:
        table.add_row(row["file"], row["language"], row["script"], row["encoding"], str(row["paragraphs"]), str(row["sentences"]), str(row["removed"]))
    console.print(table)
    if report.pairs:
        pairs = Table(title="Document pairs")
        pairs.add_column("zh", overflow="fold")
        pairs.add_column("en", overflow="fold")
        for column in ("relation", "doc score", "pairs", f"≥ {min_confidence:g}"):
            pairs.add_column(column, no_wrap=True)
        for row in report.pairs:
            score = "-" if row["document_score"] is None else f"{row['document_score']:.2f}"
            pairs.add_row(_short(row["zh"]), _short(row["en"]), row["relation"], score, str(row["beads"]), str(row["confident"]))
        console.print(pairs)
    console.print(f"glossary findings in the English documents: {len(report.glossary)} ({exports}/glossary/scan.jsonl)")
    if report.consistency:
        index = report.consistency.get("consistency index")
        adherence = report.consistency.get("glossary adherence")
        console.print(
            f"term consistency over the beads ≥ {min_confidence:g}: index {index if index is not None else '-'}, "
            f"glossary adherence {adherence if adherence is not None else '-'} ({exports}/consistency.json)"
        )
    unchanged = len(report.outputs) + 1 - len(report.written)  # report.json is not in outputs
    console.print(f"wrote {len(report.written)} files to {exports}/ ({unchanged} unchanged) in {report.seconds:.1f} s")
    console.print(f"[dim]{escape(report.signature)}[/]", highlight=False, soft_wrap=True)  # one line: copied whole


def _short(name: str) -> str:
    """File names without their extension: the tables stay readable in 80 columns."""
    return name.rsplit(".", 1)[0]
