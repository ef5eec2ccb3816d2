"""The corpus manifest: which documents there are and how they relate."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from align.core.errors import InputError

REQUIRED = ("file", "lang", "script", "title", "date", "source", "relation", "related_to")
RELATIONS = ("translation", "comparable", "none")


@dataclass(frozen=True)
class CorpusEntry:
    path: Path
    lang: str
    script: str
    title: str
    date: str
    source: str
    relation: str
    related_to: tuple[str, ...]
    author: str = ""
    note: str = ""

    @property
    def name(self) -> str:
        return self.path.name


def read_manifest(folder: str | Path) -> list[CorpusEntry]:
    """Read ``manifest.csv`` in ``folder``; every listed file must exist."""
    folder = Path(folder)
    manifest = folder / "manifest.csv"
    if not manifest.is_file():
        raise InputError(f"{manifest}: no corpus manifest (manifest.csv with columns {', '.join(REQUIRED)})")
    with manifest.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{manifest}: missing column(s) {', '.join(missing)}")
        entries = [_entry(folder, manifest, number, row) for number, row in enumerate(reader, start=2)]
    names = {e.name for e in entries}
    for entry in entries:
        for other in entry.related_to:
            if other not in names:
                raise InputError(f"{manifest}: {entry.name} relates to {other}, which is not in the manifest")
    return entries


def _entry(folder: Path, manifest: Path, line: int, row: dict[str, str]) -> CorpusEntry:
    path = folder / row["file"].strip()
    if not path.is_file():
        raise InputError(f"{manifest}:{line}: file {row['file']} not found in {folder}")
    lang = row["lang"].strip()
    if lang not in ("zh", "en"):
        raise InputError(f"{manifest}:{line}: lang must be zh or en, not {lang!r}")
    relation = (row["relation"] or "none").strip()
    if relation not in RELATIONS:
        raise InputError(f"{manifest}:{line}: relation must be one of {', '.join(RELATIONS)}, not {relation!r}")
    related = tuple(part.strip() for part in (row["related_to"] or "").split(";") if part.strip())
    if relation != "none" and not related:
        raise InputError(f"{manifest}:{line}: relation {relation} needs related_to")
    return CorpusEntry(
        path=path,
        lang=lang,
        script=row["script"].strip(),
        title=row["title"].strip(),
        date=row["date"].strip(),
        source=row["source"].strip(),
        relation=relation,
        related_to=related,
        author=(row.get("author") or "").strip(),
        note=(row.get("note") or "").strip(),
    )
