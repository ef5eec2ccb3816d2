"""bitext glossary: term base, Chinese- and English-aware matching, checks and scans.

>>> from glossary import load_default, check, scan
>>> tb = load_default()                       # the shipped industrial-Internet glossary
>>> findings = check(bitext, tb)              # per bead: missing/forbidden rendering, case, numbers...
>>> findings = scan(read_document("x.en.txt"), tb)   # English only: forbidden, case, variants, name drift
>>> candidates = extract(bitexts, termbase=tb, lexicon=lexicon)   # proposed term pairs, best first
>>> clusters = drift(read_document("x.en.txt"))      # names written several ways in one English document

``extract`` without a lexicon ranks by co-occurrence alone; ``align.extract_terms``
wires in the aligner's CC-CEDICT lexicon.
"""

from __future__ import annotations

from pathlib import Path

from glossary.checks import check, check_pair, check_rows
from glossary.consistency import ConsistencyReport, consistency
from glossary.drift import drift
from glossary.extraction import Candidate, extract
from glossary.findings import RULES, SEVERITIES, Finding, at_or_above
from glossary.scan import scan
from glossary.termbase import Concept, TermBase

DEFAULT_GLOSSARY = Path(__file__).parent / "data" / "industrial_internet.tsv"

__all__ = ["extract", "Candidate", "drift", "consistency", "ConsistencyReport", "TermBase", "Concept", "Finding", "check", "check_pair", "check_rows", "scan", "load_default",
           "DEFAULT_GLOSSARY", "RULES", "SEVERITIES", "at_or_above"]


def load_default() -> TermBase:
    """The glossary shipped with bitext: China's industrial Internet and digital economy (60+ concepts)."""
    return TermBase.read(DEFAULT_GLOSSARY)
