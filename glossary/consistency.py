"""Translation consistency across a corpus: how each glossary term is rendered, and how often alike.

>>> from glossary.consistency import consistency
>>> report = consistency([bitext_a, bitext_b], load_default(), reference=human_bitext)
>>> report.to_dict()          # JSON-ready; ``report.concepts[0].index`` etc.

What is measured (every figure is also in ``to_dict()``):

- **Per concept** found in the Chinese (with ``glossary.match_zh``, so 產業互聯網 is 产业互联网):
  every English rendering seen in the beads that hold it, with counts and up to
  three example bead ids. A rendering is one of

  ``approved`` / ``variant`` / ``forbidden``  the glossary's, in the case it asks for;
  ``wrong-case``     an approved rendering in the wrong case (Industrial internet);
  ``other-concept``  exactly another concept's rendering (产业互联网 written Industrial
                     Internet, the rendering of 工业互联网);
  ``unlisted``       not in the glossary, read off around a shorter concept's rendering
                     (产业互联网 → "industry Internet": 互联网 → Internet, plus one word
                     before it, as 产业 comes before 互联网);
  ``partial``        some words of a glossary rendering, as written (汪淼 → "Wang" where
                     the glossary says Wang Miao; "cosmic microwave background radiation"
                     for cosmic background radiation): up to one other word between them;
  ``none``           no glossary rendering found (omitted, paraphrased, a pronoun...).

  An *observation* is one distinct rendering in one bead (a bead without any is one
  ``none`` observation). The **consistency index** of a concept is the count of its most
  frequent rendering (``none`` excluded) divided by all its observations: 1.0 when every
  bead renders it the same way, 0.75 for three "industrial Internet" and one "industry
  Internet", lower when renderings vary or the term is often left unrendered; None
  when it is never rendered.
- **Shared renderings** (the reverse view): an English rendering used for two or more
  concepts (产业互联网 and 工业互联网 both → "industrial Internet").
- **Segment level**: the same Chinese (matching key: traditional/simplified, width and quotes
  unified) translated by different English texts (matching key: case-folded, spaces
  collapsed), and the same English standing for different Chinese.
- **Rates** from ``glossary.check``: glossary adherence (beads with a glossary term whose every
  term has an approved or variant rendering in the right case / beads with a glossary term),
  number agreement (beads with digits on either side and no number mismatch / beads with
  digits), untranslated (English a copy of the Chinese or mostly Chinese) and omitted
  (English empty) shares of beads with Chinese.
- **Reference scores** (``reference=``): BLEU, chrF and TER from sacrebleu, see ``glossary.metrics``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Iterable, Sequence

from align.bitext import Bead, Bitext
from align.errors import InputError
from align.normalize import matching_key

from .checks import check_rows
from .match_en import (APPROVED, FORBIDDEN, VARIANT, EnMatch, case_ok, in_proper_name, is_sentence_initial,
                       separators, tokenize, word_key)
from .match_zh import zh_key
from .termbase import Concept, TermBase

KINDS = ("approved", "variant", "forbidden", "wrong-case", "other-concept", "unlisted", "partial", "none")
TERM_RULES = frozenset({"missing-rendering", "forbidden-rendering", "wrong-case"})
# words an "unlisted" rendering never reaches across: they start or end a phrase, not a term
_STOP_WORDS = frozenset(
    "a an the of and or to in on at for with by from as into onto its it their his her our your my this that these "
    "those is are was were be been being has have had not no which who whom whose than then so but if".split()
)


from .consistency_report import (EXAMPLES, ConceptConsistency, ConsistencyReport, Rate, Rendering, SegmentVariation,
                                 SharedRendering)


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


class _Collector:
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


# ------------------------------------------------------------------ segments


def _segment_variations(rows: list[tuple[str, str, str]]) -> list[SegmentVariation]:
    out: list[SegmentVariation] = []
    for side, source, target in (("zh", 1, 2), ("en", 2, 1)):
        groups: dict[str, dict[str, list]] = defaultdict(dict)
        first_text: dict[str, str] = {}
        for row in rows:
            text, other = row[source], row[target]
            if not text.strip() or not other.strip():
                continue
            key = matching_key(text, side)
            first_text.setdefault(key, text.strip())
            other_key = matching_key(other, "en" if side == "zh" else "zh")
            entry = groups[key].setdefault(other_key, [other.strip(), 0, []])
            entry[1] += 1
            if len(entry[2]) < EXAMPLES:
                entry[2].append(row[0])
        for key, variants in groups.items():
            if len(variants) > 1:
                ordered = sorted(variants.values(), key=lambda v: -v[1])
                out.append(SegmentVariation(side, first_text[key], sum(v[1] for v in ordered),
                                            [{"text": t, "count": n, "examples": ex} for t, n, ex in ordered]))
    out.sort(key=lambda s: (s.side != "zh", -s.count, -len(s.text)))
    return out


# ------------------------------------------------------------------ shared renderings


def _shared(concepts: list[ConceptConsistency]) -> list[SharedRendering]:
    by_text: dict[str, list[tuple[ConceptConsistency, Rendering]]] = defaultdict(list)
    for stat in concepts:
        for rendering in stat.renderings:
            if rendering.kind != "none":
                by_text[rendering.text].append((stat, rendering))
    out = []
    for text, uses in by_text.items():
        ids = {stat.concept for stat, _ in uses}
        if len(ids) < 2:
            continue
        expected = all(r.kind in ("approved", "variant") for _, r in uses)
        out.append(SharedRendering(
            text,
            [{"concept": s.concept, "term": s.term, "kind": r.kind, "count": r.count, "examples": list(r.examples)}
             for s, r in sorted(uses, key=lambda u: -u[1].count)],
            expected,
        ))
    out.sort(key=lambda s: (s.expected, -sum(c["count"] for c in s.concepts)))
    return out


# ------------------------------------------------------------------ entry point


def _as_list(bitexts) -> list[Bitext]:
    if isinstance(bitexts, Bitext):
        return [bitexts]
    items = list(bitexts)
    if not items:
        raise InputError("no bitext to score")
    if all(isinstance(b, Bead) for b in items):
        return [Bitext(beads=items)]
    for item in items:
        if not isinstance(item, Bitext):
            raise InputError(f"expected a Bitext, got {type(item).__name__}")
    return items


def bead_rows(bitexts: list[Bitext], labels: Sequence[str] | None = None) -> list[tuple[str, str, str]]:
    """``(bead id, zh, en)`` for every bead; ids are prefixed ``label#`` when there are several bitexts."""
    rows = []
    several = len(bitexts) > 1
    for number, bitext in enumerate(bitexts, start=1):
        label = (labels[number - 1] if labels else "") or bitext.zh_name or f"bitext{number}"
        for position, bead in enumerate(bitext.beads, start=1):
            bead_id = bead.id or str(position)
            rows.append((f"{label}#{bead_id}" if several else bead_id, bead.zh_text or "", bead.en_text or ""))
    return rows


def consistency(
    bitexts: Bitext | Iterable[Bitext],
    termbase: TermBase | None = None,
    reference: Bitext | None = None,
    *,
    labels: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ConsistencyReport:
    """Score the translation consistency of one bitext or a corpus of them.

    ``termbase``: the glossary whose concepts are followed (None: no per-term view, the
    segment-level view, numbers and untranslated rates only). ``reference``: another
    translation of the same Chinese, scored with BLEU/chrF/TER. ``labels`` name the
    bitexts in bead ids (``label#id``) when there are several. ``progress`` is called with
    numbers of beads done; it adds up to twice the bead count (checks, then renderings).
    """
    items = _as_list(bitexts)
    rows = bead_rows(items, labels)
    names = [(labels[i] if labels and i < len(labels) else "") or b.zh_name or f"bitext{i + 1}" for i, b in enumerate(items)]
    glossary = termbase if termbase is not None else TermBase(name="<none>")

    findings = check_rows(rows, glossary, progress=progress)
    by_bead: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        by_bead[finding.bead].add(finding.rule)

    collector = _Collector(glossary)
    with_terms = adherent = with_digits = numbers_ok = with_zh = untranslated = omitted = 0
    for done, (bead_id, zh, en) in enumerate(rows, start=1):
        if progress and done % 1000 == 0:
            progress(1000)
        rules = by_bead.get(bead_id, set())
        if not zh.strip():
            continue
        with_zh += 1
        if not en.strip():
            omitted += 1
            continue
        if "untranslated" in rules:
            untranslated += 1
            continue
        if len(glossary) and glossary.zh_matcher.concepts_in(zh):
            with_terms += 1
            adherent += not (rules & TERM_RULES)
        if any(c.isdigit() for c in zh + en):
            with_digits += 1
            numbers_ok += "number-mismatch" not in rules
        if len(glossary):
            collector.read(bead_id, zh, en)

    if progress and len(rows) % 1000:
        progress(len(rows) % 1000)
    stats = sorted(collector.stats.values(), key=lambda s: (s.index is None, s.index if s.index is not None else 0, -s.beads))
    for stat in stats:
        stat.renderings.sort(key=lambda r: (r.kind == "none", -r.count))

    from align import __version__

    signature = {"bitext": __version__, "consistency": "1"}
    if termbase is not None:
        signature.update(termbase.signature)
    signature["beads"] = str(len(rows))

    scores = None
    if reference is not None:
        from .metrics import score_reference

        scores = score_reference(items, reference)

    return ConsistencyReport(
        bitexts=names,
        beads=len(rows),
        signature=signature,
        concepts=stats,
        shared=_shared(stats),
        segments=_segment_variations(rows),
        adherence=Rate(adherent, with_terms),
        numbers=Rate(numbers_ok, with_digits),
        untranslated=Rate(untranslated, with_zh),
        omitted=Rate(omitted, with_zh),
        han_in_target=sum(1 for f in findings if f.rule == "han-in-target"),
        findings=dict(Counter(f.rule for f in findings)),
        reference=scores,
    )
