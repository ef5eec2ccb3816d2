"""The two ways to review a bitext file: the static page, and the editor's server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from align.core.atomic import check_writable
from align.core.bitext import Bead
from align.formats.html import write_html
from align.formats.registry import read_bitext
from align.review.server import ReviewServer
from align.review.session import ReviewSession, default_output


def glossary_checker(termbase: Any) -> Callable[[Bead, int], list[dict[str, str]]]:
    """Glossary findings of one bead, as dicts (``glossary.check_pair``)."""
    from glossary.checks import check_pair

    return lambda bead, number: [f.to_dict() for f in check_pair(bead.id or str(number), bead.zh_text, bead.en_text, termbase)]


def review_page(source: str | os.PathLike, target: str | os.PathLike, force: bool = False, termbase: Any = None,
                fmt: str | None = None, bands: tuple[float, float] = (0.5, 0.9), title: str | None = None) -> int:
    """Write the static review page of the bitext in ``source``; glossary findings highlighted when ``termbase`` is given."""
    check_writable(target, force)
    bitext = read_bitext(source, fmt)
    findings = []
    if termbase is not None:
        from glossary.checks import check

        findings = check(bitext, termbase)
    return write_html(bitext, target, force=force, bands=bands, findings=findings, title=title)


def open_editor(source: str | os.PathLike, output: str | os.PathLike | None = None, force: bool = False, termbase: Any = None,
                fmt: str | None = None, port: int = 0, bands: tuple[float, float] = (0.5, 0.9)) -> ReviewServer:
    """A listening (not yet serving) editor for ``source``; saves go to ``output`` (default ``NAME.reviewed.EXT``)."""
    source = Path(source)
    target = Path(output) if output is not None else default_output(source)
    if target.resolve() == source.resolve():
        from align.core.errors import UsageError

        raise UsageError(f"{target} is the input; choose another output with -o (the input is never overwritten)")
    bitext = read_bitext(source, fmt)
    checker = glossary_checker(termbase) if termbase is not None else None
    session = ReviewSession(bitext, target, force=force, checker=checker)
    return ReviewServer(session, port=port, bands=bands, title=f"Review: {source.name}")
