"""The aligner's resources as a ``align.core.lexicon.Lexicon``: simplemma lemmas, CC-CEDICT glosses."""

from __future__ import annotations

from functools import lru_cache

from align.aligner.resources.cedict import load_cedict
from align.aligner.resources.english import lemma


class CedictLexicon:
    """CC-CEDICT glosses as English lemma sets; loads the dictionary once, on first use."""

    name = "cc-cedict"

    def lemma(self, word: str) -> str:
        return lemma(word.lower())

    def glosses(self, word: str) -> frozenset[str]:
        return _glosses(word)


@lru_cache(maxsize=1)
def _lemma_names() -> list[str]:
    table = load_cedict()
    names = [""] * len(table.lemma_index)
    for name, key in table.lemma_index.items():
        names[key] = name
    return names


@lru_cache(maxsize=200_000)
def _glosses(word: str) -> frozenset[str]:
    found = load_cedict().translations(word)
    if found is None:
        return frozenset()
    names = _lemma_names()
    return frozenset(names[k] for k in found.tolist())
