"""The one typer application every command module attaches to.

Library errors become a one-line ``error: ...`` on stderr and the error's exit
code, for every command and sub-command, whether run from a shell or a test.
"""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from align.core.errors import BitextError


class _ErrorsAsExitCodes(TyperGroup):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BitextError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="bitext",
    cls=_ErrorsAsExitCodes,
    help=(
        "Chinese-English translation alignment: read and clean documents, align them,\n\n"
        "export TMX/TSV/XLSX/Moses/JSONL/HTML, check translations against a glossary.\n\n"
        "Exit codes: 0 ok; 1 findings at or above --fail-on; 2 bad input; "
        "3 output exists (use --force); 4 bad usage."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)


def _print_versions(wanted: bool) -> None:
    if not wanted:
        return
    from align.aligner.model import load_model
    from align.aligner.signature import ALIGNER_VERSION, resource_versions
    from align.core.version import __version__

    lines = {"bitext": __version__, "aligner": ALIGNER_VERSION, "model": load_model().hash, **resource_versions()}
    for name, value in lines.items():
        typer.echo(f"{name} {value}")
    raise typer.Exit()


@app.callback()
def _global_options(
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_versions,
        help="Print the versions of bitext, the aligner, the model (content hash) and every resource, then exit.",
    ),
) -> None:
    pass
