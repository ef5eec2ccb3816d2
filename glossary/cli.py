"""``bitext glossary ...`` commands (being written)."""

import typer

glossary_app = typer.Typer(help="Term base: show, add, remove, convert, check bitexts, scan English.", no_args_is_help=True)
