"""Pairing Chinese and English candidates across aligned beads.

Association is the Dice coefficient over beads (2·both / (zh + en)). With a
lexicon, each Chinese candidate's best few partners by Dice are weighed again
with in-bead evidence: how much of the English phrase CC-CEDICT glosses the
Chinese words with (and how much of the Chinese it explains), and whether the
English is the Chinese name's pinyin. Without a lexicon (the baseline) the
partner with the highest Dice wins. A pair's rank discounts rare pairs, whose
Dice is luck as often as not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from glossary.extraction.counts import Side
from glossary.extraction.names import is_name_pair
from glossary.extraction.phrases import en_content_keys

PARTNERS = 12  # English partners per Chinese candidate weighed with the lexicon


@dataclass
class Pair:
    zh: int
    en: int
    together: int
    dice: float
    lexical: float = 0.0
    name: bool = False
    score: float = 0.0


def co_occurrence(zh: Side, en: Side, min_together: int):
    """(zh index, en index, beads holding both) for every pair seen together at least ``min_together`` times."""
    both = (zh.matrix().T.tocsr() @ en.matrix()).tocoo()
    keep = both.data >= min_together
    return both.row[keep], both.col[keep], both.data[keep].astype(np.int64)


def lexical_evidence(zh_words: tuple[str, ...], zh_joined: str, en_key: tuple[str, ...], lexicon) -> float:
    """Mean of the share of English content words glossed by the Chinese and the share of Chinese words glossing one."""
    content = en_content_keys(en_key)
    if not content:
        return 0.0
    whole = lexicon.glosses(zh_joined)
    per_word = [lexicon.glosses(w) | (whole if len(zh_words) == 1 else frozenset()) for w in zh_words]
    glossed = set(whole).union(*per_word)
    english = set(content)
    en_share = sum(1 for k in content if k in glossed) / len(content)
    zh_share = sum(1 for g in per_word if g & english) / len(per_word)
    if whole & english:
        zh_share = 1.0
    return (en_share + zh_share) / 2


def best_pairs(zh: Side, en: Side, lexicon, min_together: int) -> tuple[list[Pair], dict[int, list[Pair]]]:
    """The best English partner of each Chinese candidate, and every weighed partner (for conflicting renderings)."""
    rows, cols, together = co_occurrence(zh, en, min_together)
    dice = 2 * together / (zh.counts[rows] + en.counts[cols])
    order = np.lexsort((-dice, rows))
    rows, cols, together, dice = rows[order], cols[order], together[order], dice[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else np.zeros(0, dtype=np.int64)
    ends = np.r_[starts[1:], len(rows)]
    best: list[Pair] = []
    weighed: dict[int, list[Pair]] = {}
    for start, end in zip(starts.tolist(), ends.tolist()):
        z = int(rows[start])
        pairs = [Pair(z, int(cols[k]), int(together[k]), float(dice[k])) for k in range(start, min(end, start + PARTNERS))]
        for pair in pairs:
            pair.score = pair.dice
            if lexicon is not None:
                pair.lexical = lexical_evidence(zh.words[z], zh.names[z], en.names[pair.en], lexicon)
                pair.name = is_name_pair(zh.names[z], en.surface[pair.en])
                evidence = 1.0 if pair.name else pair.lexical
                pair.score = pair.dice * (0.6 + 0.4 * evidence)
        # ties go to the longer English phrase: "Ye Wenjie" rather than "Wenjie"
        pairs.sort(key=lambda p: (-p.score, -len(en.names[p.en])))
        weighed[z] = pairs
        best.append(pairs[0])
    return best, weighed


def rank_score(pair: Pair) -> float:
    """The pair's score with its Dice smoothed by two beads: a pair seen together three times in three beads
    ranks below one seen fifty times in fifty-two."""
    return pair.score * pair.together / (pair.together + 1)
