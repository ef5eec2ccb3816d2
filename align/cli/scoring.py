"""Command: ``score`` (translation consistency of one or more bitexts; BLEU/chrF/TER against a reference).

Maps to ``glossary.consistency.consistency``; this module only reads the inputs and prints.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.common import console, err_console, print_json
from align.core.errors import UsageError

PROGRESS_FROM = 20000  # beads; smaller corpora score in a few seconds
ENGLISH_DOCUMENTS = (".txt", ".md", ".html", ".htm")  # no Chinese side: drift and glossary scan instead of consistency


def _labels(paths: list[Path]) -> list[str]:
    for names in ([p.stem for p in paths], [p.name for p in paths]):
        if len(set(names)) == len(names):
            return names
    return [str(p) for p in paths]


def _fmt(value: float | None, percent: bool = True) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if percent else f"{value:.2f}"


def _rendering_cell(rendering) -> str:
    from rich.markup import escape

    colour = {"approved": "green", "variant": "green", "forbidden": "red", "wrong-case": "yellow",
              "other-concept": "red", "unlisted": "yellow", "partial": "cyan", "none": "dim"}[rendering.kind]
    text = escape(rendering.text) if rendering.text else "(no glossary rendering)"
    kind = rendering.kind + (f" of {rendering.of_concept}" if rendering.of_concept else "")
    return f"[{colour}]{text}[/] ×{rendering.count} [dim]{kind}; {', '.join(rendering.examples)}[/]"


def _print_report(report, limit: int) -> None:
    from rich.markup import escape
    from rich.table import Table

    summary = Table(title="Consistency", show_header=False, title_justify="left", header_style="bold")
    summary.add_column(style="bold")
    summary.add_column()
    rates = {
        "glossary adherence": report.adherence, "number agreement": report.numbers,
        "untranslated": report.untranslated, "omitted (English empty)": report.omitted,
    }
    summary.add_row("bitexts", ", ".join(report.bitexts))
    summary.add_row("beads", str(report.beads))
    summary.add_row("concepts found", f"{len(report.concepts)} ({report.summary()['concepts with several renderings']} with several renderings)")
    summary.add_row("consistency index", _fmt(report.index, percent=False))
    for label, rate in rates.items():
        summary.add_row(label, f"{_fmt(rate.value)} ({rate.hits}/{rate.total} beads)")
    summary.add_row("Chinese left in English", f"{report.han_in_target} beads")
    console.print(summary)

    if report.concepts:
        table = Table(title="Renderings per concept (least consistent first)", title_justify="left", header_style="bold", show_lines=True)
        for column in ("concept", "beads", "index", "renderings (count; kind; example beads)"):
            table.add_column(column, overflow="fold")
        for stat in report.concepts[:limit]:
            forms = " ".join(f for f in stat.forms if f != stat.term)
            name = f"{stat.term} [dim]{escape(stat.concept)}[/]" + (f"\n[dim]also {forms}[/]" if forms else "")
            table.add_row(name, str(stat.beads), _fmt(stat.index, percent=False),
                          "\n".join(_rendering_cell(r) for r in stat.renderings))
        console.print(table)
        _more(len(report.concepts), limit, "concepts")

    unexpected = [s for s in report.shared if not s.expected]
    if unexpected:
        table = Table(title="One English rendering for several concepts", title_justify="left", header_style="bold")
        for column in ("English", "concepts (count; kind; example beads)"):
            table.add_column(column, overflow="fold")
        for shared in unexpected[:limit]:
            table.add_row(escape(shared.text), "\n".join(
                f"{c['term']} [dim]{escape(c['concept'])}[/] ×{c['count']} [dim]{c['kind']}; {', '.join(c['examples'])}[/]"
                for c in shared.concepts))
        console.print(table)
        _more(len(unexpected), limit, "shared renderings")

    for side, title in (("zh", "Same Chinese, different English"), ("en", "Same English, different Chinese")):
        rows = [s for s in report.segments if s.side == side]
        if not rows:
            continue
        table = Table(title=title, title_justify="left", header_style="bold", show_lines=True)
        for column in ("Chinese" if side == "zh" else "English", "translations (count; example beads)"):
            table.add_column(column, overflow="fold", ratio=1)
        for row in rows[:limit]:
            table.add_row(escape(row.text), "\n".join(
                f"{escape(v['text'])} [dim]×{v['count']}; {', '.join(v['examples'])}[/]" for v in row.variants))
        console.print(table)
        _more(len(rows), limit, "segments")

    if report.reference is not None:
        scores = report.reference
        table = Table(title="Against the reference", title_justify="left", header_style="bold")
        for column in ("metric", "score", "sacrebleu signature"):
            table.add_column(column, overflow="fold")
        for name, value in (("BLEU", scores.bleu), ("chrF", scores.chrf), ("TER", scores.ter)):
            table.add_row(name, f"{value:.2f}", scores.signatures[name])
        console.print(table)
        console.print(
            f"{scores.paired} segments paired by {scores.method}; unpaired: {scores.hypothesis_unpaired} of "
            f"{scores.hypothesis_beads} beads, {scores.reference_unpaired} of {scores.reference_beads} reference beads",
            highlight=False,
        )
        if scores.worst:
            worst = Table(title="Lowest sentence chrF", title_justify="left", header_style="bold", show_lines=True)
            for column in ("chrF", "bead", "English", "reference"):
                worst.add_column(column, overflow="fold")
            for row in scores.worst:
                worst.add_row(str(row["chrF"]), row["bead"], escape(row["hypothesis"]), escape(row["reference"]))
            console.print(worst)
    console.print(f"[dim]{escape(report.signature_string())}[/]", highlight=False, soft_wrap=True)  # one line: copied whole


def _more(total: int, limit: int, what: str) -> None:
    if total > limit:
        console.print(f"[dim]... {total - limit} more {what} (see --limit or --json)[/]")


@app.command(
    "score",
    help=(
        "Score translation consistency across one or more bitexts (TMX, JSONL, TSV, CSV, XLSX).\n\n"
        "Per glossary concept found in the Chinese: every English rendering with counts and example bead ids "
        "(approved, variant, forbidden, wrong case, another concept's rendering, a rendering not in the glossary, "
        "part of a rendering, none) and a consistency index: the share of the concept's renderings that use its "
        "most frequent one (1.0 = always the same). Also: one English rendering used for several concepts; the same "
        "Chinese segment translated differently (and the reverse); glossary adherence, number agreement, untranslated "
        "and omitted shares; with --reference, BLEU, chrF and TER (sacrebleu) against another translation of the "
        "same Chinese, segments paired on the Chinese side.\n\n"
        "Without -g the shipped industrial-Internet glossary is used.\n\n"
        "English documents with no Chinese side (.txt, .md, .html) are scanned instead: names and terms written "
        "several ways (Federation of Industry Think Tank ×2 / Federation of Industry and Commerce Think Tank ×3), "
        "each form with its count and places, the most frequent proposed for the glossary; and the glossary scan "
        "(bitext glossary scan).\n\n"
        "Examples:\n\n"
        "  bitext score exports/report.tmx\n\n"
        "  bitext score corpus/004_ac438887a82c07fe.txt\n\n"
        "  bitext score a.jsonl b.jsonl c.tmx -g terms.tsv --limit 50\n\n"
        "  bitext score mt.tsv --reference human.tmx -g terms.tbx\n\n"
        "  bitext score corpus/*.jsonl --json > consistency.json\n\n"
        "  bitext score x.tmx -o consistency.json --force\n\n"
        "  bitext score x.tmx --reference human.tmx --html report.html   a page with charts, no network"
    ),
)
def score(
    bitexts: list[Path] = typer.Argument(..., metavar="BITEXT", help="Aligned files (one or more): .tmx, .jsonl, .tsv, .csv, .xlsx, XLIFF (.xlf) or PO."),
    glossary: Optional[Path] = typer.Option(
        None, "-g", "--glossary", help="Glossary file (.tsv OmegaT, .csv, .xlsx, .tbx); default: the shipped industrial-Internet glossary."
    ),
    reference: Optional[Path] = typer.Option(
        None, "--reference", "-r", help="Another translation of the same Chinese, as a bitext: scored with BLEU/chrF/TER."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON instead of tables."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Also write the report as JSON to this file."),
    html: Optional[Path] = typer.Option(
        None, "--html", help="Also write the report as a self-contained page with charts (per-term renderings, confidence histogram, findings)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite OUT.json / the --html page if it exists."),
    limit: int = typer.Option(20, "--limit", min=1, help="Rows shown per table (the JSON has everything)."),
) -> None:
    from align.aligner.signature import signature
    from align.core.atomic import atomic_open, check_writable
    from align.formats import read_bitext, stream_bitext
    from glossary import load_default
    from glossary.consistency import consistency
    from glossary.termbase import TermBase

    for target in (output, html):
        if target is not None:
            check_writable(target, force)
    termbase = load_default() if glossary is None else TermBase.read(glossary)
    documents = [path for path in bitexts if path.suffix.lower() in ENGLISH_DOCUMENTS]
    if documents:
        from align.cli.drift import english_drift

        if len(documents) < len(bitexts):
            raise UsageError("score bitexts or English documents (.txt, .md, .html), not both in one run")
        english_drift(documents, termbase, as_json, output, force, limit)
        return
    # a TMX streams from disk (flat memory at any size) unless a reference needs its beads at hand
    items = [read_bitext(path) if reference is not None else stream_bitext(path) for path in bitexts]
    reference_bitext = read_bitext(reference) if reference is not None else None
    streaming = any(not isinstance(b.beads, list) for b in items)
    total = None if streaming else sum(len(b) for b in items)
    score_with = partial(consistency, items, termbase, reference_bitext, labels=_labels(bitexts),
                         signature=signature(terms=termbase))
    if (streaming or total >= PROGRESS_FROM) and not as_json and err_console.is_terminal:
        from rich.progress import Progress

        with Progress(console=err_console, transient=True) as bar:
            task = bar.add_task("scoring", total=None if streaming else 2 * total)

            def progress(stage: str, done: int, of: int) -> None:
                if streaming:  # the count is not known before the end: the bar pulses, the stage says where it is
                    bar.update(task, description=stage)
                else:
                    bar.update(task, description=stage, completed=done, total=of)

            report = score_with(progress=progress)
    else:
        report = score_with()
    data = report.to_dict()
    if output is not None:
        with atomic_open(output, "w", force=force) as handle:
            handle.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if html is not None:
        from glossary.report_page import write_report_page

        write_report_page(data, html, beads=[bead for item in items for bead in item.beads], force=force,
                          title=f"Consistency: {', '.join(path.name for path in bitexts)}")
    if as_json:
        print_json(data)
    else:
        _print_report(report, limit)
