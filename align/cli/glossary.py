"""``bitext glossary ...``: show, add, remove, convert a term base; check bitexts; scan English.

Each command maps to one library function (``TermBase.read/write/add/remove``,
``glossary.check``, ``glossary.scan``); this module only parses options and prints.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Optional

import typer

from align.core.errors import UsageError
from glossary.findings import RULES, SEVERITIES, Finding, at_or_above, severity_rank
from glossary.termbase import Concept, TermBase

glossary_app = typer.Typer(
    help=(
        "Term base: show, add, remove, convert; check bitexts against it; scan English documents.\n\n"
        "Glossary files: OmegaT TSV (.tsv/.txt), CSV, XLSX, TBX-Basic (.tbx). Without -g the shipped "
        "industrial-Internet / digital-economy glossary is used.\n\n"
        "Examples:\n\n"
        "  bitext glossary show\n\n"
        "  bitext glossary check exports/x.tmx --fail-on warning\n\n"
        "  bitext glossary scan corpus/x.en.txt --json\n\n"
        "  bitext glossary convert my.tsv my.tbx\n\n"
        "  bitext glossary extract exports/x.tmx -o candidates.xlsx\n\n"
        "  bitext glossary merge candidates.xlsx -g terms.tsv"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)

GLOSSARY_HELP = "Glossary file (.tsv OmegaT, .csv, .xlsx, .tbx); default: the shipped industrial-Internet glossary."
CHECK_RULES = ("missing-rendering", "forbidden-rendering", "wrong-case", "number-mismatch", "han-in-target",
               "empty-target", "untranslated")
SCAN_RULES = ("forbidden-rendering", "wrong-case", "variant-spelling", "inconsistent-case", "name-drift")


def _rule_lines(rules) -> str:
    return "\n\n".join(f"  {rule} ({RULES[rule][0]}): {RULES[rule][1]}" for rule in rules)


def _load(glossary: Optional[Path]) -> TermBase:
    from align.cli.glossary_terms import read_glossary
    from glossary import load_default

    return load_default() if glossary is None else read_glossary(glossary)


def _print_findings(findings: list[Finding], as_json: bool, as_csv: bool, termbase: TermBase, checked: dict[str, object],
                    where_label: str) -> None:
    """``checked`` names what was checked; it stays out of the signature, which is the same for every input."""
    from align.cli.common import console, print_json

    if as_json and as_csv:
        raise UsageError("choose one of --json and --csv")
    if as_json:
        print_json({"signature": termbase.signature, **checked, "count": len(findings), "findings": [f.to_dict() for f in findings]})
        return
    if as_csv:
        from align.formats.tabular import escape_formula

        writer = csv.writer(sys.stdout)
        columns = list(Finding.__dataclass_fields__)
        writer.writerow(columns)
        for finding in findings:
            row = finding.to_dict()
            # the texts come from the checked files: a spreadsheet must show "=cmd|..." and "-3 dB", not run them (OWASP)
            writer.writerow([escape_formula(str(row[c])) for c in columns])
        return
    from rich.table import Table

    if not findings:
        console.print("[green]no findings[/green]")
        return
    table = Table(show_lines=False, header_style="bold")
    for column in (where_label, "rule", "severity", "term", "expected", "found"):
        table.add_column(column, overflow="fold")
    colour = {"error": "red", "warning": "yellow", "info": "cyan"}
    for f in findings:
        table.add_row(f.bead, f.rule, f"[{colour[f.severity]}]{f.severity}[/]", f.term, f.expected, f.found)
    console.print(table)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in reversed(SEVERITIES)}
    console.print(", ".join(f"{n} {s}" for s, n in counts.items() if n) + f" in {len(findings)} findings")


def _exit_for(findings: list[Finding], fail_on: str) -> None:
    if fail_on.lower() == "never":
        return
    if at_or_above(findings, fail_on):
        raise typer.Exit(1)


def _check_fail_on(fail_on: str) -> None:
    if fail_on.lower() != "never":
        severity_rank(fail_on)


@glossary_app.command(
    "check",
    help=(
        "Check every bead of a bitext (TMX, JSONL, TSV, CSV, XLSX) against the glossary.\n\n"
        "Rules:\n\n" + _rule_lines(CHECK_RULES) + "\n\n"
        "Exit code 1 when findings at or above --fail-on exist (default: error), for CI pipelines.\n\n"
        "Examples:\n\n"
        "  bitext glossary check exports/x.tmx\n\n"
        "  bitext glossary check exports/x.jsonl -g terms.tbx --fail-on warning\n\n"
        "  bitext glossary check exports/x.xlsx --json > findings.json\n\n"
        "  bitext glossary check exports/x.tsv --rules forbidden-rendering,number-mismatch --csv"
    ),
)
def check_command(
    bitext_path: Path = typer.Argument(..., metavar="BITEXT", help="Aligned file: .tmx, .jsonl, .tsv, .csv, .xlsx, XLIFF (.xlf, 1.2 or 2.x) or PO."),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help=GLOSSARY_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON (with the glossary signature)."),
    as_csv: bool = typer.Option(False, "--csv", help="Print the findings as CSV (a cell starting with = + - @ gets a leading ', as OWASP recommends)."),
    fail_on: str = typer.Option("error", "--fail-on", help="Exit 1 if a finding is at least this severe: info, warning, error, or never."),
    rules: Optional[str] = typer.Option(None, "--rules", help="Comma-separated rules to run (default: all)."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="Processes to check with (large bitexts)."),
) -> None:
    from align.cli.exporting import byte_progress, shown_warnings
    from align.formats import stream_bitext
    from glossary.checks import check

    _check_fail_on(fail_on)
    termbase = _load(glossary)
    selected = [r.strip() for r in rules.split(",") if r.strip()] if rules else None
    counted = 0

    def beads(bitext):
        nonlocal counted
        for counted, bead in enumerate(bitext, start=1):
            yield bead

    # a TMX streams (flat memory whatever its size; the bar counts its bytes); other formats are read whole
    with shown_warnings():
        bitext = stream_bitext(bitext_path)
        if isinstance(bitext.beads, list):
            counted = len(bitext.beads)
            findings = _run_with_progress(lambda bar: check(bitext, termbase, selected, processes, bar), counted, as_json or as_csv)
        else:
            with byte_progress(f"checking {bitext_path.name}", as_json or as_csv) as progress:
                bitext.beads.progress = progress
                findings = check(beads(bitext), termbase, selected, processes)
    _print_findings(findings, as_json, as_csv, termbase, {"bitext": bitext_path.name, "beads": counted}, "bead")
    _exit_for(findings, fail_on)


def _run_with_progress(work, total: int, quiet: bool):
    if quiet or total < 20000:
        return work(None)
    from rich.progress import Progress

    from align.cli.common import err_console

    with Progress(console=err_console, transient=True) as bar:
        task = bar.add_task("checking", total=total)
        return work(lambda stage, done, of: bar.update(task, description=stage, completed=done, total=of))


@glossary_app.command(
    "scan",
    help=(
        "Scan an English document (no Chinese side) against the glossary.\n\n"
        "Reports forbidden renderings (my country), renderings in the "
        "wrong case (5g, Internet of things), hyphen/space variants, and one rendering written in two cases "
        "(industrial Internet / Industrial Internet). Also, glossary or not, names and terms written several ways "
        "(Federation of Industry Think Tank ×2, Federation of Industry and Commerce Think Tank ×3, Federation of Trade "
        "Unions Think Tank ×1), each form with its count and places, the most frequent proposed as the glossary entry "
        "(--json lists them under drift). Locations are line:column.\n\n"
        "Rules:\n\n" + _rule_lines(SCAN_RULES) + "\n\n"
        "Exit code 1 when findings at or above --fail-on exist (default: error).\n\n"
        "Examples:\n\n"
        "  bitext glossary scan corpus/report.en.txt\n\n"
        "  bitext glossary scan report.en.txt -g terms.tsv --json\n\n"
        "  bitext glossary scan report.en.txt --fail-on warning"
    ),
)
def scan_command(
    en_file: Path = typer.Argument(..., metavar="EN_FILE", help="English text or HTML file."),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help=GLOSSARY_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
    as_csv: bool = typer.Option(False, "--csv", help="Print the findings as CSV (a cell starting with = + - @ gets a leading ', as OWASP recommends)."),
    fail_on: str = typer.Option("error", "--fail-on", help="Exit 1 if a finding is at least this severe: info, warning, error, or never."),
) -> None:
    from align.read.reader import read_document
    from glossary.scan import scan

    _check_fail_on(fail_on)
    termbase = _load(glossary)
    document = read_document(en_file, "en")
    from glossary.drift import drift

    findings = scan(document, termbase)
    _print_findings(findings, as_json, as_csv, termbase,
                    {"document": en_file.name, "drift": [c.to_dict() for c in drift(document)]}, "line:col")
    _exit_for(findings, fail_on)


@glossary_app.command(
    "show",
    help=(
        "List the glossary's concepts, or show those matching TERM in full.\n\n"
        "TERM is a Chinese form (simplified or traditional), an English rendering, or an id.\n\n"
        "Examples:\n\n"
        "  bitext glossary show\n\n"
        "  bitext glossary show 產業互聯網\n\n"
        "  bitext glossary show -g terms.tbx --json"
    ),
)
def show_command(
    term: Optional[str] = typer.Argument(None, help="Show only concepts with this term, rendering or id."),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help=GLOSSARY_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the concepts as JSON."),
) -> None:
    from align.cli.common import console, print_json

    termbase = _load(glossary)
    concepts = termbase.find(term) if term else list(termbase)
    if term and not concepts:
        raise UsageError(f"no concept with term, rendering or id {term!r}")
    if as_json:
        print_json({"signature": termbase.signature, "concepts": [dict(c.to_row(), traditional=" | ".join(c.traditional_forms)) for c in concepts]})
        return
    from rich.table import Table

    if term:
        for c in concepts:
            detail = Table(show_header=False, box=None, padding=(0, 1))
            detail.add_column(style="bold")
            detail.add_column(overflow="fold")
            for label, value in (("id", c.id), ("zh", " | ".join(c.zh)), ("traditional", " | ".join(c.traditional_forms)),
                                 ("en", " | ".join(c.en)), ("variants", " | ".join(c.variants)),
                                 ("forbidden", " | ".join(c.forbidden)), ("case", c.case), ("pos", c.pos),
                                 ("domain", c.domain), ("note", c.note), ("origin", c.origin)):
                if value:
                    detail.add_row(label, value)
            console.print(detail)
            console.print()
    else:
        table = Table(header_style="bold")
        for column in ("id", "zh", "en", "case", "forbidden"):
            table.add_column(column, overflow="fold")
        for c in concepts:
            table.add_row(c.id, " | ".join(c.zh + c.traditional_forms), " | ".join(c.en), c.case, " | ".join(c.forbidden))
        console.print(table)
    console.print(f"{len(concepts)} of {len(termbase)} concepts in {termbase.name}")


def _read_for_editing(path: Path) -> TermBase:
    from align.cli.glossary_terms import read_glossary

    return read_glossary(path, editing=True)


def _editable(glossary: Optional[Path]) -> Path:
    if glossary is None:
        raise UsageError("give the glossary to edit with -g PATH (the shipped glossary is read-only; "
                         "copy it first: bitext glossary convert - my.tsv)")
    return glossary


@glossary_app.command(
    "add",
    help=(
        "Add a concept to a glossary file (created if missing) and write it back atomically.\n\n"
        "Examples:\n\n"
        "  bitext glossary add 产业互联网 'industrial Internet' -g terms.tsv --case exact\n\n"
        "  bitext glossary add 我国 China -g terms.tsv --forbidden 'my country' --forbidden 'our country'\n\n"
        "  bitext glossary add 新基建 'new infrastructure' -g terms.tbx --variant 'new-type infrastructure' --replace"
    ),
)
def add_command(
    zh: str = typer.Argument(..., help="Chinese term; several forms separated by |."),
    en: str = typer.Argument(..., help="Approved English rendering; several separated by | (preferred first)."),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help="Glossary file to edit (required)."),
    variant: list[str] = typer.Option([], "--variant", help="Also-accepted rendering (repeatable)."),
    forbidden: list[str] = typer.Option([], "--forbidden", help="Forbidden rendering (repeatable)."),
    case: str = typer.Option("auto", "--case", help="exact, insensitive or auto (exact when the rendering has capitals)."),
    pos: str = typer.Option("", "--pos", help="Part of speech."),
    domain: str = typer.Option("", "--domain", help="Subject field."),
    note: str = typer.Option("", "--note", help="Note for translators."),
    origin: str = typer.Option("", "--origin", help="Where the rendering comes from."),
    replace: bool = typer.Option(False, "--replace", help="Replace a concept that has the same Chinese form."),
) -> None:
    from align.cli.common import console

    path = _editable(glossary)
    termbase = _read_for_editing(path) if path.exists() else TermBase(name=path.name)
    concept = termbase.add(
        Concept(zh=zh, en=en, variants=tuple(variant), forbidden=tuple(forbidden), case=case, pos=pos, domain=domain, note=note, origin=origin),
        replace_existing=replace,
    )
    termbase.write(path, force=True)
    console.print(f"added {concept.id}: {' | '.join(concept.zh)} → {' | '.join(concept.en)} ({concept.case} case); {len(termbase)} concepts in {path}")


@glossary_app.command(
    "remove",
    help=(
        "Remove the concepts with TERM (Chinese form, English rendering or id) from a glossary file.\n\n"
        "Examples:\n\n"
        "  bitext glossary remove 互联网 -g terms.tsv\n\n"
        "  bitext glossary remove c12 -g terms.tbx"
    ),
)
def remove_command(
    term: str = typer.Argument(..., help="Chinese form, English rendering or concept id."),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help="Glossary file to edit (required)."),
) -> None:
    from align.cli.common import console

    path = _editable(glossary)
    termbase = _read_for_editing(path)
    gone = termbase.remove(term)
    if not len(termbase):
        raise UsageError(f"removing {term!r} would leave {path} empty; delete the file instead")
    termbase.write(path, force=True)
    for concept in gone:
        console.print(f"removed {concept.id}: {' | '.join(concept.zh)} → {' | '.join(concept.en)}")


@glossary_app.command(
    "convert",
    help=(
        "Convert a glossary between OmegaT TSV, CSV, XLSX and TBX-Basic (formats from the extensions).\n\n"
        "Reads glossaries from other tools too: TBX-Basic, TBX 2008 and older MARTIF, TBX v3 (entries without a "
        "Chinese or an English term are skipped with a warning naming them); CSV/TSV with header rows in the usual "
        "spellings (source/target, zh/en, term/translation, zh-CN/en-US...), any delimiter, with or without a BOM.\n\n"
        "For OmegaT use --to omegat: OmegaT 3.6 reads project glossaries named .txt, .utf8 or .tab only, so a .txt "
        "file is written (another extension is changed to .txt), three tab-separated columns and no header row; "
        "forbidden renderings go in the comment column (forbidden: ...), never as suggestions.\n\n"
        "Examples:\n\n"
        "  bitext glossary convert terms.tsv terms.tbx\n\n"
        "  bitext glossary convert terms.tbx terms.xlsx --force\n\n"
        "  bitext glossary convert - my-copy.tsv      (the shipped glossary)\n\n"
        "  bitext glossary convert terms.tbx omegat/glossary/terms.txt --to omegat"
    ),
)
def convert_command(
    source: str = typer.Argument(..., help="Glossary to read ('-' for the shipped glossary)."),
    target: Path = typer.Argument(..., help="File to write."),
    force: bool = typer.Option(False, "--force", help="Overwrite TARGET if it exists."),
    to: Optional[str] = typer.Option(None, "--to", help="Output format when the extension does not say: tsv, csv, xlsx, tbx, "
                                     "or omegat (an OmegaT project glossary, .txt)."),
) -> None:
    from align.cli.common import console, warn
    from align.core.atomic import check_writable
    from glossary.formats.omegat import EXTENSIONS

    if to and to.lower().lstrip(".") == "omegat" and target.suffix.lower() not in EXTENSIONS:
        renamed = target.with_suffix(".txt")
        warn(f"OmegaT 3.6 reads glossaries named .txt, .utf8 or .tab only: writing {renamed}")
        target = renamed
    check_writable(target, force)
    termbase = _load(None if source == "-" else Path(source))
    termbase.write(target, format=to, force=force)
    console.print(f"wrote {len(termbase)} concepts to {target}")


def _register_term_commands() -> None:
    from align.cli.glossary_terms import EXTRACT_HELP, MERGE_HELP, extract_command, merge_command

    glossary_app.command("extract", help=EXTRACT_HELP)(extract_command)
    glossary_app.command("merge", help=MERGE_HELP)(merge_command)


_register_term_commands()
