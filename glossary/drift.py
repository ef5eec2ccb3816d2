"""Names and terms that drift inside English documents: one think tank written three ways, with counts and places.

With no Chinese side there is nothing to check a rendering against, but a
document that writes "Federation of Industry Think Tank" twice, "Federation of
Industry and Commerce Think Tank" three times and "Federation of Trade Unions
Think Tank" once almost surely means one body. Capitalised phrases (names of
people, bodies, programmes; ``of``, ``and``, ``the``, ``for`` may stand inside)
are gathered with their places; two forms belong to one cluster when they are
the same but for case, hyphens and spaces, or when they open and close with the
same words and share at least half of their words. Each cluster of two or more
forms is one proposed glossary entry: the most frequent form first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from glossary.places import segments, where

CONNECTORS = frozenset({"of", "and", "the", "for", "on", "in", "&", "de"})
_LEADING = frozenset({"the", "a", "an", "this", "that", "in", "on", "at", "by", "for", "from", "with", "as", "recently"})
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*|&|\S")
_KEY = re.compile(r"[^a-z0-9]")


@dataclass
class Form:
    text: str
    places: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.places)


@dataclass
class Cluster:
    """Forms of one name or term, the most frequent first."""

    forms: list[Form]

    @property
    def proposed(self) -> str:
        return self.forms[0].text

    def to_dict(self) -> dict:
        return {"proposed": self.proposed, "forms": [{"text": f.text, "count": f.count, "places": f.places} for f in self.forms]}


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and any(c.isupper() for c in token))


def name_phrases(text: str) -> list[tuple[str, int]]:
    """Capitalised phrases of two or more capitalised words in ``text``, with their offsets."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    found = []
    i = 0
    while i < len(tokens):
        if not _capitalised(tokens[i][0]) or tokens[i][0].lower() in _LEADING:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and (_capitalised(tokens[j][0]) or (tokens[j][0].lower() in CONNECTORS and j + 1 < len(tokens)
                                                                   and _capitalised(tokens[j + 1][0]))):
            j += 1
        words = [t for t, _ in tokens[i:j]]
        if sum(1 for w in words if _capitalised(w)) >= 2:
            start, end = tokens[i][1], tokens[j - 1][1] + len(tokens[j - 1][0])
            found.append((text[start:end], start))
        i = j
    return found


def _content(form: str) -> list[str]:
    return [w.lower() for w in form.split() if w.lower() not in CONNECTORS]


def related(a: str, b: str) -> bool:
    if _KEY.sub("", a.lower()) == _KEY.sub("", b.lower()):
        return True
    x, y = _content(a), _content(b)
    if len(x) < 3 or len(y) < 3 or x[0] != y[0] or x[-1] != y[-1]:
        return False
    return len(set(x) & set(y)) / len(set(x) | set(y)) >= 0.5


def drift(document_or_text) -> list[Cluster]:
    """Clusters of near-identical names and terms written several ways, biggest first."""
    forms: dict[str, Form] = {}
    for text, offset, original in segments(document_or_text):
        for phrase, start in name_phrases(text):
            forms.setdefault(phrase, Form(phrase)).places.append(where(original, offset + start))
    names = list(forms)
    parent = list(range(len(names)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            if related(names[i], names[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[Form]] = {}
    for k, name in enumerate(names):
        groups.setdefault(root(k), []).append(forms[name])
    clusters = [Cluster(sorted(g, key=lambda f: (-f.count, f.places[0]))) for g in groups.values() if len(g) > 1]
    clusters.sort(key=lambda c: (-sum(f.count for f in c.forms), c.proposed))
    return clusters
