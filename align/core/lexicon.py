"""What a bilingual lexicon offers term extraction: Chinese words, English lemmas, dictionary glosses.

``glossary.extract`` pairs Chinese terms with English phrases; a dictionary
(CC-CEDICT in the aligner) and a lemmatiser make the pairing much surer, but
``glossary`` may not import the aligner. It takes any object of this shape;
``align.aligner.resources.lexicon.CedictLexicon`` is one, wired in by the CLI.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Lexicon(Protocol):
    name: str

    def lemma(self, word: str) -> str:
        """The lowercase lemma of an English word (``sons`` -> ``son``)."""
        ...

    def glosses(self, word: str) -> frozenset[str]:
        """English lemmas a dictionary gives for a Chinese word (empty when it does not know it)."""
        ...
