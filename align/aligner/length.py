"""Length signal: characters per sentence, calibrated per document pair.

Chinese counts Han characters and other non-space characters; English counts
characters. The bead feature is the log of the en/zh length ratio against the
document pair's own overall ratio (so a terse or wordy translator is not
penalised), in ``features``.
"""

from __future__ import annotations

import numpy as np


def char_lengths(texts: list[str], lang: str) -> np.ndarray:
    if lang == "zh":
        return np.asarray([sum(1 for ch in t if not ch.isspace()) for t in texts], dtype=np.float64)
    return np.asarray([len(t.strip()) for t in texts], dtype=np.float64)
