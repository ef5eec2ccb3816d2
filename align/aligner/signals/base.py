"""What every signal shares: the per-side material, the stretch being aligned, the candidate beads, the protocol.

A *signal* is one kind of evidence that a Chinese and an English span
translate each other (length, embeddings, dictionary coverage, dialogue
cues, the bead type itself). Each signal is one module defining a subclass
of :class:`Signal` that names the features it contributes and computes them
for candidate beads; ``align.aligner.signals`` lists them. Adding a signal is
one new module, its line in the registry, and a refit (``bench/fit_aligner.py``).

Beads are addressed as in the search: a bead of type (a, b) *ending* at DP
cell (i, j) pairs Chinese sentences i-a .. i-1 with English sentences
j-b .. j-1 of the stretch. ``Cells`` holds any array of such end cells, so the
same code scores a whole band (a grid of cells) and the beads of a path (a list).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from align.aligner.search.band import Band


@dataclass
class SideData:
    """Per-sentence material for one side of a document pair, built once (``pipeline.prepare``)."""

    lengths: np.ndarray  # characters, float
    quotes: np.ndarray  # bool: the sentence carries dialogue quotes
    windows: list[np.ndarray] | None  # window vectors, windows[k][i] = sentences i-k..i (embed mode)
    tokens: Any | None  # lexicon.tokens.ZhTokens / EnTokens
    cues: np.ndarray | None = None  # (n, 6) dialogue cues, see signals.dialogue (sentence level only)
    sums: Any | None = None  # resources.embeddings.SentenceSums: what window and unit embeddings are made of
    extra: dict[str, Any] = field(default_factory=dict)  # a signal's own per-side material, by signal name

    def __len__(self) -> int:
        return len(self.lengths)

    def slice(self, start: int, stop: int) -> SideData:
        """Sentences start..stop-1 (windows are recut so that none reaches outside)."""
        windows = None
        if self.windows is not None:
            windows = []
            for k, w in enumerate(self.windows):
                part = w[start:stop].copy()
                part[: min(k, len(part))] = 0.0  # a window crossing the start is not a bead
                windows.append(part)
        tokens = None if self.tokens is None else self.tokens.slice(start, stop)
        cues = None if self.cues is None else self.cues[start:stop]
        sums = None if self.sums is None else self.sums.slice(start, stop)
        extra = {name: value[start:stop] for name, value in self.extra.items()}
        return SideData(self.lengths[start:stop], self.quotes[start:stop], windows, tokens, cues, sums, extra)


class Stretch:
    """One zh/en stretch to align (a whole document pair or a paragraph group) and its search band.

    Each signal keeps what it precomputes over the band in ``state[signal.name]``.
    """

    def __init__(self, zh: SideData, en: SideData, band: Band):
        self.zh, self.en, self.band = zh, en, band
        self.state: dict[str, Any] = {}

    @property
    def n(self) -> int:
        return self.band.n

    @property
    def m(self) -> int:
        return self.band.m


class Cells:
    """Candidate beads of one type (a, b), given by their end cells (rows, cols), any array shape.

    ``r``/``c`` are the cells clipped into the grid (safe to index with);
    ``valid`` marks the cells that are real beads of this type. Band cells come
    row by row (``Band.row_cells``), which signals may use for speed.
    """

    def __init__(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray, n: int, m: int):
        self.a, self.b = a, b
        self.rows, self.cols = rows, cols
        self.n, self.m = n, m
        self.r = np.clip(rows, 0, n)
        self.c = np.clip(cols, 0, m)
        self.valid = (rows >= a) & (cols >= b) & (cols <= m)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.rows.shape

    @property
    def omission(self) -> bool:
        return self.a == 0 or self.b == 0

    @property
    def merge(self) -> bool:
        return self.a + self.b > 2

    @property
    def size(self) -> float:
        """Sentences covered per side, on average: evidence counted once per sentence (see ``sized``)."""
        return (self.a + self.b) / 2.0


class FeatureBlock:
    """Feature values of candidate beads, one float32 plane per feature name: ``block["cos"] = values``."""

    def __init__(self, names: tuple[str, ...], shape: tuple[int, ...]):
        self.names = names
        self.index = {name: k for k, name in enumerate(names)}
        self.values = np.zeros((len(names), *shape), dtype=np.float32)

    def __setitem__(self, name: str, value) -> None:
        self.values[self.index[name]] = value

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[self.index[name]]


class Signal:
    """One kind of evidence: a name, the features it contributes, and how to compute them.

    ``requires`` names side material the signal cannot do without (``"windows"``:
    sentence embeddings, present in the default mode only); without it the
    signal contributes nothing and its features stay 0.
    """

    name: ClassVar[str] = ""
    features: ClassVar[tuple[str, ...]] = ()
    requires: ClassVar[str | None] = None

    def available(self, stretch: Stretch) -> bool:
        if self.requires is None:
            return True
        return getattr(stretch.zh, self.requires) is not None and getattr(stretch.en, self.requires) is not None

    def prepare(self, stretch: Stretch) -> Any:
        """What this signal precomputes over the stretch's band (kept in ``stretch.state[self.name]``)."""
        return None

    def compute(self, stretch: Stretch, state: Any, cells: Cells, out: FeatureBlock) -> None:
        raise NotImplementedError

    def reason(self, features: dict[str, float]) -> str | None:
        """The reason code this signal gives a bead whose features are ``features`` (None: no reason)."""
        return None


def sized(cells: Cells, value: np.ndarray) -> np.ndarray:
    """The same evidence counted once per sentence covered: the path score then does not depend on how
    many beads it has (a 2-2 against 1-1 + 1-1 compares like with like)."""
    return cells.size * np.asarray(value, dtype=np.float32)


def prefix_sums(values: np.ndarray) -> np.ndarray:
    """``out[i]`` = sum of the first i values: a span's total is a difference of two entries."""
    return np.concatenate([[0.0], np.cumsum(values)])


def span_totals(prefix: np.ndarray, ends: np.ndarray, size: int, limit: int) -> np.ndarray:
    """Totals of the ``size`` items ending before each index of ``ends`` (clipped to 0..limit)."""
    return prefix[ends] - prefix[np.clip(ends - size, 0, limit)]
