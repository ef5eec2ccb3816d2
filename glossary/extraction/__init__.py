"""Term extraction: propose Chinese-English term and name pairs from aligned beads, ranked best first.

>>> from glossary import extract                     # or align.extract_terms, with the lexicon wired in
>>> candidates = extract(bitexts, termbase=tb, lexicon=CedictLexicon())   # align.aligner.resources.lexicon
>>> write_candidates(candidates, "candidates.xlsx")  # glossary.extraction.table

Chinese candidates are word n-grams from rjieba with stop patterns and a
C-value termhood; English candidates are word n-grams; they are paired by Dice
over beads, weighed with CC-CEDICT glosses and pinyin when a lexicon is given
(see ``glossary.extraction.pairing``). Without a lexicon this is the plain Dice
baseline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.extraction.candidate import CONFLICT, KNOWN, NEW, Candidate
from glossary.rows import as_bitexts, bead_rows

if TYPE_CHECKING:  # pragma: no cover
    from glossary.extraction.pairing import Pair

__all__ = ["extract", "Candidate"]


def _plain_lemma(word: str) -> str:
    return word.lower()


def extract(bitexts, termbase=None, lexicon=None, min_count: int = 2, limit: int | None = None,
            examples: int = 3) -> list[Candidate]:
    """Term pairs proposed from aligned text, best first.

    ``bitexts``: a Bitext, several, or a list of beads. ``termbase``: candidates
    it already holds are marked ``known``, those it renders otherwise
    ``conflict``. ``lexicon``: an ``align.core.lexicon.Lexicon`` (CC-CEDICT
    glosses and lemmas); without one, pairs are ranked by Dice alone.
    ``min_count``: beads a term must occur in.
    """
    # numpy and scipy load only when terms are extracted, not with every glossary command
    from glossary.extraction.counts import chinese_side, english_name_keys, english_side
    from glossary.extraction.pairing import best_pairs, rank_score

    rows = bead_rows(as_bitexts(bitexts))
    lemma = lexicon.lemma if lexicon is not None else _plain_lemma
    en = english_side([r[2] for r in rows], min_count, lemma)
    name_keys = english_name_keys(en) if lexicon is not None else None
    zh, termhood, tagged_names = chinese_side([r[1] for r in rows], min_count, name_keys)
    if not zh.names or not en.names:
        return []
    best, weighed = best_pairs(zh, en, lexicon, min_count)
    best = _drop_pieces(best, zh, en)
    best.sort(key=lambda p: (-rank_score(p), -termhood.get(zh.names[p.zh], 0.0), zh.names[p.zh]))
    if limit:
        best = best[:limit]
    zh_matrix, en_matrix = zh.matrix().tocsc(), en.matrix().tocsc()
    candidates = []
    for pair in best:
        zh_term, en_term = zh.names[pair.zh], en.surface[pair.en]
        beads = sorted(set(zh_matrix[:, pair.zh].indices.tolist()) & set(en_matrix[:, pair.en].indices.tolist()))
        status, note = _against(zh_term, en_term, termbase)
        others: list[Pair] = []
        for other in weighed[pair.zh][1:]:
            if _rival(other, pair, en) and not any(set(en.names[other.en]) & set(en.names[o.en]) for o in others):
                others.append(other)
        if others:
            note = "; ".join(filter(None, [note, "also rendered " + ", ".join(f"{en.surface[p.en]!r} ({p.together})" for p in others[:3])]))
        evidence = tuple(e for e, present in (("pinyin", pair.name), ("dictionary", pair.lexical > 0)) if present)
        candidates.append(Candidate(
            zh=zh_term, en=en_term, kind="name" if pair.name or (zh_term in tagged_names and en_term[:1].isupper()) else "term",
            score=rank_score(pair), dice=pair.dice,
            together=pair.together, zh_count=int(zh.counts[pair.zh]), en_count=int(en.counts[pair.en]), evidence=evidence,
            status=status, note=note, examples=tuple(rows[b][0] for b in beads[:examples])))
    return candidates


def _drop_pieces(best: list[Pair], zh, en) -> list[Pair]:
    """Of Chinese candidates paired with one English phrase, keep those not inside a better-scored one (以色列 in 以色列人)."""
    by_en: dict[int, list[Pair]] = {}
    for pair in best:
        by_en.setdefault(pair.en, []).append(pair)
    kept = []
    for group in by_en.values():
        group.sort(key=lambda p: (-p.score, -len(zh.names[p.zh])))
        chosen: list[Pair] = []
        for pair in group:
            name = zh.names[pair.zh]
            if not any(name in zh.names[c.zh] or zh.names[c.zh] in name for c in chosen):
                chosen.append(pair)
        kept.extend(chosen)
    # a piece on both sides (清扬 Qingyang inside 陈清扬 Chen Qingyang) seen no more often than the whole goes
    longer = sorted(kept, key=lambda p: -len(zh.names[p.zh]))
    return [p for p in kept if not any(
        q is not p and zh.names[p.zh] in zh.names[q.zh] and en.surface[p.en] in en.surface[q.en]
        and p.together <= 1.1 * q.together for q in longer if len(zh.names[q.zh]) > len(zh.names[p.zh]))]


def _rival(other: Pair, best: Pair, en) -> bool:
    """Another rendering worth a reviewer's eye: no word in common with the best (not a piece of it or a phrase
    around it), seen at least three times, scored at least half as well."""
    return not set(en.names[other.en]) & set(en.names[best.en]) and other.together >= 3 and other.score >= 0.5 * best.score


def _against(zh_term: str, en_term: str, termbase) -> tuple[str, str]:
    if termbase is None or not len(termbase):
        return NEW, ""
    concepts = termbase.with_form(zh_term)
    if not concepts:
        return NEW, ""
    wanted = en_term.casefold()
    for concept in concepts:
        if wanted in {r.casefold() for r in concept.en + concept.variants}:
            return KNOWN, f"in the glossary ({concept.id})"
    for concept in concepts:
        if wanted in {r.casefold() for r in concept.forbidden}:
            return CONFLICT, f"forbidden by the glossary ({concept.id}), which has {concept.rendering!r}"
    return CONFLICT, f"the glossary ({concepts[0].id}) has {concepts[0].rendering!r}"
