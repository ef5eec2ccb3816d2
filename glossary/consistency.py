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

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sized
from itertools import islice
from typing import Iterable, Mapping, Sequence

from align.core.bitext import Bitext
from align.core.normalize import matching_key
from align.core.progress import Progress, no_progress
from glossary.checks import check_rows
from glossary.consistency_report import EXAMPLES, ConceptConsistency, ConsistencyReport, Rate, Rendering, SegmentVariation, SharedRendering
from glossary.metrics import score_reference
from glossary.renderings import KINDS, RenderingCollector
from glossary.rows import as_bitexts, bead_rows, iter_rows
from glossary.termbase import TermBase

__all__ = ["consistency", "ConsistencyReport", "KINDS", "bead_rows"]

TERM_RULES = frozenset({"missing-rendering", "forbidden-rendering", "wrong-case"})


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


def _flagged(hashes: list[array], side: int) -> set[int]:
    """Key hashes of ``side`` (0 zh, 1 en) that come with two or more different key hashes of the other side."""
    import numpy as np

    keys = np.frombuffer(hashes[side], dtype=np.int64)
    others = np.frombuffer(hashes[1 - side], dtype=np.int64)
    if not len(keys):
        return set()
    order = np.lexsort((others, keys))
    keys, others = keys[order], others[order]
    del order  # at the end of a long corpus every 8 bytes a bead count
    same_key = keys[1:] == keys[:-1]
    varies = same_key & (others[1:] != others[:-1])
    return set(keys[1:][varies].tolist())


class _Segments:
    """Segment-level variation at flat memory: pass one keeps two 8-byte key hashes per bead (no text);
    pass two groups, with their texts, only the beads whose key varies (see ``_segment_variations``).

    The hashes are the one figure that grows with the corpus (16 bytes a bead, 1.6 MB per 100,000,
    about twice that while they are sorted at the end): finding every Chinese segment translated two
    ways needs every segment's key, and a bounded sketch would miss or invent variations."""

    def __init__(self) -> None:
        self.hashes = [array("q"), array("q")]

    def add(self, zh: str, en: str) -> None:
        if zh.strip() and en.strip():
            self.hashes[0].append(hash(matching_key(zh, "zh")))
            self.hashes[1].append(hash(matching_key(en, "en")))

    def variations(self, rows: Iterable[tuple[str, str, str]]) -> list[SegmentVariation]:
        flagged = (_flagged(self.hashes, 0), _flagged(self.hashes, 1))
        if not flagged[0] and not flagged[1]:
            return []
        kept = []
        position = 0
        for row in rows:
            if not row[1].strip() or not row[2].strip():
                continue
            if self.hashes[0][position] in flagged[0] or self.hashes[1][position] in flagged[1]:
                kept.append(row)
            position += 1
        return _segment_variations(kept)


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def consistency(
    bitexts: Bitext | Iterable[Bitext],
    termbase: TermBase | None = None,
    reference: Bitext | None = None,
    *,
    labels: Sequence[str] | None = None,
    signature: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    chunk_size: int = 5000,
) -> ConsistencyReport:
    """Score the translation consistency of one bitext or a corpus of them.

    ``termbase``: the glossary whose concepts are followed (None: no per-term view, the
    segment-level view, numbers and untranslated rates only). ``reference``: another
    translation of the same Chinese, scored with BLEU/chrF/TER. ``labels`` name the
    bitexts in bead ids (``label#id``) when there are several. ``signature``: the
    signature of the run the report belongs to (default: bitext's version, this
    scorer's and the glossary's). ``progress(stage, done, total)``: stage ``checking``
    then ``renderings`` for each chunk of beads, counted over twice the bead count
    (the beads done so far, twice, when the bitexts stream and the count is unknown).

    The beads are taken a chunk at a time and every figure is aggregated as they go,
    so a bitext streaming from a file (``Bitext.stream``) is scored at flat memory: only
    the per-concept renderings (a few examples each) and two key hashes per bead for the
    segment-level view are kept; the beads whose Chinese or English varies are read
    again for their texts.
    """
    items = as_bitexts(bitexts)
    names = [(labels[i] if labels and i < len(labels) else "") or b.zh_name or f"bitext{i + 1}" for i, b in enumerate(items)]
    glossary = termbase if termbase is not None else TermBase(name="<none>")
    report = progress or no_progress
    known = all(isinstance(b.beads, Sized) for b in items)
    total = sum(len(b.beads) for b in items) if known else None

    collector = RenderingCollector(glossary)
    segments = _Segments()
    rule_counts: Counter[str] = Counter()
    with_terms = adherent = with_digits = numbers_ok = with_zh = untranslated = omitted = 0
    beads = 0
    for chunk in _chunks(iter_rows(items, labels), chunk_size):
        passes = 2 * total if total is not None else 2 * (beads + len(chunk))
        findings = check_rows(chunk, glossary)
        report("checking", beads + len(chunk) if total is not None else beads + len(chunk), passes)
        by_bead: dict[str, set[str]] = defaultdict(set)
        for finding in findings:
            by_bead[finding.bead].add(finding.rule)
            rule_counts[finding.rule] += 1
        for bead_id, zh, en in chunk:
            segments.add(zh, en)
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
        beads += len(chunk)
        report("renderings", (total if total is not None else beads) + beads, passes)
    if not beads:
        report("renderings", 0, 0)

    stats = sorted(collector.stats.values(), key=lambda s: (s.index is None, s.index if s.index is not None else 0, -s.beads))
    for stat in stats:
        stat.renderings.sort(key=lambda r: (r.kind == "none", -r.count))

    if signature is None:
        from align.core.version import __version__

        signature = {"bitext": __version__, "consistency": "1", **(termbase.signature if termbase is not None else {})}

    scores = None
    if reference is not None:
        scores = score_reference(items, reference)

    return ConsistencyReport(
        bitexts=names,
        beads=beads,
        signature=dict(signature),
        glossary=termbase.signature if termbase is not None else {},
        concepts=stats,
        shared=_shared(stats),
        segments=segments.variations(iter_rows(items, labels)),
        adherence=Rate(adherent, with_terms),
        numbers=Rate(numbers_ok, with_digits),
        untranslated=Rate(untranslated, with_zh),
        omitted=Rate(omitted, with_zh),
        han_in_target=rule_counts["han-in-target"],
        findings=dict(rule_counts),
        reference=scores,
    )
