"""English sentence boundaries, tuned for edited prose and machine-translated web text.

Candidates are runs of ``.!?…`` (plus closing quotes and brackets); each is
judged by the word before it and the text after it:

* abbreviations (Dr. Smith, U.S. economy, e.g. Microsoft, No. 5, etc. and),
  initials (J. K. Rowling), decimals (13.2%), addresses (www.example.com) and
  a list number opening the paragraph (``1. Introduction``) do not end a
  sentence;
* a stop followed by a lower-case word does end one (``changes. my country's``,
  the lower-case starts of machine translation), unless the stop sits inside a
  quote that runs on (``"Stop!" he said``) or ends an abbreviation;
* a stop with no space after it ends a sentence when a capitalised word
  follows (``analogy.Of course``, ``"smart car".Of course``), the missing space
  of machine-translated pages; ``U.S.``, ``5.2``, ``e.g.``, ``ASP.NET`` and
  addresses do not match that shape.

pysbd handles the same cases on edited prose but misses the missing-space
splits and runs at about 0.2 MB/s; ``bench/segment.py`` compares both against
the MAC-Dev reference segmentation.
"""

from __future__ import annotations

import re

from align.read.segment._spans import spans_from_cuts

# Titles and other abbreviations that are followed by a name or a number, so a
# capital after them is no sentence start.
_BEFORE_NAME = frozenset(
    "mr mrs ms mx dr prof st mt ft sr jr rev hon gen col lt capt cmdr adm maj sgt cpl pvt gov sen rep reps sens "
    "pres supt insp det messrs mme mlle msgr fr br sra sr srta".split()
)
_BEFORE_NUMBER = frozenset("no nos vol vols fig figs p pp art arts ch chap sec secs para paras ref refs eq eqs tab op ed pt pts ex".split())
# Abbreviations that usually continue the sentence, even before a capital (e.g. Microsoft).
_CONTINUING = frozenset("e.g i.e cf vs v viz al approx ca esp incl excl resp etc".split())
_CONTINUING_BEFORE_CAPITAL = frozenset("e.g i.e cf vs v viz al approx ca esp incl excl resp".split())
# Abbreviations that may end a sentence: a capital after them starts a new one
# only when it is a typical sentence opener.
_AMBIGUOUS = frozenset(
    "inc ltd co corp llc plc bros dept univ assn est min max dec jan feb mar apr jun jul aug sep sept oct nov "
    "a.m p.m u.s u.k u.n e.u u.s.a ph.d b.a m.a b.sc m.sc d.c n.y l.a jr sr".split()
)
_SENTENCE_OPENERS = frozenset(
    "the a an this that these those it its he she we they i you there here in on at for but and or so yet "
    "however therefore thus meanwhile moreover furthermore also as if when while after before since although "
    "though because according what who why how where our my his her their some many most all each every no not "
    "one two three first second finally then now today yesterday recently".split()
)

_CLOSERS = "\"'”’)]}»"
# Stops: ellipses (..., . . ., …), runs of .!? and their full-width forms, and a
# dash that breaks off a quoted speech ("though—' 'Is that right?").
_CANDIDATE = re.compile(
    r"(?P<stop>\.(?:[ \u00a0]?\.){2,}|\.\.|…+|[.!?。！？]+|[—–](?=[\"'”’]))(?P<close>[" + re.escape(_CLOSERS) + r"]*)"
)
_WORD_BEFORE = re.compile(r"[\w.'’-]*$")
_URLISH = re.compile(r"(?:://|www\.|@|\.[a-z]{2,}\.)", re.IGNORECASE)
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return match.group() if match else ""


def _next_word(text: str, start: int) -> str:
    match = re.compile(r"[\w'’-]*").match(text, start)
    return match.group() if match else ""


def _is_boundary(text: str, match: re.Match) -> bool:
    stop, close = match.group("stop"), match.group("close")
    start, end = match.start(), match.end()
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    if after >= len(text):
        return True
    next_char = text[after]
    word = _word_before(text, start)
    bare = word.strip("'’-").lower()
    quote_closes = bool(close) and close[0] in "\"'”’"

    if stop.startswith(("..", "…", ". ")):
        return after > end and (next_char.isupper() or next_char in "“\"")
    if stop[0] in "—–":
        return after > end and next_char in "\"'“‘" and bool(close)

    if after == end:
        return _missing_space_boundary(text, stop, close, word, start, after)

    if stop[0] in "!?。！？":
        # '"Stop!" he said' runs on; so does "a loud dong! like a bell": the lower-case
        # starts of machine translation follow periods, not exclamations.
        return not next_char.islower()

    # A period followed by a space.
    if quote_closes and next_char.islower():
        return False  # '"stop." he said'
    if not bare or close:
        return True
    if bare in _BEFORE_NAME:
        return False
    if bare in _BEFORE_NUMBER and (next_char.isdigit() or next_char in "(#"):
        return False
    if _is_list_number(text, start, word):
        return False
    if bare in _CONTINUING:
        return not (next_char.islower() or next_char.isdigit() or bare in _CONTINUING_BEFORE_CAPITAL)
    initial = len(bare) == 1 and word[-1].isupper()
    if initial or bare in _AMBIGUOUS or _INITIALISM.match(bare):
        # J. K. Rowling, the U.S. economy, Apple Inc. shares: a capital after them
        # starts a sentence only when it is a typical sentence opener.
        if next_char.islower() or next_char.isdigit():
            return False
        return _next_word(text, after).lower() in _SENTENCE_OPENERS
    return True


def _missing_space_boundary(text: str, stop: str, close: str, word: str, start: int, after: int) -> bool:
    """``analogy.Of course``: only a lower-case word, a stop, then a capitalised word."""
    following = text[after : after + 2]
    if not (len(following) == 2 and following[0].isupper() and following[1].islower()):
        return False
    if stop[0] != ".":
        return True  # what?Of course
    if not word:
        return start > 0 and text[start - 1] in _CLOSERS  # "smart car".Of course
    if "." in word or len(word) < 2 or not word[-1].islower():
        return False  # e.g.The, U.S.The, A.Of: an abbreviation, not a lost space
    return not _URLISH.search(_token_around(text, start))


def _token_around(text: str, position: int) -> str:
    left = position
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = position
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


def _is_list_number(text: str, start: int, word: str) -> bool:
    """``1.`` or ``IV.`` opening the paragraph is a list marker, not a sentence."""
    if not (word.isdigit() or word in {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}) or len(word) > 4:
        return False
    return not text[: start - len(word)].strip()


def cut_positions(text: str) -> list[int]:
    return [match.end() for match in _CANDIDATE.finditer(text) if _is_boundary(text, match)]


def split(text: str) -> list[tuple[int, int]]:
    return spans_from_cuts(text, cut_positions(text))
