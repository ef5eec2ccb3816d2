"""OmegaT glossary TSV: ``source⇥target⇥comment``, ``#`` comment lines, UTF-8.

OmegaT reads the first three columns and ignores the rest, so the fields it has
no place for ride in further columns named by a ``#`` header line. A concept
with several Chinese forms is written as one row per form sharing an id, so
OmegaT also finds 新基建 as well as 新型基础设施. A plain OmegaT file (no header)
reads as one concept per source term, repeated sources merging as synonyms;\na header row from another tool (source/target, zh/en, term/translation, language\ncodes) is recognised, and the comment markers of the OmegaT export\n(``glossary.formats.omegat``) are read back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from align.core.atomic import atomic_open
from align.core.errors import InputError
from glossary.concept import COLUMNS, Concept, join_cell, split_cell

HEADER_TAG = "# bitext glossary:"
EXTRA = ("id", "also", "variants", "forbidden", "case", "pos", "domain", "origin", "traditional")
TSV_COLUMNS = ("source", "target", "comment") + EXTRA


def _clean(value: str) -> str:
    # tabs and newlines would break the row; nothing legitimate in a term needs them
    return " ".join(value.split())


def write(concepts: Sequence[Concept], path: Path, force: bool = False, name: str = "") -> None:
    with atomic_open(path, "w", force=force, newline="\n") as out:
        out.write(f"{HEADER_TAG} " + "\t".join(TSV_COLUMNS) + "\n")
        out.write("# OmegaT reads source, target and comment; the other columns are bitext's.\n")
        for concept in concepts:
            row = concept.to_row()
            extra = {
                "id": concept.id,
                "also": join_cell(concept.en[1:]),
                "variants": row["variants"],
                "forbidden": row["forbidden"],
                "case": concept.case,
                "pos": concept.pos,
                "domain": concept.domain,
                "origin": concept.origin,
                "traditional": row["traditional"],
            }
            first = [concept.zh[0], concept.en[0], concept.note] + [extra[k] for k in EXTRA]
            out.write("\t".join(_clean(v) for v in first).rstrip("\t") + "\n")
            for form in concept.zh[1:]:
                out.write("\t".join(_clean(v) for v in (form, concept.en[0], f"= {concept.zh[0]}", concept.id)) + "\n")


_TSV_NAME = {"zh": "source", "en": "target", "note": "comment"}


def _table(path: Path) -> tuple[tuple[str, ...] | None, list[tuple[int, list[str]]]]:
    """The ``# bitext glossary:`` header if there is one, and the data lines (number, cells)."""
    from glossary.formats.text import read_text

    header: tuple[str, ...] | None = None
    lines = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if line.startswith(HEADER_TAG):
                header = tuple(c.strip() for c in line[len(HEADER_TAG):].strip().split("\t"))
                if header[:2] != ("source", "target"):
                    raise InputError(f"{path.name} line {number}: the {HEADER_TAG!r} header must begin with source, target")
            continue
        lines.append((number, line.split("\t")))
    return header, lines


def _names(header, lines, path: Path) -> tuple[tuple[str, ...], list[tuple[int, list[str]]], bool]:
    """Column names, the data lines, and whether the file is plain OmegaT (comment markers to read)."""
    from glossary.formats.columns import header_names, turned_round

    if header:
        return header, lines, False
    if lines:
        try:
            named = header_names(lines[0][1])
        except InputError as error:
            raise InputError(f"{path.name} line {lines[0][0]}: {error}") from None
        if named is not None:  # a header row from another tool: source/target, zh/en, term/translation...
            return tuple(_TSV_NAME.get(n, n) for n in named), lines[1:], False
    names = turned_round(["zh", "en", "note"], [cells for _, cells in lines], path.name)
    return tuple(_TSV_NAME[n] for n in names), lines, True


def read(path: Path) -> list[Concept]:
    from glossary.formats.omegat_comment import parse_comment

    header, lines = _table(path)
    names, lines, plain = _names(header, lines, path)
    groups: dict[str, dict] = {}
    order: list[str] = []
    for number, cells in lines:
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(names)}
        if not row.get("source") or not row.get("target"):
            raise InputError(f"{path.name} line {number}: needs a source term and a target term separated by a tab")
        comment = row.get("comment", "")
        if plain and comment.startswith("= ") and f"source:{comment[2:].strip()}" in groups:
            groups[f"source:{comment[2:].strip()}"]["zh"].append(row["source"])  # a further form (omegat export)
            continue
        if plain:
            row["comment"], markers = parse_comment(comment)
            row.update({"also": join_cell(markers.get("also", ())), "variants": join_cell(markers.get("variants", ())),
                        "forbidden": join_cell(markers.get("forbidden", ()))})
        key = row.get("id") or f"source:{row['source']}"
        if key not in groups:
            groups[key] = {"zh": [], "en": [], "row": row, "line": number}
            order.append(key)
        group = groups[key]
        if row["source"] not in group["zh"]:
            group["zh"].append(row["source"])
        if row.get("id") and group["row"] is not row:
            continue  # a further Chinese form of a concept already described
        for target in (row["target"],) + split_cell(row.get("also")):
            if target not in group["en"]:
                group["en"].append(target)
        if group["row"] is not row and row.get("comment") and row["comment"] not in group["row"].get("comment", ""):
            group["row"]["comment"] = "; ".join(filter(None, [group["row"].get("comment", ""), row["comment"]]))
    concepts = []
    for key in order:
        group = groups[key]
        row = group["row"]
        fields = {
            "zh": join_cell(group["zh"]),
            "en": join_cell(group["en"]),
            "note": row.get("comment", ""),
            **{k: row.get(k, "") for k in ("variants", "forbidden", "pos", "domain", "origin", "id", "traditional")},
            "case": row.get("case") or "auto",
        }
        concepts.append(Concept.from_row({k: v for k, v in fields.items() if k in COLUMNS}, f"{path.name} line {group['line']}"))
    return concepts
