"""English rendering matching: whole words, lemmas, possessives, hyphen/space variants.

Every rendering (approved, variant, forbidden) is cut into word keys: case-folded,
possessive dropped, lemmatised with simplemma (platforms → platform). Patterns
are indexed by their first key, so a text is read once, token by token, whatever
the size of the glossary. Hyphens and spaces separate words alike
(Hong Kong-Macao = Hong Kong Macao), and a multi-word rendering also matches
written as one word (e-commerce = ecommerce); the match records how it was
written so that a scan can report the variant spelling.

Acronyms (MIIT, AI, IT, US) are matched case-sensitively: "it" is not "IT".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import simplemma

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*['’]?")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
_ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")

APPROVED, VARIANT, FORBIDDEN = "approved", "variant", "forbidden"

_LEMMAS: dict[str, str] = {}


def word_key(token: str) -> str:
    """Case-folded, possessive-free lemma of one word (cached: a text's vocabulary is small)."""
    key = _LEMMAS.get(token)
    if key is None:
        folded = token.casefold().replace("’", "'")
        if folded.endswith("'s"):
            folded = folded[:-2]
        elif folded.endswith("'"):
            folded = folded[:-1]
        if len(folded) > 3 and folded.isalpha():
            lemma = simplemma.lemmatize(folded, lang="en").casefold()
        else:
            lemma = folded
        key = lemma
        if len(_LEMMAS) < 2_000_000:
            _LEMMAS[token] = key
    return key


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Pattern:
    keys: tuple[str, ...]
    concept: int
    kind: str  # approved, variant or forbidden
    rendering: str  # as written in the glossary
    words: tuple[str, ...]  # the rendering's words as written
    acronyms: tuple[bool, ...]  # per word: match case-sensitively
    joined: bool = False  # a multi-word rendering written as one word


@dataclass(frozen=True)
class EnMatch:
    concept: int
    kind: str
    rendering: str
    start: int
    end: int
    text: str  # the original characters matched
    words: tuple[str, ...]  # the original words
    pattern: Pattern


def rendering_forms(rendering: str) -> list[str]:
    """A rendering with a bracketed abbreviation also matches without it, and the abbreviation alone."""
    forms = [rendering]
    match = _PAREN.search(rendering)
    if match:
        bare = _PAREN.sub(" ", rendering).strip()
        forms.append(bare)
        inner = match.group(1).strip()
        if _ACRONYM.match(inner):
            forms.append(inner)
    return forms


def _word_key_for_pattern(word: str) -> str:
    return word if _ACRONYM.match(word) else word_key(word)


class EnglishMatcher:
    def __init__(self, concepts: Sequence) -> None:
        self.by_first: dict[str, list[Pattern]] = {}
        seen: set[tuple] = set()
        for index, concept in enumerate(concepts):
            for kind, renderings in ((APPROVED, concept.en), (VARIANT, concept.variants), (FORBIDDEN, concept.forbidden)):
                for rendering in renderings:
                    for form in rendering_forms(rendering):
                        self._add(form, rendering, index, kind, seen)
        for patterns in self.by_first.values():
            patterns.sort(key=lambda p: -len(p.keys))

    def _add(self, form: str, rendering: str, index: int, kind: str, seen: set) -> None:
        words = tuple(w for _, _, w in tokenize(form))
        if not words:
            return
        acronyms = tuple(bool(_ACRONYM.match(w)) for w in words)
        keys = tuple(w if a else word_key(w) for w, a in zip(words, acronyms))
        candidates = [Pattern(keys, index, kind, rendering, words, acronyms)]
        if len(words) > 1 and not any(acronyms):
            joined = "".join(w.casefold() for w in words)
            candidates.append(Pattern((word_key(joined),), index, kind, rendering, words, (False,), joined=True))
        for pattern in candidates:
            identity = (pattern.keys, index, kind)
            if identity in seen:
                continue
            seen.add(identity)
            self.by_first.setdefault(pattern.keys[0], []).append(pattern)

    def find(self, text: str, tokens: list[tuple[int, int, str]] | None = None) -> list[EnMatch]:
        """All matches, nested ones included (a short rendering inside a long one still counts)."""
        if not text:
            return []
        if tokens is None:
            tokens = tokenize(text)
        by_first = self.by_first
        keys = [word_key(t[2]) for t in tokens]
        found: list[EnMatch] = []
        for i, key in enumerate(keys):
            patterns = by_first.get(key)
            if patterns is None:
                raw = tokens[i][2]
                if not _ACRONYM.match(raw):
                    continue
                patterns = by_first.get(raw.rstrip("s")) or by_first.get(raw)
                if patterns is None:
                    continue
            for pattern in patterns:
                n = len(pattern.keys)
                if i + n > len(tokens):
                    continue
                ok = True
                for j in range(n):
                    word = tokens[i + j][2]
                    if pattern.acronyms[j]:
                        if word.rstrip("s’'") != pattern.keys[j].rstrip("s") and word != pattern.keys[j]:
                            ok = False
                            break
                    elif keys[i + j] != pattern.keys[j]:
                        ok = False
                        break
                if not ok:
                    continue
                start, end = tokens[i][0], tokens[i + n - 1][1]
                found.append(
                    EnMatch(pattern.concept, pattern.kind, pattern.rendering, start, end, text[start:end],
                            tuple(tokens[i + j][2] for j in range(n)), pattern)
                )
        return found


# ---------------------------------------------------------------- case and spelling


def _strip_possessive(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s"):
        return word[:-2]
    return word.rstrip("'")


def word_case_ok(surface: str, expected: str) -> bool:
    surface = _strip_possessive(surface)
    if surface.casefold().startswith(expected.casefold()):
        return surface[: len(expected)] == expected
    # irregular inflection: compare the capital of the first letter and all-capitals
    return surface[:1] == expected[:1] and (surface.isupper() == expected.isupper())


def case_ok(match: EnMatch, sentence_initial: bool) -> bool:
    """Whether the words are written in the rendering's case (a capital opening a sentence is fine)."""
    if match.pattern.joined:
        return match.words[0].casefold() == match.words[0] or match.words[0][:1].isupper() and sentence_initial
    if all(w.isupper() for w in match.words) and len("".join(match.words)) > 6:
        return True  # a headline in capitals says nothing about the rendering's case
    for position, (surface, expected) in enumerate(zip(match.words, match.pattern.words)):
        if position == 0 and sentence_initial and expected[:1].islower() and surface[:1].isupper():
            surface = surface[:1].lower() + surface[1:]
        if not word_case_ok(surface, expected):
            return False
    return True


_SENTENCE_OPENERS = set(".!?:;\"“”'‘’([{—–-•*#|\n")


def is_sentence_initial(text: str, start: int) -> bool:
    position = start - 1
    while position >= 0 and text[position] in " \t\"“‘'([{*•":
        if text[position] in "\"“‘'([{*•" and position >= 0:
            position -= 1
            continue
        position -= 1
    return position < 0 or text[position] in _SENTENCE_OPENERS


def in_proper_name(text: str, match: EnMatch) -> bool:
    """A match inside a run of capitalised words (China Industrial Internet Research Institute,
    "Industrial Internet Innovation Development Action Plan") is part of a name or title. A match
    whose first word is in lower case is in no such run, whatever its neighbours (Commander yu zhan'ao)."""
    if not match.words[0][:1].isupper():
        return False
    after = re.match(r"[\s-]+([^\W\d_][\w’']*)", text[match.end:])
    if after and after.group(1)[:1].isupper():
        return True
    before = re.search(r"([^\W\d_][\w’']*)[\s-]+$", text[max(0, match.start - 40):match.start])
    if before and before.group(1)[:1].isupper() and before.group(1) not in ("The", "A", "An", "In", "On", "At", "Of", "For", "As", "By", "To", "And", "With"):
        word_start = match.start - len(text[max(0, match.start - 40):match.start]) + before.start(1)
        if not is_sentence_initial(text, word_start):
            return True
    return False


def separators(text: str, match: EnMatch) -> tuple[str, ...]:
    """How the words were joined: ' ' or '-' (or '' when written as one word)."""
    if match.pattern.joined:
        return ("",) * (len(match.pattern.words) - 1)
    pieces = []
    tokens = tokenize(match.text)
    for (s1, e1, _), (s2, _, _) in zip(tokens, tokens[1:]):
        gap = match.text[e1:s2]
        pieces.append("-" if "-" in gap else " ")
    return tuple(pieces)


def rendering_separators(rendering: str) -> tuple[str, ...]:
    tokens = tokenize(rendering)
    return tuple("-" if "-" in rendering[e1:s2] else " " for (_, e1, _), (s2, _, _) in zip(tokens, tokens[1:]))
