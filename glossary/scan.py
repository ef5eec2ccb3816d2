"""Monolingual scan of English text against a TermBase (documents with no Chinese side).

Reports forbidden renderings (my country), renderings in a case no concept
approves (5g, Internet of things, IAAs), hyphen/space variants of a rendering
(Hong Kong Macao), and a document that writes one rendering in two approved
cases (industrial Internet / Industrial Internet: two different concepts, so a
reviewer must check which one is meant). A capital that opens a sentence and a
rendering inside a capitalised name (China Industrial Internet Research
Institute) are not case findings. Names and terms the document writes
several ways (``glossary.drift``) are reported as ``name-drift``, glossary or not.
"""

from __future__ import annotations

from collections import defaultdict

from glossary.findings import RULES, Finding
from glossary.match_en import (
    APPROVED,
    FORBIDDEN,
    VARIANT,
    case_ok,
    in_proper_name,
    is_sentence_initial,
    rendering_separators,
    separators,
    tokenize,
)
from glossary.places import segments as _segments
from glossary.places import where as _where
from glossary.termbase import TermBase


def _finding(where: str, rule: str, term: str, expected: str, found: str, note: str = "", concept: str = "") -> Finding:
    return Finding(where, rule, term, expected, found, RULES[rule][0], note, concept)


def scan(document_or_text, termbase: TermBase) -> list[Finding]:
    """Findings for an English Document (from ``align.read_document``) or a plain string.

    Locations are ``line:column`` in the original text.
    """
    concepts = termbase.concepts
    matcher = termbase.en_matcher
    findings: list[Finding] = []
    # casefolded rendering → rendering as written → [count, first location, concept index]
    usage: dict[str, dict[str, list]] = defaultdict(dict)
    for text, offset, original in _segments(document_or_text):
        if not text.strip():
            continue
        spans: dict[tuple[int, int], list] = defaultdict(list)
        for match in matcher.find(text):
            spans[(match.start, match.end)].append(match)
        for (start, end), matches in sorted(spans.items()):
            where = _where(original, offset + start)
            good = [m for m in matches if m.kind in (APPROVED, VARIANT)]
            if good:
                initial = is_sentence_initial(text, start)
                proper = in_proper_name(text, good[0])
                fitting = [m for m in good if concepts[m.concept].case == "insensitive" or case_ok(m, initial)]
                if not fitting and not proper:
                    concept = concepts[good[0].concept]
                    expected = " | ".join(dict.fromkeys(m.rendering for m in good))
                    findings.append(_finding(where, "wrong-case", " / ".join(dict.fromkeys(concepts[m.concept].term for m in good)),
                                             expected, good[0].text, concept.note, concept.id))
                elif fitting and not proper:
                    exact = [m for m in fitting if concepts[m.concept].case == "exact"]
                    if exact:
                        rendering = exact[0].rendering
                        entry = usage[rendering.casefold()].setdefault(rendering, [0, where, exact[0].concept])
                        entry[0] += 1
                first = (fitting or good)[0]
                if first.pattern.joined or (
                    len(tokenize(first.rendering)) == len(first.words)
                    and separators(text, first) != rendering_separators(first.rendering)
                ):
                    findings.append(_finding(where, "variant-spelling", concepts[first.concept].term, first.rendering, first.text,
                                             concepts[first.concept].note, concepts[first.concept].id))
                continue
            for match in matches:
                if match.kind == FORBIDDEN:
                    concept = concepts[match.concept]
                    findings.append(_finding(where, "forbidden-rendering", concept.term, concept.en[0], match.text, concept.note, concept.id))
                    break
    for forms in usage.values():
        if len(forms) < 2:
            continue
        ordered = sorted(forms.items(), key=lambda item: -item[1][0])
        found = ", ".join(f"{rendering} ×{count}" for rendering, (count, _, _) in ordered)
        expected = " or ".join(f"{rendering} ({concepts[index].term})" for rendering, (_, _, index) in ordered)
        minority_where = ordered[-1][1][1]
        notes = " ".join(dict.fromkeys(concepts[index].note for _, (_, _, index) in ordered if concepts[index].note))
        findings.append(_finding(minority_where, "inconsistent-case", " / ".join(concepts[index].term for _, (_, _, index) in ordered),
                                 "one of: " + expected, found, notes))
    findings.extend(drift_findings(document_or_text))
    findings.sort(key=lambda f: tuple(int(x) for x in f.bead.split(":")))
    return findings


def drift_findings(document_or_text) -> list[Finding]:
    """One ``name-drift`` finding per less frequent form of a name or term the document writes several ways."""
    from glossary.drift import drift

    findings = []
    for cluster in drift(document_or_text):
        top = cluster.forms[0]
        summary = "; ".join(f"{f.text} ×{f.count} at {', '.join(f.places)}" for f in cluster.forms)
        for form in cluster.forms[1:]:
            findings.append(_finding(form.places[0], "name-drift", top.text, f"{top.text} (×{top.count})", f"{form.text} (×{form.count})",
                                     f"written {len(cluster.forms)} ways: {summary}; add the right one to the glossary"))
    return findings
