"""What a glossary offers the aligner: which concepts occur in a text, on each side.

The aligner counts a concept found in a Chinese sentence and in an English one
as a dictionary match. It takes any object with this shape, so it never
imports ``glossary``; ``glossary.TermBase`` is one (longest match in Chinese:
产业互联网 never also fires 互联网; inflection-aware in English).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class TermSource(Protocol):
    name: str

    def __len__(self) -> int: ...

    def zh_concepts(self, text: str) -> set[int]:
        """Concepts whose Chinese form occurs in ``text`` (longest match, traditional or simplified)."""
        ...

    def en_concepts(self, text: str) -> set[int]:
        """Concepts whose approved rendering or allowed variant occurs in ``text``."""
        ...

    @property
    def signature(self) -> dict[str, str]:
        """What identifies the term list (name, size, content hash) in an alignment's signature."""
        ...
