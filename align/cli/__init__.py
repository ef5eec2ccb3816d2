"""The ``bitext`` command: a thin typer layer over the library API.

Each command module attaches its commands to the shared ``app``; ``main``
turns library errors into one-line messages and meaningful exit codes.
"""

from __future__ import annotations

import sys

from ..errors import BitextError
from .app import app
from . import documents, aligning, mining, exporting, scoring, build  # noqa: F401  (they register commands)


def _attach_glossary() -> None:
    from glossary.cli import glossary_app

    app.add_typer(glossary_app, name="glossary")


_attach_glossary()


def main() -> None:
    try:
        app()
    except BitextError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
