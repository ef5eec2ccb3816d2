"""Errors a user can act on, each with the exit code the CLI returns for it.

Exit codes (documented in README and every ``--help``):
  0  success
  1  the run worked and found problems (glossary findings at/above ``--fail-on``)
  2  bad input: unreadable, undecodable, binary, empty, malformed file, wrong language
  3  refused to overwrite an existing output (use ``--force``)
  4  bad usage: contradictory or unknown options
  5  the installation is inconsistent (a model that does not fit the code)
"""

from __future__ import annotations


class BitextError(Exception):
    """Base class: ``str(error)`` is a one-line reason fit for a terminal."""

    exit_code = 2

    def __str__(self) -> str:
        # a message may quote the input (a header cell, a parser's reason) and the input may hold line breaks
        return " ".join(super().__str__().split())


class InputError(BitextError):
    """Input that cannot be read as asked: encoding, binary, empty, malformed."""

    exit_code = 2


class OutputExistsError(BitextError):
    """The output file exists and ``force`` was not given."""

    exit_code = 3


class FolderBusyError(OutputExistsError):
    """Another run is writing the same output folder (``bitext build`` holds a lock on ``exports/``)."""


class UsageError(BitextError):
    exit_code = 4


class AlignmentWarning(UserWarning):
    """Something the user should know about an alignment that still ran (not a translation, paragraphs ignored)."""
