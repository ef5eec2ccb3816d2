"""The one typer application every command module attaches to."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="bitext",
    help=(
        "Chinese-English translation alignment: read and clean documents, align them,\n\n"
        "export TMX/TSV/XLSX/Moses/JSONL, check translations against a glossary.\n\n"
        "Exit codes: 0 ok; 1 findings at or above --fail-on; 2 bad input; "
        "3 output exists (use --force); 4 bad usage."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)
