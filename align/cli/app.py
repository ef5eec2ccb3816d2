"""The one typer application every command module attaches to.

Library errors become a one-line ``error: ...`` on stderr and the error's exit
code, for every command and sub-command, whether run from a shell or a test.
Usage errors the argument parser finds (an unknown option, a missing argument,
a value out of range) exit 4 like the library's own ``UsageError``, not click's 2,
which the README keeps for bad input, and read as one line too:
``error: no such option: --bogus (bitext align --help)``, not a boxed panel.
"""

from __future__ import annotations

import errno

import typer
from typer.core import TyperGroup

from align.core.errors import BitextError

EXIT_CODES = (
    "Exit codes: 0 ok; 1 findings at or above --fail-on; 2 bad input (unreadable, undecodable, binary, empty, "
    "malformed, wrong language, output not writable); 3 output exists (use --force); 4 bad usage; "
    "5 inconsistent installation; 130 interrupted (nothing half-written)."
)
USAGE_EXIT_CODE = 4
# the parser's usage errors (unknown option, missing argument, bad value): typer >= 0.29 vendors its own click, so
# the class is found through the one typer exports rather than imported from click
_PARSER_USAGE_ERRORS = tuple(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def _command_path(ctx) -> str:
    # the program's own name may be `python -m align` or a venv path: the user types `bitext`
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(["bitext", *reversed(names)])


def usage_error_line(error) -> str:
    """The parser's usage error as one line: its message, then the command whose --help explains the usage."""
    # click's "possible options" guesses are often unrelated (--bogus → --jobs): the message names what was typed
    message = error.message if getattr(error, "possibilities", None) else error.format_message()
    message = " ".join(message.split()).rstrip(".")
    message = message[:1].lower() + message[1:]
    return f"error: {message} ({_command_path(error.ctx)} --help)"


def _as_usage_exit(error) -> typer.Exit:
    if type(error).__name__ == "NoArgsIsHelpError":  # a bare `bitext` or `bitext glossary`: its help, as before
        error.exit_code = USAGE_EXIT_CODE
        return error
    typer.echo(usage_error_line(error), err=True)
    return typer.Exit(USAGE_EXIT_CODE)


class _ErrorsAsExitCodes(TyperGroup):
    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _PARSER_USAGE_ERRORS as error:
            raise _as_usage_exit(error) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except _PARSER_USAGE_ERRORS as error:  # a sub-command's arguments, parsed inside the group's invoke
            raise _as_usage_exit(error) from None
        except BitextError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("interrupted: outputs are written whole or not at all", err=True)
            raise typer.Exit(130) from None
        except OSError as error:
            if error.errno == errno.EPIPE:  # output piped into `head`: typer quiets it
                raise
            # the file system refused (disk full, permission changed mid-run): one line, not a traceback
            where = f"{error.filename}: " if error.filename else ""
            typer.echo(f"error: {where}{error.strerror or error}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    name="bitext",
    cls=_ErrorsAsExitCodes,
    help=(
        "Chinese-English translation alignment: read and clean documents, align them,\n\n"
        "export TMX/TSV/XLSX/Moses/JSONL/HTML, check translations against a glossary.\n\n" + EXIT_CODES
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
