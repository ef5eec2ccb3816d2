"""OmegaT glossary export: ``source⇥target⇥comment`` and nothing else, in a ``.txt`` file.

OmegaT 3.6 reads project glossaries named ``.txt``, ``.utf8`` or ``.tab``
(tab-separated, UTF-8 for ``.utf8``/``.txt`` here), takes the first three
columns of every line not starting with ``#``, and offers each target as a
suggestion. So this export has no header row, no comment lines and no extra
columns; what OmegaT has no place for goes in the comment: other approved
renderings (``also:``), allowed variants (``variants:``) and, so that a
translator sees them as wrong rather than as suggestions, forbidden renderings
(``forbidden:``) — never in the target column. A concept's further Chinese
forms get rows of their own whose comment is ``= preferred form``.

Reading such a file is the TSV reader's job (``glossary.formats.tsv``), which
reads these comment markers back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from align.core.atomic import atomic_open
from glossary.concept import Concept
from glossary.formats.omegat_comment import comment_of

EXTENSIONS = (".txt", ".utf8", ".tab")


def _clean(value: str) -> str:
    return " ".join(value.split())


def write(concepts: Sequence[Concept], path: Path, force: bool = False, name: str = "") -> None:
    with atomic_open(path, "w", force=force, encoding="utf-8", newline="\n") as out:
        for concept in concepts:
            out.write("\t".join(_clean(v) for v in (concept.zh[0], concept.en[0], comment_of(concept))).rstrip("\t") + "\n")
            for form in concept.zh[1:]:
                out.write("\t".join(_clean(v) for v in (form, concept.en[0], f"= {concept.zh[0]}")) + "\n")


def read(path: Path) -> list[Concept]:
    from glossary.formats.tsv import read as read_tsv

    return read_tsv(path)
