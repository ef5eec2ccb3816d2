"""Glossary terms as lexical evidence: a term on one side and its rendering on the other.

Each concept of a ``glossary.TermBase`` becomes one extra token: the Chinese
sentence containing a term (or its traditional form) carries it, and so does the
English sentence containing one of its renderings or variants. Coverage then
counts a shared term like a dictionary match, and beads sharing one get the
``glossary`` reason.
"""

from __future__ import annotations

import re

import numpy as np

from align.aligner.lexicon import EnTokens, Vocabulary, ZhTokens
from align.core.normalize import matching_key


def concept_patterns(glossary) -> list[tuple[str, list[str], re.Pattern | None]]:
    out = []
    for number, concept in enumerate(glossary):
        zh_terms = sorted({matching_key(t, "zh") for t in (*concept.zh, *getattr(concept, "traditional", ())) if t.strip()})
        en_terms = [t for t in (*concept.en, *concept.variants) if t.strip()]
        if not zh_terms or not en_terms:
            continue
        pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(matching_key(t, "en")) for t in en_terms) + r")(?![\w])")
        out.append((f"glossary:{concept.id or number}", zh_terms, pattern))
    return out


def add_terms(zh: ZhTokens, en: EnTokens, zh_keys: list[str], en_keys: list[str], glossary, vocab: Vocabulary) -> int:
    """Add one token per concept found; returns how many sentence pairs of tokens were added."""
    added = 0
    for key, zh_terms, pattern in concept_patterns(glossary):
        zh_hits = [i for i, text in enumerate(zh_keys) if any(t in text for t in zh_terms)]
        if not zh_hits:
            continue
        en_hits = [j for j, text in enumerate(en_keys) if pattern.search(text)]
        if not en_hits:
            continue
        token = vocab.key(key)
        for i in zh_hits:
            zh.tokens[i].append(np.asarray([token], dtype=np.int32))
            if zh.token_words is not None:
                zh.token_words[i].append(None)
        for j in en_hits:
            en.lemmas[j] = np.append(en.lemmas[j], np.int32(token))
        added += len(zh_hits) + len(en_hits)
    return added


def shared_terms(glossary, zh_text: str, en_text: str) -> bool:
    zk, ek = matching_key(zh_text, "zh"), matching_key(en_text, "en")
    return any(any(t in zk for t in zh_terms) and pattern.search(ek) for _, zh_terms, pattern in concept_patterns(glossary))
