"""Bitext: an ordered list of beads pairing Chinese and English sentences.

A bead carries its texts, so a Bitext read back from TMX or JSONL is complete
without the Documents it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Iterator

from align.core.errors import InputError
from align.core.registry import bitext_io

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from align.core.document import Document


@dataclass(frozen=True)
class Bead:
    """``zh_ids``/``en_ids`` are sentence ids in their documents (empty side = omission).

    ``confidence`` is a calibrated probability that the bead is exactly right, or
    None when unknown (e.g. imported from a TMX without it). ``reasons`` are short
    codes: ``length``, ``lexical``, ``embedding``, ``numbers``, ``names``,
    ``merge``, ``omission``, ``anchor``, ``glossary``... ``meta`` holds free
    string properties (paragraph, document, review status, note). ``extra`` keeps
    what another tool wrote that bitext has no field for, JSON-shaped, by format
    (``extra["tmx"]``: a TMX unit's attributes, props, notes and per-language
    ``<tuv>`` details), so a memory read and written back loses none of it.
    """

    zh_ids: tuple[int, ...]
    en_ids: tuple[int, ...]
    zh_text: str
    en_text: str
    confidence: float | None = None
    reasons: tuple[str, ...] = ()
    id: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def kind(self) -> str:
        """Bead type as ``"zh-en"`` sentence counts, e.g. ``"1-2"`` or ``"1-0"``."""
        return f"{len(self.zh_ids)}-{len(self.en_ids)}"

    def with_(self, **changes: Any) -> Bead:
        return replace(self, **changes)


def _timing(side: str, doc: Document, ids) -> dict[str, str]:
    """A subtitle bead's time span, from its first cue's start to its last cue's end (``zh-start``...)."""
    if not ids:
        return {}
    first, last = doc.sentences[ids[0]].meta or {}, doc.sentences[ids[-1]].meta or {}
    timing = {}
    if "start" in first:
        timing[f"{side}-start"] = first["start"]
    if "end" in last:
        timing[f"{side}-end"] = last["end"]
    return timing


def _role(side: str, doc: Document, ids) -> dict[str, str]:
    """What the source format made of the bead's paragraph (``heading``, ``footnote``, ``table-row``), if anything."""
    if not ids:
        return {}
    number = doc.sentences[ids[0]].paragraph
    role = doc.paragraphs[number].role if 0 <= number < len(doc.paragraphs) and doc.paragraphs[number].id == number else ""
    return {f"{side}-role": role} if role else {}


@dataclass
class Bitext:
    beads: list[Bead] = field(default_factory=list)
    signature: dict[str, str] = field(default_factory=dict)
    zh_name: str = ""
    en_name: str = ""
    zh_lang: str = "zh-CN"
    en_lang: str = "en"
    document_score: float | None = None
    # facts about this alignment that are not settings (paragraphs used, words re-estimated): beside the signature
    details: dict[str, str] = field(default_factory=dict)
    # what another tool's file said that bitext has no field for (e.g. ``extra["tmx"]``: header attributes, props, notes)
    extra: dict[str, Any] = field(default_factory=dict)
    zh_doc: Document | None = field(default=None, repr=False, compare=False)
    en_doc: Document | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.beads)

    def __iter__(self) -> Iterator[Bead]:
        return iter(self.beads)

    def __getitem__(self, index: int) -> Bead:
        return self.beads[index]

    @classmethod
    def from_documents(
        cls,
        zh_doc: Document,
        en_doc: Document,
        pairs: list[tuple[tuple[int, ...], tuple[int, ...], float | None, tuple[str, ...]]],
        signature: dict[str, str] | None = None,
        document_score: float | None = None,
        details: dict[str, str] | None = None,
    ) -> Bitext:
        """Build beads from ``(zh_ids, en_ids, confidence, reasons)`` over two Documents."""
        beads = []
        for number, (zh_ids, en_ids, confidence, reasons) in enumerate(pairs, start=1):
            meta = {}
            if zh_ids:
                meta["zh-paragraph"] = str(zh_doc.sentences[zh_ids[0]].paragraph)
            if en_ids:
                meta["en-paragraph"] = str(en_doc.sentences[en_ids[0]].paragraph)
            meta.update(_timing("zh", zh_doc, zh_ids))
            meta.update(_timing("en", en_doc, en_ids))
            meta.update(_role("zh", zh_doc, zh_ids))
            meta.update(_role("en", en_doc, en_ids))
            beads.append(
                Bead(
                    zh_ids=tuple(zh_ids),
                    en_ids=tuple(en_ids),
                    zh_text=zh_doc.join(zh_ids),
                    en_text=en_doc.join(en_ids),
                    confidence=confidence,
                    reasons=tuple(reasons),
                    id=str(number),
                    meta=meta,
                )
            )
        return cls(
            beads=beads,
            signature=dict(signature or {}),
            zh_name=zh_doc.name,
            en_name=en_doc.name,
            # CAT tools pick fonts and segmentation rules by region code; zh-TW is
            # the code they all know for traditional-script Chinese.
            zh_lang="zh-TW" if zh_doc.script == "Hant" else "zh-CN",
            document_score=document_score,
            details=dict(details or {}),
            zh_doc=zh_doc,
            en_doc=en_doc,
        )

    def filter(self, min_confidence: float | None = None, drop_omissions: bool = False) -> Bitext:
        """A new Bitext keeping beads at or above ``min_confidence`` (unknown confidence is kept)."""
        kept = [
            b
            for b in self.beads
            if (min_confidence is None or b.confidence is None or b.confidence >= min_confidence)
            and not (drop_omissions and (not b.zh_ids or not b.en_ids))
        ]
        return replace(self, beads=kept)

    def to_align_lines(self) -> list[str]:
        """The benchmark id format, one bead per line: ``[0,1]:[2]``."""
        return [f"[{','.join(map(str, b.zh_ids))}]:[{','.join(map(str, b.en_ids))}]" for b in self.beads]

    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(
            {
                "id": [b.id for b in self.beads],
                "zh_ids": [list(b.zh_ids) for b in self.beads],
                "en_ids": [list(b.en_ids) for b in self.beads],
                "zh": [b.zh_text for b in self.beads],
                "en": [b.en_text for b in self.beads],
                "confidence": [b.confidence for b in self.beads],
                "reasons": [" ".join(b.reasons) for b in self.beads],
            }
        )

    # --- IO, pandas style: every method delegates to the formats layer (see align.core.registry) ---
    # ``to_x(path, force=False, min_confidence=None, zh_output="original", **options)``;
    # ``Bitext.read_x(path)``. Outputs are atomic and never overwrite without ``force``.

    def write(self, path: str, fmt: str | None = None, **options: Any) -> int:
        """Write in the format named by ``fmt`` or the extension (.tmx .tsv .csv .xlsx .jsonl .align .html)."""
        return bitext_io().write_bitext(self, path, fmt, **options)

    @classmethod
    def read(cls, path: str, fmt: str | None = None, **options: Any) -> Bitext:
        """Read any format bitext writes (format from ``fmt`` or the extension)."""
        return bitext_io().read_bitext(path, fmt, **options)

    @classmethod
    def stream(cls, path: str, fmt: str | None = None, progress: Any = None) -> Bitext:
        """Like ``read``, but a TMX's beads stay on disk and stream on each pass (memory stays flat whatever its size)."""
        return bitext_io().stream_bitext(path, fmt, progress=progress)

    def to_tmx(self, path: str, **options: Any) -> int:
        return self.write(path, "tmx", **options)

    def to_tsv(self, path: str, **options: Any) -> int:
        return self.write(path, "tsv", **options)

    def to_csv(self, path: str, **options: Any) -> int:
        return self.write(path, "csv", **options)

    def to_xlsx(self, path: str, **options: Any) -> int:
        return self.write(path, "xlsx", **options)

    def to_moses(self, path: str, **options: Any) -> int:
        """``path`` is the prefix (or either file): writes ``path.zh`` and ``path.en``."""
        return self.write(path, "moses", **options)

    def to_jsonl(self, path: str, **options: Any) -> int:
        return self.write(path, "jsonl", **options)

    @classmethod
    def read_tmx(cls, path: str, **options: Any) -> Bitext:
        return cls.read(path, "tmx", **options)

    @classmethod
    def read_tsv(cls, path: str) -> Bitext:
        return cls.read(path, "tsv")

    @classmethod
    def read_csv(cls, path: str) -> Bitext:
        return cls.read(path, "csv")

    @classmethod
    def read_xlsx(cls, path: str) -> Bitext:
        return cls.read(path, "xlsx")

    @classmethod
    def read_moses(cls, path: str) -> Bitext:
        return cls.read(path, "moses")

    @classmethod
    def read_jsonl(cls, path: str) -> Bitext:
        return cls.read(path, "jsonl")


# The benchmark id notation, one bead per line: ``[0,1]:[2]`` (Chinese ids : English ids). Vecalign and
# Bertalign may add a cost, ``[0]:[0]:0.12``; it is read and ignored (a cost is not a probability).
_ALIGN_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*[-+0-9.eE]+\s*)?$")

IdPair = tuple[tuple[int, ...], tuple[int, ...]]


def parse_align_lines(lines, name: str = "<string>") -> list[IdPair]:
    """``[0,1]:[2]`` lines (blank lines skipped) as (zh ids, en ids) pairs."""
    beads = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        match = _ALIGN_LINE.match(line)
        if not match:
            raise InputError(f"{name}: line {number}: expected an alignment like [0,1]:[2], got {line.strip()[:60]!r}")
        beads.append(tuple(tuple(int(x) for x in side.replace(" ", ",").split(",") if x.strip()) for side in match.groups()))
    return beads
