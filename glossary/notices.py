"""GlossaryWarning: part of a glossary file was left out or read in a way the user should know about."""

from __future__ import annotations


class GlossaryWarning(UserWarning):
    """A glossary was read, but not all of it (entries without a Chinese or English term), or guessed at (columns)."""
