"""English tokens for matching: lowercase lemmas (simplemma) without stopwords."""

from __future__ import annotations

import re
from functools import lru_cache

from align.core.stopwords import EN_FUNCTION_WORDS

_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")

STOPWORDS = EN_FUNCTION_WORDS | {"sb", "sth"}  # CC-CEDICT glosses say "to give sb sth"


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    return _lemmatizer().lemmatize(word, lang="en").lower()


@lru_cache(maxsize=1)
def _lemmatizer():
    """simplemma's own lemmatizer, with its English dictionary read from the user's cache folder.

    simplemma decodes its compressed dictionary at every start (about half a
    second); the same dictionary kept as plain text loads in a tenth of that.
    The lemmas are simplemma's, unchanged.
    """
    from simplemma import Lemmatizer
    from simplemma.strategies.default import DefaultStrategy
    from simplemma.strategies.dictionaries.dictionary_factory import CachingDictionaryFactory, DefaultDictionaryFactory

    class CachedEnglish(CachingDictionaryFactory):
        def _get_dictionary_uncached(self, lang: str):
            if lang != "en":
                return DefaultDictionaryFactory().get_dictionary(lang)
            return _english_dictionary()

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=CachedEnglish()))


def _english_dictionary() -> dict[str, str]:
    import os
    import tempfile
    import warnings
    from importlib.metadata import version

    from align.aligner.resources.cache import CacheWarning, cache_folder

    path = cache_folder() / f"simplemma-en-{version('simplemma')}.txt"
    try:
        with open(path, encoding="utf-8") as handle:
            keys, values = handle.read().split("\0")  # words, then their lemmas, one per line
        return dict(zip(keys.split("\n"), values.split("\n"), strict=True))
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:
        warnings.warn(f"the lemma cache {path} is unreadable ({error}); rebuilding it", CacheWarning, stacklevel=2)
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    table = dict(DefaultDictionaryFactory().get_dictionary("en").items())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".simplemma-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(table) + "\0" + "\n".join(table.values()))
        os.replace(tmp, path)
    except OSError as error:
        warnings.warn(f"cannot write the lemma cache in {path.parent} ({error.strerror})", CacheWarning, stacklevel=2)
    return table


def content_lemmas(text: str) -> list[str]:
    """Lemmas of the words a dictionary can match, in order (stopwords dropped)."""
    out = []
    for token in _TOKEN.findall(text):
        lower = token.lower()
        if lower in STOPWORDS or len(lower) < 2:
            continue
        form = lemma(lower)
        if form not in STOPWORDS:
            out.append(form)
    return out


def capitalised_words(text: str) -> list[str]:
    """Capitalised words not at the start of the text: candidate names."""
    tokens = _TOKEN.findall(text)
    return [t for i, t in enumerate(tokens) if t[:1].isupper() and (i > 0 or len(tokens) == 1)]
