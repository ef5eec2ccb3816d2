"""English rendering matching: whole words, lemmas, possessives, hyphen/space variants.

Every rendering (approved, variant, forbidden) is cut into word keys: case-folded,
possessive dropped, lemmatised with simplemma (platforms → platform). Patterns
are indexed by their first key, so a text is read once, token by token, whatever
the size of the glossary. Hyphens and spaces separate words alike
(Hong Kong-Macao = Hong Kong Macao), and a multi-word rendering also matches
written as one word (e-commerce = ecommerce); the match records how it was
written so that a scan can report the variant spelling.

Short acronyms (AI, IT, US, CAS) are matched case-sensitively: "it" is not "IT"; longer ones
(MIIT, COVID) in any case, then judged by the case rule.

Speed: an Aho-Corasick automaton of first-word stems (a word minus its last two letters, so
economies/economy and using/use share one) over the lower-cased text finds the few places where a
rendering can start; only there are words lemmatised and looked up (first key → length → keys).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple, Sequence

import ahocorasick
import simplemma

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*['’]?")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
# short acronyms are case-sensitive (IT/it, US/us, WHO/who); longer ones (COVID, MIIT) match in any
# case, so that "covid" is a case finding rather than a missing rendering
_ACRONYM = re.compile(r"^[A-Z]{2,3}s?$")
_ABBREVIATION = re.compile(r"^[A-Z]{2,6}s?$")  # (MIIT), (NDRC), (CAS)
_GAP = re.compile(r"[\s\-‐‑–,/]+")
_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}

APPROVED, VARIANT, FORBIDDEN = "approved", "variant", "forbidden"

# Word caches hold alphabetic words only (a corpus has countless numbers, "12345", each seen once)
# and are emptied when full, so memory stays a few MB however long the text: about 150 bytes a word.
CACHE_WORDS = 30_000
_LEMMAS: dict[str, str] = {}


def _cacheable(word: str) -> bool:
    return word.replace("'", "").replace("’", "").isalpha()


def _remember(cache: dict[str, str], word: str, key: str) -> None:
    if _cacheable(word):
        if len(cache) >= CACHE_WORDS:
            cache.clear()  # the next words refill it: the cache follows the text's current vocabulary
        cache[word] = key


def word_key(token: str) -> str:
    """Case-folded, possessive-free lemma of one word (cached, see ``CACHE_WORDS``)."""
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
        if (lemma == folded and len(folded) >= 3 and folded[-1] == "s" and folded[-2] not in "su'"
                and folded.replace("'", "").isalpha() and not simplemma.is_known(folded, lang="en")):
            # a word simplemma does not know (a name, a coinage): its plural is still a plural
            # (Qingyangs, Zhan'aos); glossary and text words go through the same rule
            lemma = folded[:-1]
        key = lemma
        _remember(_LEMMAS, token, key)
    return key


def token_key(token: str) -> str:
    """A glossary word's key: an acronym as written (IT ≠ it), any other word its :func:`word_key`."""
    return token if _ACRONYM.match(token) else word_key(token)


def _stem(word: str) -> str:
    """A lower-case word's inflection-proof start: all but its last two letters (at least four)."""
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


def _lowered(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare character whose lower case is longer (İ): keep offsets
        lowered = text.translate(_LOWER)
    return lowered


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


class EnMatch(NamedTuple):  # a tuple: millions are made in a large check
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
        if _ABBREVIATION.match(inner):
            forms.append(inner)
    return forms


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
        # per first key: the pattern lengths (longest first) and, per length, key tuple → patterns
        # text words are keyed like glossary words, except that capitals only count as an acronym
        # when the glossary has that acronym (IAAs is IaaS in capitals; MIIT is an acronym)
        self.acronyms = frozenset(k for p in (p for ps in self.by_first.values() for p in ps)
                                  for k, a in zip(p.keys, p.acronyms) if a)
        self._keys: dict[str, str] = {}
        self.tables: dict[str, tuple[tuple[int, ...], dict[tuple[str, ...], list[Pattern]]]] = {}
        for key, patterns in self.by_first.items():
            table: dict[tuple[str, ...], list[Pattern]] = {}
            for pattern in patterns:
                table.setdefault(pattern.keys, []).append(pattern)
            self.tables[key] = (tuple(sorted({len(p.keys) for p in patterns}, reverse=True)), table)
        # A prefilter in C: an Aho-Corasick automaton of first-word stems over the lower-cased text
        # finds the few places where a rendering may start; only there are words lemmatised.
        # The stem drops the key's last two letters, so inflected forms share it
        # (economy/economies, analysis/analyses, child/children).
        self.stems = ahocorasick.Automaton()
        self.forbidden_stems = ahocorasick.Automaton()
        self.concept_stems: dict[int, tuple[str, ...]] = {}
        per_concept: dict[int, set[str]] = {}
        for key, patterns in self.by_first.items():
            for pattern in patterns:
                # the lemma's stem (use → uses, used) and the written word's (using)
                for word in {key.lower()} | ({pattern.words[0].lower()} if not pattern.joined else set()):
                    stem = _stem(word)
                    if not self.stems.exists(stem):
                        self.stems.add_word(stem, len(stem))
                    per_concept.setdefault(pattern.concept, set()).add(stem)
                    if pattern.kind == FORBIDDEN and not self.forbidden_stems.exists(stem):
                        self.forbidden_stems.add_word(stem, len(stem))
        self.concept_stems = {concept: tuple(stems) for concept, stems in per_concept.items()}
        self.empty = len(self.stems) == 0
        if not self.empty:
            self.stems.make_automaton()
        self.forbidden_empty = len(self.forbidden_stems) == 0
        if not self.forbidden_empty:
            self.forbidden_stems.make_automaton()

    def _add(self, form: str, rendering: str, index: int, kind: str, seen: set) -> None:
        words = tuple(w for _, _, w in tokenize(form))
        if not words:
            return
        acronyms = tuple(bool(_ACRONYM.match(w)) for w in words)
        keys = tuple(token_key(w) for w in words)
        candidates = [Pattern(keys, index, kind, rendering, words, acronyms)]
        if len(words) > 1 and not any(acronyms):
            joined = "".join(w.casefold() for w in words)
            candidates.append(Pattern((token_key(joined),), index, kind, rendering, words, (False,), joined=True))
        for pattern in candidates:
            identity = (pattern.keys, index, kind)
            if identity in seen:
                continue
            seen.add(identity)
            self.by_first.setdefault(pattern.keys[0], []).append(pattern)

    def text_key(self, word: str) -> str:
        key = word if word in self.acronyms else word_key(word)
        _remember(self._keys, word, key)
        return key

    def find(self, text: str, tokens: object = None) -> list[EnMatch]:
        """All matches, nested ones included (a short rendering inside a long one still counts).

        The words of a multi-word rendering may be separated by spaces, hyphens or commas, not by
        other punctuation ("digital. Economy" is no match for "digital economy").
        """
        if not text or self.empty:
            return []
        lowered = _lowered(text)
        starts = set()
        for end, length in self.stems.iter(lowered):
            start = end - length + 1
            if start == 0 or not (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
                starts.add(start)
        return self._verify(text, starts, None) if starts else []

    def find_for(self, text: str, concepts) -> list[EnMatch]:
        """The matches of the given concepts' renderings, and of every forbidden rendering.

        What a bead check needs, found faster than :meth:`find`: the text is searched only for
        the first-word stems of those concepts (``str.find``) and of forbidden renderings.
        """
        if not text or self.empty:
            return []
        lowered = _lowered(text)
        starts = set()
        stems_of = self.concept_stems
        for concept in concepts:
            for stem in stems_of.get(concept, ()):
                position = lowered.find(stem)
                while position != -1:
                    if position == 0 or not (lowered[position - 1].isalnum() or lowered[position - 1] == "_"):
                        starts.add(position)
                    position = lowered.find(stem, position + 1)
        if not self.forbidden_empty:
            for end, length in self.forbidden_stems.iter(lowered):
                start = end - length + 1
                if start == 0 or not (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
                    starts.add(start)
        return self._verify(text, starts, concepts) if starts else []

    def _verify(self, text: str, starts, allowed) -> list[EnMatch]:
        found: list[EnMatch] = []
        tables = self.tables
        keys_of = self._keys
        text_key = self.text_key
        for position in sorted(starts):
            first = _TOKEN.match(text, position)
            if first is None:
                continue
            word = first.group(0)
            key = keys_of.get(word) or text_key(word)
            entry = tables.get(key)
            if entry is None:
                continue
            lengths, table = entry
            tokens = [first]
            words = [word]
            keys = [key]
            for n in lengths:
                while len(tokens) < n:
                    last = tokens[-1].end()
                    following = _TOKEN.search(text, last)
                    if following is None or not _GAP.fullmatch(text, last, following.start()):
                        break
                    tokens.append(following)
                    word = following.group(0)
                    words.append(word)
                    keys.append(keys_of.get(word) or text_key(word))
                if len(tokens) < n:
                    continue
                patterns = table.get(tuple(keys[:n]))
                if patterns is None:
                    continue
                start, end = tokens[0].start(), tokens[n - 1].end()
                surface = text[start:end]
                written = tuple(words[:n])
                for pattern in patterns:
                    if allowed is None or pattern.concept in allowed or pattern.kind == FORBIDDEN:
                        found.append(EnMatch(pattern.concept, pattern.kind, pattern.rendering, start, end, surface, written, pattern))
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
