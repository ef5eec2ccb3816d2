"""Concept: one glossary entry with Chinese forms and approved, allowed and forbidden English renderings.

A concept is what a terminologist manages: 产业互联网 (traditional 產業互聯網,
derived with OpenCC unless given) is rendered "industrial Internet", exactly in
that case; "Industrial Internet" is another concept (工业互联网) and "my country"
is never right for 我国. ``COLUMNS`` is the row every file format reads and writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from align.core.errors import InputError

CASE_RULES = ("exact", "insensitive")
# one row per concept in CSV/XLSX; TSV keeps OmegaT's three columns first
COLUMNS = ("zh", "en", "note", "variants", "forbidden", "case", "pos", "domain", "origin", "id", "traditional")
SEPARATOR = " | "


def split_cell(value: object) -> tuple[str, ...]:
    """A multi-valued cell (``a | b``) as a tuple; empty cells give ()."""
    if value is None:
        return ()
    text = str(value).strip()
    if not text:
        return ()
    return tuple(part.strip() for part in text.split("|") if part.strip())


def join_cell(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


@dataclass(frozen=True)
class Concept:
    """One glossary entry.

    ``zh``: Chinese forms as written by the terminologist (preferred first);
    ``en``: approved renderings (preferred first); ``variants``: also accepted;
    ``forbidden``: renderings that are wrong for this concept; ``case``:
    ``exact`` (the rendering's capitals matter) or ``insensitive``; ``origin``:
    where the rendering comes from (a seed document, an official usage).
    """

    zh: tuple[str, ...]
    en: tuple[str, ...]
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    case: str = "auto"
    pos: str = ""
    domain: str = ""
    note: str = ""
    origin: str = ""
    id: str = ""
    traditional: tuple[str, ...] = field(default=())  # given traditional forms; derived when empty

    def __post_init__(self) -> None:
        for name in ("zh", "en", "variants", "forbidden", "traditional"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, split_cell(value))
            else:
                object.__setattr__(self, name, tuple(v.strip() for v in value if v and v.strip()))
        if not self.zh:
            raise InputError(f"concept {self.id or self.en[:1]}: no Chinese form")
        if not self.en:
            raise InputError(f"concept {self.id or self.zh[0]}: no approved English rendering")
        case = (self.case or "auto").strip().lower()
        if case == "auto":
            # a capital anywhere but the first letter ("industrial Internet", "IaaS", "5G") is meant
            case = "exact" if any(any(c.isupper() for c in r[1:]) or r[:1].isupper() for r in self.en) else "insensitive"
        if case not in CASE_RULES:
            raise InputError(f"concept {self.id or self.zh[0]}: case rule must be exact or insensitive, not {self.case!r}")
        object.__setattr__(self, "case", case)

    @property
    def term(self) -> str:
        """The preferred Chinese form, used to name the concept in findings."""
        return self.zh[0]

    @property
    def rendering(self) -> str:
        return self.en[0]

    @property
    def traditional_forms(self) -> tuple[str, ...]:
        if self.traditional:
            return self.traditional
        from align.core.normalize import to_traditional

        derived = []
        for form in self.zh:
            trad = to_traditional(form)
            if trad not in self.zh and trad not in derived:
                derived.append(trad)
        return tuple(derived)

    def to_row(self) -> dict[str, str]:
        return {
            "zh": join_cell(self.zh),
            "en": join_cell(self.en),
            "note": self.note,
            "variants": join_cell(self.variants),
            "forbidden": join_cell(self.forbidden),
            "case": self.case,
            "pos": self.pos,
            "domain": self.domain,
            "origin": self.origin,
            "id": self.id,
            "traditional": join_cell(self.traditional),
        }

    @classmethod
    def from_row(cls, row: dict[str, object], where: str = "") -> Concept:
        clean = {k: ("" if v is None else str(v)) for k, v in row.items() if k in COLUMNS}
        if not split_cell(clean.get("zh")):
            raise InputError(f"{where}: the Chinese term (zh column) is empty")
        if not split_cell(clean.get("en")):
            raise InputError(f"{where}: the English rendering (en column) is empty")
        try:
            return cls(**{k: v for k, v in clean.items()})
        except InputError as error:
            raise InputError(f"{where}: {error}") from None
