"""``python -m align``: the ``bitext`` command."""

from align.cli import main

main()
