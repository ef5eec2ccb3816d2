"""Long documents aligned a chunk at a time, so that memory stays flat whatever their length.

Above ``AlignSettings.chunk_above`` sentences (both sides together) a pair is
cut into chunks of about ``chunk_sentences``: the dictionary alone aligns blocks of
sentences (``search.anchors``), and near every chunk boundary the cut is put
right after the pair of sentences that match each other best (mutually
best by dictionary coverage), so that no bead straddles a cut. Each chunk is
then aligned on its own, embeddings included, and forgotten before the next.
"""

from __future__ import annotations

import numpy as np

from align.aligner.pipeline import prepare
from align.aligner.search.anchors import coarse_points
from align.aligner.settings import AlignSettings
from align.aligner.signals.coverage import span_coverage
from align.core.document import Document

SEARCH = 12  # sentences either side of a coarse point where the cut is looked for


def cuts(zh_doc: Document, en_doc: Document, settings: AlignSettings) -> list[tuple[int, int]]:
    """(zh sentence, en sentence) positions to cut both documents at, in order, without the ends."""
    n, m = len(zh_doc), len(en_doc)
    sides = prepare(zh_doc.texts(), en_doc.texts(), fast=True)
    points = coarse_points(sides.zh, sides.en, settings)
    if not points:
        return []
    chunks = max(1, round((n + m) / settings.chunk_sentences))
    out: list[tuple[int, int]] = []
    for k in range(1, chunks):
        i, j = min(points, key=lambda p: abs(p[0] + p[1] - k * (n + m) / chunks))
        cut = _best_cut(sides.zh.tokens.tokens, sides.en.tokens.lemmas, i, j)
        if cut and (not out or (cut[0] > out[-1][0] and cut[1] > out[-1][1])) and cut[0] < n and cut[1] < m:
            out.append(cut)
    return out


def _best_cut(zh_tokens, en_lemmas, i: int, j: int) -> tuple[int, int] | None:
    """Just after the mutually best 1-1 pair near (i, j), by dictionary coverage both ways."""
    rows = range(max(0, i - SEARCH), min(len(zh_tokens), i + SEARCH))
    cols = range(max(0, j - SEARCH), min(len(en_lemmas), j + SEARCH))
    if not rows or not cols:
        return None
    zt = {s: [frozenset(t.tolist()) for t in zh_tokens[s]] for s in rows}
    el = {t: frozenset(en_lemmas[t].tolist()) for t in cols}
    score = np.zeros((len(rows), len(cols)))
    for a, s in enumerate(rows):
        for b, t in enumerate(cols):
            if zt[s] and el[t]:
                cz, ce = span_coverage(zt[s], el[t])
                score[a, b] = min(cz, ce)
    a, b = np.unravel_index(int(score.argmax()), score.shape)
    if score[a, b] < 0.3 or score[a].argmax() != b or score[:, b].argmax() != a:
        return None
    return rows[a] + 1, cols[b] + 1
