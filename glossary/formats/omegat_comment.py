"""The comment column of the OmegaT export: a free note, then ``also:``, ``variants:`` and ``forbidden:`` renderings.

OmegaT shows the comment beside a match; what it has no column for travels here, and
``glossary.formats.tsv`` reads it back.
"""

from __future__ import annotations

from glossary.concept import Concept, join_cell, split_cell

MARKERS = {"also": "en", "variants": "variants", "forbidden": "forbidden"}
SEPARATOR = "; "


def comment_of(concept: Concept) -> str:
    parts = [concept.note.replace(";", ",")] if concept.note else []
    for marker, values in (("also", concept.en[1:]), ("variants", concept.variants), ("forbidden", concept.forbidden)):
        if values:
            parts.append(f"{marker}: {join_cell(values)}")
    return SEPARATOR.join(parts)


def parse_comment(comment: str) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The free note and the renderings the markers give (``also`` -> further approved renderings)."""
    note, found = [], {}
    for part in comment.split(SEPARATOR.strip()):
        part = part.strip()
        marker, _, rest = part.partition(":")
        if marker.strip().lower() in MARKERS and rest.strip():
            found[marker.strip().lower()] = split_cell(rest)
        elif part:
            note.append(part)
    return "; ".join(note), found
