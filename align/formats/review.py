"""Back from review: a reviewed XLSX sheet turned into any bitext format."""

from __future__ import annotations

import os
from typing import Any

from align.formats.registry import check_targets, format_for, write_bitext
from align.formats.xlsx import read_review


def import_review(
    review: str | os.PathLike, target: str | os.PathLike, fmt: str | None = None, force: bool = False, **options: Any
) -> dict[str, int]:
    """Turn a reviewed XLSX sheet into ``target`` (TMX, JSONL, ...); returns the review's counts.

    The rows a reviewer kept are vouched for: a TMX keeps them whatever the aligner's
    confidence (``min_confidence`` 0 unless given); one-sided rows still stay out of a TMX.
    """
    target_fmt = format_for(target, fmt)
    check_targets(target, target_fmt, force)
    options.setdefault("min_confidence", 0.0)
    bitext, summary = read_review(review)
    summary["written"] = write_bitext(bitext, target, target_fmt, force, **options)
    return dict(summary)
