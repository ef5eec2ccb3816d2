"""Every setting that steers an alignment, in one explicit object that ``align()`` takes and the signature records.

>>> from align.aligner.settings import AlignSettings
>>> settings = AlignSettings(fast=True, paragraphs="no")
>>> align(zh, en, settings=settings)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from align.core.errors import UsageError

# Bead types the search considers: (zh sentences, en sentences). The model has one weight per type.
BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4), (4, 1), (2, 3), (3, 2), (1, 0), (0, 1),
)
PARAGRAPH_MODES = ("auto", "yes", "no")


@dataclass(frozen=True)
class AlignSettings:
    """How ``align()`` searches. Defaults are the ones the shipped model was fitted and measured with.

    ``fast``: no sentence embeddings. ``paragraphs``: ``auto`` aligns paragraphs
    first when both sides have several and keeps the boundaries a first
    sentence pass runs through; ``yes`` keeps every aligned boundary (the
    user vouches that paragraphs correspond); ``no`` ignores paragraphs.
    ``full_grid_cells``: below this many DP cells the whole grid is searched;
    above it a band of ``anchor_half_width`` sentences either side of the path
    found by aligning blocks of ``coarse_block`` sentences first
    (``search.anchors``). ``reestimate``: a first pass, then a
    translation table learned from it, then the final pass within
    ``second_pass_half_width`` of the first path. A document scoring below
    ``not_a_translation`` (share of sentences in beads that beat their
    neighbours by ``contrast_min``) is reported as not a translation, and its
    beads keep a confidence above 0.5 only when their contrast reaches
    ``genuine_contrast``. A pair of more than ``chunk_above`` sentences (both
    sides) is aligned in chunks of about ``chunk_sentences`` (``long``), so
    that memory stays flat.
    """

    fast: bool = False
    paragraphs: str = "auto"
    bead_types: tuple[tuple[int, int], ...] = BEAD_TYPES
    full_grid_cells: int = 30_000
    coarse_block: int = 16
    anchor_half_width: int = 30
    reestimate: bool = True
    second_pass_half_width: int = 12
    not_a_translation: float | None = None  # None: 0.35 with embeddings, 0.25 without (measured, see contrast)
    contrast_min: float = 0.05
    genuine_contrast: float = 0.15
    chunk_above: int = 16_000
    chunk_sentences: int = 8_000

    def __post_init__(self) -> None:
        if self.paragraphs not in PARAGRAPH_MODES:
            raise UsageError(f"paragraphs must be one of {', '.join(PARAGRAPH_MODES)}, got {self.paragraphs!r}")
        unknown = [t for t in self.bead_types if tuple(t) not in BEAD_TYPES]
        if unknown:
            raise UsageError(f"bead types {unknown} have no fitted weight; choose among {list(BEAD_TYPES)}")
        if (1, 1) not in self.bead_types:
            raise UsageError("bead types must include (1, 1)")
        for name in ("full_grid_cells", "coarse_block", "anchor_half_width", "second_pass_half_width", "chunk_sentences"):
            if getattr(self, name) < 1:
                raise UsageError(f"{name} must be at least 1")
        if self.chunk_above < self.chunk_sentences:
            raise UsageError("chunk_above must be at least chunk_sentences")

    @property
    def mode(self) -> str:
        return "fast" if self.fast else "embed"

    @property
    def document_threshold(self) -> float:
        if self.not_a_translation is not None:
            return self.not_a_translation
        return 0.25 if self.fast else 0.35

    def with_(self, **changes) -> AlignSettings:
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise UsageError(f"unknown alignment setting(s): {', '.join(unknown)}")
        return replace(self, **changes)

    def describe(self) -> dict[str, str]:
        """The settings as short strings, for the signature (defaults included: a signature is complete)."""
        out = {}
        for key, value in asdict(self).items():
            if key == "bead_types":
                value = ",".join(f"{a}-{b}" for a, b in value)
            elif key == "not_a_translation":
                value = self.document_threshold
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            out[key.replace("_", "-")] = str(value)
        return out
