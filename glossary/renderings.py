"""Renderings of glossary concepts in aligned beads: which English each concept found in the Chinese gets.

A rendering is ``approved`` / ``variant`` / ``forbidden`` (the glossary's, in
the case it asks for), ``wrong-case``, ``other-concept`` (exactly another
concept's rendering), ``unlisted`` (read off around a shorter concept's
rendering), ``partial`` or ``none``; see ``glossary.consistency`` for how the
observations make the consistency index.
"""

from __future__ import annotations

from collections import defaultdict

from glossary.concept import Concept
from glossary.consistency_report import ConceptConsistency, Rendering
from glossary.match_en import (
    APPROVED,
    FORBIDDEN,
    VARIANT,
    EnMatch,
    case_ok,
    in_proper_name,
    is_sentence_initial,
    separators,
    tokenize,
    word_key,
)
from glossary.match_zh import zh_key
from glossary.termbase import TermBase

KINDS = ("approved", "variant", "forbidden", "wrong-case", "other-concept", "unlisted", "partial", "none")
# words an "unlisted" rendering never reaches across: they start or end a phrase, not a term
_STOP_WORDS = frozenset(
    "a an the of and or to in on at for with by from as into onto its it their his her our your my this that these "
    "those is are was were be been being has have had not no which who whom whose than then so but if".split()
)


def _outermost(matches: list[EnMatch], present) -> list[EnMatch]:
    """Drop matches lying strictly inside a longer one of a concept the Chinese holds (Internet inside
    industrial Internet). Inside another concept's rendering a match stays: 微波背景 is rendered
    "microwave background" inside "cosmic microwave background radiation" when 宇宙背景辐射 is not there."""
    return [
        m for m in matches
        if not any(o.concept in present and o.start <= m.start and m.end <= o.end
                   and (o.end - o.start) > (m.end - m.start) for o in matches)
    ]


def _surface(en: str, match: EnMatch) -> str:
    """The match as written, possessive dropped, words joined as in the text."""
    words = [w[:-2] if w.endswith(("'s", "’s")) else w.rstrip("'’") for w in match.words]
    if match.pattern.joined:
        return match.text
    gaps = separators(en, match)
    return words[0] + "".join(g + w for g, w in zip(gaps, words[1:]))


def _case_right(en: str, match: EnMatch, concept: Concept) -> bool:
    return concept.case != "exact" or case_ok(match, is_sentence_initial(en, match.start)) or in_proper_name(en, match)


def _inner_concepts(matcher, outer_form: str, outer: int) -> list[tuple[int, str]]:
    """Concepts with a Chinese form inside ``outer_form`` (互联网 inside 产业互联网), with that form's key,
    found with the Chinese matcher's automaton (every match, overlapping ones too)."""
    if matcher.empty:
        return []
    key = zh_key(outer_form)[0]
    found = []
    for end, (length, index) in matcher.automaton.iter(key):
        if index != outer and length < len(key):
            found.append((index, key[end - length + 1:end + 1]))
    return found


def _extend(en: str, tokens: list[tuple[int, int, str]], match: EnMatch, before: int, after: int) -> str | None:
    """The match widened by ``before``/``after`` content words, or None when a stop word,
    punctuation or the sentence edge comes first."""
    index = {start: i for i, (start, _, _) in enumerate(tokens)}
    first = index.get(match.start)
    last = next((i for i, (_, end, _) in enumerate(tokens) if end == match.end), None)
    if first is None or last is None:
        return None
    new_first, new_last = first - before, last + after
    if new_first < 0 or new_last >= len(tokens):
        return None
    for i in list(range(new_first, first)) + list(range(last + 1, new_last + 1)):
        word = tokens[i][2]
        if word.casefold() in _STOP_WORDS or not word[:1].isalpha():
            return None
    for i in range(new_first, new_last):
        gap = en[tokens[i][1]:tokens[i + 1][0]]
        if gap.strip(" -") or len(gap) > 2:
            return None
    start, end = tokens[new_first][0], tokens[new_last][1]
    text = en[start:end]
    return text[:-2] if text.endswith(("'s", "’s")) else text


class RenderingCollector:
    """Accumulates renderings per concept while reading beads."""

    def __init__(self, termbase: TermBase) -> None:
        self.termbase = termbase
        self.concepts = termbase.concepts
        self.zh_matcher = termbase.zh_matcher
        self.en_matcher = termbase.en_matcher
        self.stats: dict[int, ConceptConsistency] = {}
        self.lookup: dict[tuple[int, str, str], Rendering] = {}
        self.rendering_keys: dict[int, set[str]] = {}

    def _stat(self, index: int) -> ConceptConsistency:
        stat = self.stats.get(index)
        if stat is None:
            concept = self.concepts[index]
            stat = self.stats[index] = ConceptConsistency(concept.id, concept.term, concept.en)
        return stat

    def _record(self, index: int, text: str, kind: str, bead_id: str, of_concept: str = "") -> None:
        # partial and unlisted renderings are read off the text: count platform/platforms, Industry/industry as one
        folded = " ".join(word_key(w) for _, _, w in tokenize(text)) if kind in ("partial", "unlisted") else text
        key = (index, folded, kind)
        rendering = self.lookup.get(key)
        if rendering is None:
            rendering = self.lookup[key] = Rendering(text, kind, of_concept=of_concept)
            self._stat(index).renderings.append(rendering)
        rendering.add(bead_id)

    def read(self, bead_id: str, zh: str, en: str) -> None:
        zh_matches = self.zh_matcher.find(zh)
        if not zh_matches:
            return
        present: dict[int, list] = {}
        for match in zh_matches:
            present.setdefault(match.concept, []).append(match)
        for index, matches in present.items():
            stat = self._stat(index)
            stat.beads += 1
            stat.occurrences += len(matches)
            for match in matches:
                stat.forms[match.text] = stat.forms.get(match.text, 0) + 1
        tokens = tokenize(en)
        en_matches = _outermost(self.en_matcher.find(en, tokens), present) if en.strip() else []
        by_span: dict[tuple[int, int], list[EnMatch]] = defaultdict(list)
        for match in en_matches:
            by_span[(match.start, match.end)].append(match)

        found: dict[int, dict[tuple[str, str], str]] = {index: {} for index in present}  # (text, kind) → of_concept
        for span_matches in by_span.values():
            right = [m for m in span_matches if m.kind in (APPROVED, VARIANT)
                     and _case_right(en, m, self.concepts[m.concept])]
            owners = [m for m in right if m.concept in present]
            if owners:
                for m in owners:
                    found[m.concept][(m.rendering, m.kind)] = ""
                continue
            for m in span_matches:
                if m.concept not in present:
                    continue
                concept = self.concepts[m.concept]
                if m.kind == FORBIDDEN:
                    found[m.concept][(m.rendering, "forbidden")] = ""
                    continue
                other = next((o for o in right if o.concept != m.concept), None)
                if other is not None:
                    found[m.concept][(other.rendering, "other-concept")] = self.concepts[other.concept].id
                elif not _case_right(en, m, concept):
                    found[m.concept][(_surface(en, m), "wrong-case")] = ""

        for index, renderings in found.items():
            if not renderings:
                guess = self._unlisted(index, present[index], en, tokens, en_matches, present)
                if guess:
                    renderings[(guess, "unlisted")] = ""
            if not renderings:
                guess = self._partial(index, en, tokens)
                if guess:
                    renderings[(guess, "partial")] = ""
            if not renderings:
                self._record(index, "", "none", bead_id)
            for (text, kind), of_concept in renderings.items():
                self._record(index, text, kind, bead_id, of_concept)

    def _partial(self, index: int, en: str, tokens) -> str | None:
        """The longest run of a rendering's content words in the English, one foreign word allowed between."""
        keys = self.rendering_keys.get(index)
        if keys is None:
            concept = self.concepts[index]
            keys = {word_key(w) for r in concept.en + concept.variants for _, _, w in tokenize(r)
                    if w.casefold() not in _STOP_WORDS}
            self.rendering_keys[index] = keys
        if not keys:
            return None
        hits = [i for i, (_, _, w) in enumerate(tokens) if word_key(w) in keys]
        if not hits:
            return None
        best: tuple[int, int, int] | None = None  # (distinct keys, first, last)
        first = hits[0]
        for previous, current in zip(hits, hits[1:] + [None]):
            if current is None or not self._joinable(en, tokens, previous, current):
                distinct = len({word_key(tokens[i][2]) for i in hits if first <= i <= previous})
                if best is None or distinct > best[0]:
                    best = (distinct, first, previous)
                first = current
        _, start, end = best
        text = en[tokens[start][0]:tokens[end][1]]
        return text[:-2] if text.endswith(("'s", "’s")) else text

    @staticmethod
    def _joinable(en: str, tokens, previous: int, current: int) -> bool:
        if current - previous > 2:
            return False
        if current - previous == 2 and tokens[previous + 1][2].casefold() in _STOP_WORDS:
            return False
        return all(not en[tokens[i][1]:tokens[i + 1][0]].strip(" -") for i in range(previous, current))

    def _unlisted(self, index: int, zh_matches, en: str, tokens, en_matches: list[EnMatch], present) -> str | None:
        """Read a rendering the glossary lacks off a shorter concept's rendering (产业互联网 → industry Internet)."""
        concept = self.concepts[index]
        words_wanted = max(len(tokenize(r)) for r in concept.en)
        outer_key = zh_key(zh_matches[0].text)[0]
        for inner, inner_key in _inner_concepts(self.zh_matcher, zh_matches[0].text, index):
            if inner in present:
                continue
            position = outer_key.find(inner_key)
            if position < 0:
                continue
            for match in en_matches:
                if match.concept != inner or match.kind == FORBIDDEN:
                    continue
                extra = max(1, words_wanted - len(match.words))
                before = extra if position > 0 else 0
                after = extra if position + len(inner_key) < len(outer_key) else 0
                if before and after:
                    before, after = 1, 1
                guess = _extend(en, tokens, match, before, after)
                if guess:
                    return guess
        return None
