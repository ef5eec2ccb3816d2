"""TermBase: an ordered collection of concepts, read and written in any glossary format, with its matchers.

Files are read and written by the modules in ``glossary.formats``, chosen by
extension; every format round-trips.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from align.core.errors import InputError, UsageError
from glossary.concept import COLUMNS, Concept
from glossary.formats import csv as csv_format
from glossary.formats import omegat, tbx, tsv, xlsx
from glossary.match_en import FORBIDDEN

_FORMATS = {".tsv": "tsv", ".txt": "tsv", ".utf8": "tsv", ".tab": "tsv", ".csv": "csv", ".xlsx": "xlsx", ".tbx": "tbx"}


def format_of(path: str | os.PathLike, format: str | None = None) -> str:
    if format:
        format = format.lower().lstrip(".")
        if format not in set(_FORMATS.values()) | {"omegat"}:
            raise UsageError(f"unknown glossary format {format!r}; use one of tsv, csv, xlsx, tbx, omegat")
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in _FORMATS:
        raise UsageError(f"cannot tell the glossary format of {Path(path).name}; use .tsv, .csv, .xlsx or .tbx (or --format)")
    return _FORMATS[suffix]


def _format_module(name: str):
    return {"tsv": tsv, "csv": csv_format, "xlsx": xlsx, "tbx": tbx, "omegat": omegat}[name]


class TermBase:
    """An ordered collection of concepts with the matchers built from them (once, lazily)."""

    def __init__(self, concepts: Iterable[Concept] = (), name: str = "") -> None:
        self.concepts: list[Concept] = []
        self.name = name
        self._by_zh: dict[str, list[Concept]] = {}
        self._zh_matcher = None
        self._en_matcher = None
        self._form_index: dict[str, list[Concept]] | None = None
        for concept in concepts:
            self.add(concept)

    # ------------------------------------------------------------ collection
    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __getitem__(self, index: int) -> Concept:
        return self.concepts[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TermBase) and self.concepts == other.concepts

    def __repr__(self) -> str:
        return f"TermBase({self.name or '<unnamed>'}, {len(self)} concepts)"

    def add(self, concept: Concept, replace_existing: bool = False) -> Concept:
        """Add a concept (an id is given if missing); a Chinese form already present is a UsageError
        unless ``replace_existing``."""
        clash = list({id(c): c for form in concept.zh for c in self._by_zh.get(form, ())}.values())
        if clash and not replace_existing:
            raise UsageError(f"{concept.term} is already in the glossary (concept {clash[0].id}); use --replace")
        for old in clash:
            self.concepts.remove(old)
            self._unindex(old)
        if not concept.id:
            taken = {c.id for c in self.concepts}
            number = len(self.concepts) + 1
            while f"c{number}" in taken:
                number += 1
            concept = replace(concept, id=f"c{number}")
        self.concepts.append(concept)
        for form in concept.zh:
            self._by_zh.setdefault(form, []).append(concept)
        self._invalidate()
        return concept

    def _unindex(self, concept: Concept) -> None:
        for form in concept.zh:
            owners = self._by_zh.get(form, [])
            if concept in owners:
                owners.remove(concept)

    def remove(self, term: str) -> list[Concept]:
        """Remove the concepts with this Chinese form, English rendering or id; return them."""
        gone = self.find(term)
        if not gone:
            raise UsageError(f"no concept with term, rendering or id {term!r}")
        self.concepts = [c for c in self.concepts if c not in gone]
        for concept in gone:
            self._unindex(concept)
        self._invalidate()
        return gone

    def find(self, term: str) -> list[Concept]:
        from align.core.normalize import matching_key

        zh_key = matching_key(term, "zh")
        en_key = term.casefold().strip()
        return [
            c
            for c in self.concepts
            if c.id == term
            or any(matching_key(f, "zh") == zh_key for f in c.zh + c.traditional)
            or any(r.casefold() == en_key for r in c.en)
        ]

    def with_form(self, form: str) -> list[Concept]:
        """Concepts with exactly this Chinese form, simplified or traditional (one lookup, whatever the size)."""
        from align.core.normalize import matching_key

        if self._form_index is None:
            index: dict[str, list[Concept]] = {}
            for concept in self.concepts:
                for written in dict.fromkeys(concept.zh + concept.traditional_forms):
                    index.setdefault(matching_key(written, "zh"), []).append(concept)
            self._form_index = index
        return list(self._form_index.get(matching_key(form, "zh"), ()))

    def _invalidate(self) -> None:
        self._zh_matcher = None
        self._en_matcher = None
        self._form_index = None

    # ------------------------------------------------------------ matchers
    @property
    def zh_matcher(self):
        if self._zh_matcher is None:
            from glossary.match_zh import ChineseMatcher

            self._zh_matcher = ChineseMatcher(self.concepts)
        return self._zh_matcher

    @property
    def en_matcher(self):
        if self._en_matcher is None:
            from glossary.match_en import EnglishMatcher

            self._en_matcher = EnglishMatcher(self.concepts)
        return self._en_matcher

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_zh_matcher"] = None  # automata are rebuilt in each worker process
        state["_en_matcher"] = None
        state["_form_index"] = None
        return state

    # ------------------------------------------------------------ the aligner's term source (align.core.terms)
    def zh_concepts(self, text: str) -> set[int]:
        """Concepts whose Chinese form occurs in ``text``: longest match, so 互联网 does not fire inside 产业互联网."""
        return self.zh_matcher.concepts_in(text) if len(self) else set()

    def en_concepts(self, text: str) -> set[int]:
        """Concepts whose approved rendering or allowed variant occurs in ``text`` (forbidden ones do not count)."""
        if not len(self) or not text.strip():
            return set()
        return {match.concept for match in self.en_matcher.find(text) if match.kind != FORBIDDEN}

    # ------------------------------------------------------------ identity
    @property
    def signature(self) -> dict[str, str]:
        digest = hashlib.sha1()
        for concept in self.concepts:
            digest.update(repr(concept.to_row()).encode("utf-8"))
        return {"glossary": self.name or "<memory>", "glossary.concepts": str(len(self)), "glossary.sha1": digest.hexdigest()[:12]}

    # ------------------------------------------------------------ IO
    @classmethod
    def read(cls, path: str | os.PathLike, format: str | None = None) -> TermBase:
        """Read a glossary; the format comes from the extension (.tsv/.txt OmegaT, .csv, .xlsx, .tbx)."""
        source = Path(path)
        if not source.exists():
            raise InputError(f"{source}: no such glossary file")
        if source.is_dir():
            raise InputError(f"{source}: is a folder, not a glossary file")
        if source.stat().st_size == 0:
            raise InputError(f"{source}: the glossary file is empty")
        termbase = cls(_format_module(format_of(source, format)).read(source), name=source.name)
        if not len(termbase):
            raise InputError(f"{source}: no glossary entries found")
        return termbase

    def write(self, path: str | os.PathLike, format: str | None = None, force: bool = False) -> Path:
        """Write atomically; refuses to overwrite an existing file unless ``force``."""
        target = Path(path)
        _format_module(format_of(target, format)).write(self.concepts, target, force=force, name=self.name)
        return target

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([c.to_row() for c in self.concepts], columns=list(COLUMNS))
