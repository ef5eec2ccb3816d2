"""Punctuation and dialogue cues: a quoted line is usually translated as a quoted line.

Chinese dialogue uses “” or 「」; English double quotes. Counting British single
quotes as dialogue too (Minford's Deer and the Cauldron uses them) was measured:
in-sample strict F1 +0.006 but leave-one-chapter-out −0.003, so it is left out.
"""

from __future__ import annotations

import numpy as np

_ZH_QUOTES = set("“”「」『』\"")
_EN_QUOTES = set("\"“”")


def quote_flags(texts: list[str], lang: str) -> np.ndarray:
    marks = _ZH_QUOTES if lang == "zh" else _EN_QUOTES
    return np.asarray([any(ch in marks for ch in t) for t in texts], dtype=np.int64)
