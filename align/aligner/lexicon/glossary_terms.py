"""Glossary terms as lexical evidence: a concept found on both sides counts as a dictionary match.

Each concept of a term source (``align.core.terms.TermSource``, e.g. a
``glossary.TermBase``) found in both documents becomes one extra token,
carried by every Chinese sentence holding one of its forms and every English
sentence holding one of its renderings. Coverage then counts a shared term like
a dictionary match, and beads sharing one get the ``glossary`` reason. Matching
is the glossary's own: longest match in Chinese, so 互联网 does not fire inside
产业互联网.
"""

from __future__ import annotations

import numpy as np

from align.aligner.lexicon.tokens import EnTokens, Vocabulary, ZhTokens
from align.core.terms import TermSource


def add_terms(zh: ZhTokens, en: EnTokens, zh_texts: list[str], en_texts: list[str], terms: TermSource, vocab: Vocabulary) -> int:
    """Add one token per concept found on both sides; returns how many sentences received one."""
    if not len(terms):
        return 0
    zh_found = [terms.zh_concepts(text) for text in zh_texts]
    en_found = [terms.en_concepts(text) for text in en_texts]
    on_both = set().union(*zh_found) & set().union(*en_found)
    added = 0
    for concept in sorted(on_both):
        token = vocab.key(f"glossary:{concept}")
        for i, found in enumerate(zh_found):
            if concept in found:
                zh.tokens[i].append(np.asarray([token], dtype=np.int32))
                if zh.token_words is not None:
                    zh.token_words[i].append(None)
                added += 1
        for j, found in enumerate(en_found):
            if concept in found:
                en.lemmas[j] = np.append(en.lemmas[j], np.int32(token))
                added += 1
    return added


def shared_terms(terms: TermSource, zh_text: str, en_text: str) -> bool:
    return bool(terms.zh_concepts(zh_text) & terms.en_concepts(en_text))
