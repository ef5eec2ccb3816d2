"""Contrast: how much better a bead's two sides match each other than they match nearby beads.

Calibration on true translations alone would trust any fluent pair of
sentences on the same topic. Comparing a bead with its own zh side paired with
the en side of beads a few places away separates "these correspond" from
"these are about the same thing": in a translation the bead stands out, in two
comparable articles it does not. Used by the confidence model and the
document score.
"""

from __future__ import annotations

import numpy as np

from align.aligner.pipeline import Sides
from align.aligner.resources import embeddings
from align.aligner.signals.coverage import span_coverage

SHIFTS = (-5, -3, -2, 2, 3, 5)
NAMES = ("emb_contrast", "lex_contrast", "lex_pair")


def _span_vector(sums, ids):
    total, count = sums.span(ids[0], ids[-1] + 1)
    return total, count


def contrast_features(sides: Sides, beads: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> np.ndarray:
    out = np.zeros((len(beads), len(NAMES)), dtype=np.float64)
    paired = [k for k, (z, e) in enumerate(beads) if z and e]
    if not paired:
        return out
    zt = _frozen_tokens(sides.zh.tokens.tokens) if sides.zh.tokens is not None else None
    el = sides.en.tokens.lemmas if sides.en.tokens is not None else None
    en_sets = [set(map(int, x)) for x in el] if el is not None else None
    zvec = evec = None
    if sides.zh_sums is not None:
        zs = [_span_vector(sides.zh_sums, beads[k][0]) for k in paired]
        es = [_span_vector(sides.en_sums, beads[k][1]) for k in paired]
        zvec = embeddings.finish(np.stack([s for s, _ in zs]).astype(np.float32), np.asarray([c for _, c in zs], np.float32))
        evec = embeddings.finish(np.stack([s for s, _ in es]).astype(np.float32), np.asarray([c for _, c in es], np.float32))
    for r, k in enumerate(paired):
        others = [r + s for s in SHIFTS if 0 <= r + s < len(paired)]
        if zvec is not None:
            own = float(zvec[r] @ evec[r])
            alt = max((float(zvec[r] @ evec[o]) for o in others), default=0.0)
            out[k, 0] = own - alt
        if zt is not None:
            own = _coverage(zt, en_sets, beads[k][0], beads[k][1])
            alt = max((_coverage(zt, en_sets, beads[k][0], beads[paired[o]][1]) for o in others), default=0.0)
            out[k, 1] = own - alt
            out[k, 2] = own
    return out


def _frozen_tokens(tokens: list[list[np.ndarray]]) -> list[list[frozenset]]:
    """Tokens as sets; a word's token is one array shared by all its occurrences, so each is converted once."""
    frozen: dict[int, frozenset] = {}
    out = []
    for sentence in tokens:
        row = []
        for token in sentence:
            found = frozen.get(id(token))
            if found is None:
                found = frozen[id(token)] = frozenset(token.tolist())
            row.append(found)
        out.append(row)
    return out


def _coverage(zt, en_sets, zh_ids, en_ids) -> float:
    tokens = [tok for i in zh_ids for tok in zt[i]]
    if not tokens:
        return 0.0
    return span_coverage(tokens, set().union(*(en_sets[j] for j in en_ids)))[0]
