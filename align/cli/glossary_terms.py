"""``bitext glossary extract`` and ``bitext glossary merge``: propose term pairs from aligned text, take the accepted.

Registered on ``glossary_app`` by ``align.cli.glossary``; each is one library call
(``glossary.extraction.extract`` with the aligner's CC-CEDICT lexicon, ``glossary.extraction.table.merge``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from align.core.errors import UsageError

EXTRACT_HELP = (
    "Propose Chinese-English term and name pairs from aligned files, ranked best first.\n\n"
    "Chinese candidates are recurring word n-grams (rjieba, stop patterns, C-value); English candidates recurring "
    "phrases; they are paired by Dice over beads, weighed with CC-CEDICT glosses, and names through pinyin "
    "(叶文洁 ↔ Ye Wenjie). Each candidate carries its counts, score, evidence and example beads; those the glossary "
    "(-g) holds are marked known, those it renders otherwise conflict, and other renderings the text uses are noted.\n\n"
    "Write .xlsx (an accept column with a y/n choice) or .tsv, mark the pairs to keep with y, then "
    "bitext glossary merge.\n\n"
    "Examples:\n\n"
    "  bitext glossary extract exports/a.tmx exports/b.tmx -o candidates.xlsx\n\n"
    "  bitext glossary extract exports/x.jsonl -o candidates.tsv -g terms.tsv --min-count 3\n\n"
    "  bitext glossary extract exports/x.tmx --json --limit 50"
)

MERGE_HELP = (
    "Add the candidates marked y in the accept column to a glossary, written back atomically.\n\n"
    "The glossary (-g) is read first and every concept in it is kept; a file that does not exist yet is created. "
    "Accepted pairs the glossary holds already are skipped, and those whose Chinese it renders otherwise are "
    "listed, not added. OmegaT 3.6 reads project glossaries named .txt, .utf8 or .tab only: use -g glossary/terms.txt "
    "for an OmegaT project (tab-separated, the same as .tsv).\n\n"
    "Examples:\n\n"
    "  bitext glossary merge candidates.xlsx -g terms.tsv\n\n"
    "  bitext glossary merge candidates.tsv -g omegat/glossary/terms.txt --json"
)


def read_glossary(path: Path, editing: bool = False):
    """``TermBase.read`` with what it left out (TBX entries without a Chinese or English term) said on stderr.

    ``editing``: the glossary is to be written back, which would drop what was left out; that is refused.
    """
    import warnings

    from align.cli.common import warn
    from align.core.errors import InputError
    from glossary.notices import GlossaryWarning
    from glossary.termbase import TermBase

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GlossaryWarning)
        termbase = TermBase.read(path)
    left_out = [str(n.message) for n in caught if issubclass(n.category, GlossaryWarning) and "skipped" in str(n.message)]
    if editing and left_out:
        raise InputError(f"{left_out[0]}; writing it back would lose them: convert it first "
                         f"(bitext glossary convert {path.name} terms.tsv) and edit that")
    for notice in caught:
        if issubclass(notice.category, GlossaryWarning):
            warn(str(notice.message))
        else:
            warnings.warn_explicit(notice.message, notice.category, notice.filename, notice.lineno)
    return termbase


def extract_command(
    bitexts: list[Path] = typer.Argument(..., metavar="BITEXT...", help="Aligned files: .tmx, .jsonl, .tsv, .csv or .xlsx."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Candidates file to write: .xlsx or .tsv."),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help="Glossary to mark known and conflicting pairs against."),
    min_count: int = typer.Option(2, "--min-count", min=1, help="Beads a term must occur in."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Keep only the best N candidates."),
    no_lexicon: bool = typer.Option(False, "--no-lexicon", help="Rank by co-occurrence Dice alone (no CC-CEDICT, no pinyin)."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUTPUT if it exists."),
    as_json: bool = typer.Option(False, "--json", help="Print the candidates as JSON."),
) -> None:
    from align.aligner.resources.lexicon import CedictLexicon
    from align.cli.common import console, print_json
    from align.core.atomic import check_writable
    from align.formats import read_bitext
    from glossary.extraction import extract
    from glossary.extraction.table import write_candidates
    if output is None and not as_json:
        raise UsageError("give -o candidates.xlsx (or .tsv), or --json")
    if output is not None:
        if output.suffix.lower() not in (".xlsx", ".tsv"):
            raise UsageError(f"write candidates as .xlsx or .tsv, not {output.name}")
        check_writable(output, force)
    termbase = read_glossary(glossary) if glossary else None
    read = [read_bitext(path) for path in bitexts]
    candidates = extract(read, termbase=termbase, lexicon=None if no_lexicon else CedictLexicon(), min_count=min_count, limit=limit)
    if output is not None:
        write_candidates(candidates, output, force=force)
    if as_json:
        print_json({"bitexts": [p.name for p in bitexts], "count": len(candidates),
                    "candidates": [c.to_row(rank) for rank, c in enumerate(candidates, start=1)]})
        return
    from rich.table import Table

    table = Table(header_style="bold")
    for column in ("rank", "zh", "en", "kind", "score", "together", "status", "note"):
        table.add_column(column, overflow="fold")
    for rank, c in enumerate(candidates[:20], start=1):
        table.add_row(str(rank), c.zh, c.en, c.kind, f"{c.score:.2f}", str(c.together), c.status, c.note)
    console.print(table)
    console.print(f"{len(candidates)} candidates written to {output} (first 20 shown); mark accept with y, then "
                  f"bitext glossary merge {output} -g GLOSSARY")


def merge_command(
    candidates: Path = typer.Argument(..., metavar="CANDIDATES", help="Reviewed candidates file (.xlsx, .tsv, or the sheet saved again as .csv)."),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help="Glossary file to add to (created if missing)."),
    as_json: bool = typer.Option(False, "--json", help="Print what was added, skipped and in conflict as JSON."),
) -> None:
    from align.cli.common import console, print_json, warn
    from glossary.extraction.table import merge
    from glossary.termbase import TermBase, format_of

    if glossary is None:
        raise UsageError("give the glossary to add to with -g PATH")
    format_of(glossary)
    termbase = read_glossary(glossary, editing=True) if glossary.exists() else TermBase(name=glossary.name)
    before = len(termbase)
    report = merge(candidates, termbase)
    if report.added:
        termbase.write(glossary, force=True)  # read in full above: every existing concept is written back
    if as_json:
        print_json({"glossary": str(glossary), "before": before, "after": len(termbase),
                    "added": [c.to_row() for c in report.added], "already": report.already, "conflicts": report.conflicts,
                    "rejected": report.rejected})
        return
    for line in report.conflicts:
        warn(f"not added, the glossary renders it otherwise: {line}")
    console.print(f"added {len(report.added)} concepts to {glossary} ({before} → {len(termbase)}); "
                  f"{len(report.already)} already there, {len(report.conflicts)} in conflict, {report.rejected} not accepted")
