"""The ``bitext`` command: a thin typer layer over the library API.

Each command module attaches its commands to the shared ``app``; ``main``
turns library errors into one-line messages and meaningful exit codes.
"""

from __future__ import annotations

import sys

from align.cli import aligning, build, documents, exporting, mining, pairing, reviewing, scoring  # noqa: F401  (they register commands)
from align.cli.app import EXIT_CODES, app
from align.cli.glossary import glossary_app
from align.core.errors import BitextError

app.add_typer(glossary_app, name="glossary", epilog=EXIT_CODES)
# every command's --help ends with the exit codes, without each module repeating them
for _command in (*app.registered_commands, *glossary_app.registered_commands):
    _command.epilog = _command.epilog or EXIT_CODES


def main() -> None:
    try:
        app()
    except BitextError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
