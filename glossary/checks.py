"""Checks of each bead of a Bitext against a TermBase (and of its numbers and scripts).

Rules (see ``findings.RULES``): missing-rendering, forbidden-rendering, wrong-case,
number-mismatch, han-in-target, empty-target, untranslated. Both automata are
built once per TermBase; beads can be checked on several processes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sized
from itertools import islice
from typing import Iterable

from align.core.numbers import compare_numbers, might_disagree
from align.core.progress import Progress, no_progress
from align.core.text import HAN_RUN
from glossary.findings import RULES, Finding
from glossary.match_en import FORBIDDEN, case_ok, in_proper_name, is_sentence_initial
from glossary.termbase import TermBase

HAN = HAN_RUN
ALL_RULES = tuple(r for r in RULES if r not in ("variant-spelling", "inconsistent-case"))


def _finding(bead: str, rule: str, term: str, expected: str, found: str, note: str = "", concept: str = "") -> Finding:
    return Finding(bead, rule, term, expected, found, RULES[rule][0], note, concept)


def say_number(value: float) -> str:
    """50000000.0 → '50 million', 13.2 → '13.2'."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.6g} {word}"
    return f"{value:,.6g}"


_ALL = frozenset(ALL_RULES)


def check_pair(bead_id: str, zh: str, en: str, termbase: TermBase, rules: frozenset[str] | None = None) -> list[Finding]:
    """Findings for one Chinese/English pair."""
    want = rules or _ALL
    zh_stripped = (zh or "").strip()
    en_stripped = (en or "").strip()
    findings: list[Finding] = []
    if not en_stripped:
        if zh_stripped and "empty-target" in want:
            findings.append(_finding(bead_id, "empty-target", zh_stripped[:30], "a translation", ""))
        return findings
    if HAN.search(en):
        han_runs = HAN.findall(en)
        han_chars = sum(len(r) for r in han_runs)
        visible = sum(1 for c in en if not c.isspace())
        if en_stripped == zh_stripped or han_chars / max(visible, 1) > 0.5:
            if "untranslated" in want:
                findings.append(_finding(bead_id, "untranslated", zh_stripped[:30], "an English translation", en_stripped[:60]))
            return findings
        if "han-in-target" in want:
            findings.append(_finding(bead_id, "han-in-target", "", "no Chinese characters", " ".join(han_runs)))
    elif en_stripped == zh_stripped and HAN.search(zh_stripped) and "untranslated" in want:
        findings.append(_finding(bead_id, "untranslated", zh_stripped[:30], "an English translation", en_stripped[:60]))
        return findings
    if not zh_stripped:
        return findings

    concepts = termbase.concepts
    zh_matches = termbase.zh_matcher.find(zh)
    en_matches = termbase.en_matcher.find_for(en, {m.concept for m in zh_matches})
    by_concept: dict[int, list] = {}
    for match in en_matches:
        by_concept.setdefault(match.concept, []).append(match)
    reported: set[int] = set()
    zh_text_of: dict[int, str] = {}
    for match in zh_matches:
        zh_text_of.setdefault(match.concept, match.text)  # first occurrence, in reading order
    for index, zh_text in zh_text_of.items():
        concept = concepts[index]
        matches = by_concept.get(index, ())
        good = [m for m in matches if m.kind != FORBIDDEN]
        if good:
            if concept.case == "exact" and "wrong-case" in want and not any(
                m.words == m.pattern.words or case_ok(m, is_sentence_initial(en, m.start)) or in_proper_name(en, m)
                for m in good
            ):
                findings.append(_finding(bead_id, "wrong-case", zh_text, concept.en[0], good[0].text, concept.note, concept.id))
            continue
        bad = [m for m in matches if m.kind == FORBIDDEN]
        if bad:
            reported.add(index)
            if "forbidden-rendering" in want:
                findings.append(_finding(bead_id, "forbidden-rendering", zh_text, concept.en[0], bad[0].text, concept.note, concept.id))
        elif "missing-rendering" in want:
            findings.append(_finding(bead_id, "missing-rendering", zh_text, " | ".join(concept.en), "", concept.note, concept.id))
    if "forbidden-rendering" in want and any(m.kind == FORBIDDEN and m.concept not in reported for m in en_matches):
        # a forbidden rendering of a concept absent from the Chinese is still wrong, unless the same
        # words are an approved rendering of a concept that is present
        approved_spans = {(m.start, m.end) for m in en_matches if m.kind != FORBIDDEN and m.concept in zh_text_of}
        for match in en_matches:
            if match.kind == FORBIDDEN and match.concept not in reported and (match.start, match.end) not in approved_spans:
                reported.add(match.concept)
                concept = concepts[match.concept]
                findings.append(_finding(bead_id, "forbidden-rendering", concept.term, concept.en[0], match.text, concept.note, concept.id))

    if "number-mismatch" in want and might_disagree(zh, en):
        comparison = compare_numbers(zh, en)
        if not comparison.agree:
            term = ", ".join(n.text for n in comparison.missing_in_en)
            expected = ", ".join(say_number(n.value) for n in comparison.missing_in_en) or "no " + ", ".join(n.text for n in comparison.missing_in_zh)
            found = ", ".join(n.text for n in comparison.missing_in_zh) or ", ".join(n.text for n in comparison.en) or "no number"
            findings.append(_finding(bead_id, "number-mismatch", term, expected, found))
    return findings


_WORKER_TERMBASE: TermBase | None = None


def _init_worker(termbase: TermBase) -> None:
    global _WORKER_TERMBASE
    _WORKER_TERMBASE = termbase
    termbase.zh_matcher, termbase.en_matcher  # build the automata once per process


def _check_chunk(args) -> list[Finding]:
    chunk, rules = args
    out: list[Finding] = []
    for bead_id, zh, en in chunk:
        out.extend(check_pair(bead_id, zh, en, _WORKER_TERMBASE, rules))
    return out


def _chunks(rows: Iterable[tuple[str, str, str]], size: int) -> Iterator[list[tuple[str, str, str]]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def check_rows(
    rows: Iterable[tuple[str, str, str]],
    termbase: TermBase,
    rules: Iterable[str] | None = None,
    processes: int = 1,
    progress: Progress | None = None,
    chunk_size: int = 5000,
) -> list[Finding]:
    """Check ``(bead id, zh, en)`` rows, in order; ``processes > 1`` spreads chunks over processes.

    ``rows`` may be a stream (a generator over a file being read): it is taken a chunk
    at a time, so only the findings are kept. ``progress("checking", rows done, rows)``
    is called after each chunk (rows done, twice, when the total is not known).
    """
    wanted = frozenset(rules) if rules else None
    if wanted:
        unknown = wanted - set(RULES)
        if unknown:
            from align.core.errors import UsageError

            raise UsageError(f"unknown rule {', '.join(sorted(unknown))}; rules: {', '.join(ALL_RULES)}")
    report = progress or no_progress
    total = len(rows) if isinstance(rows, Sized) else None
    chunks = _chunks(rows, chunk_size)
    findings: list[Finding] = []
    done = 0
    if processes > 1 and (total is None or total > chunk_size):
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with context.Pool(processes, initializer=_init_worker, initargs=(termbase,)) as pool:
            # a few chunks in flight per process: a stream is not read ahead of the workers
            while window := list(islice(chunks, 2 * processes)):
                for chunk, part in zip(window, pool.imap(_check_chunk, [(c, wanted) for c in window])):
                    findings.extend(part)
                    done += len(chunk)
                    report("checking", done, total if total is not None else done)
        return findings
    termbase.zh_matcher, termbase.en_matcher
    for chunk in chunks:
        for bead_id, zh, en in chunk:
            findings.extend(check_pair(bead_id, zh, en, termbase, wanted))
        done += len(chunk)
        report("checking", done, total if total is not None else done)
    return findings


def check(bitext, termbase: TermBase, rules: Iterable[str] | None = None, processes: int = 1,
          progress: Progress | None = None) -> list[Finding]:
    """Every finding of every bead of ``bitext`` (a Bitext or any iterable of beads), in bead order.

    The beads are read as they come: a Bitext streaming from a file (``align.formats.stream_bitext``)
    is checked at flat memory.
    """
    rows = ((bead.id or str(number), bead.zh_text, bead.en_text) for number, bead in enumerate(bitext, start=1))
    return check_rows(rows, termbase, rules, processes, progress)
