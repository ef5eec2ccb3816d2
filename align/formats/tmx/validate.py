"""Validation against the TMX 1.4 DTD shipped in ``align/formats/data/tmx14.dtd``."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from lxml import etree


def dtd_path() -> Path:
    return Path(str(resources.files("align.formats") / "data" / "tmx14.dtd"))


def validate_tmx(path: str | os.PathLike) -> list[str]:
    """DTD errors of a TMX file (empty list = valid TMX 1.4)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as error:
        return [f"line {error.lineno}: {error.msg}"]
    with open(dtd_path(), "rb") as handle:
        dtd = etree.DTD(handle)
    if dtd.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in dtd.error_log.filter_from_errors()]
