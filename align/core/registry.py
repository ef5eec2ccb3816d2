"""Where a Bitext finds its file formats.

``Bitext.write``/``Bitext.read`` (and ``to_tmx``, ``read_jsonl``...) live in the
core, the formats in a layer above it. The formats layer installs its
registry here when it is imported (``import align`` does that), so the core
never imports it: imports point one way.
"""

from __future__ import annotations

import os
from typing import Any, Protocol


class BitextIO(Protocol):
    """What the formats layer offers (``align.formats``); ``Any`` stands for ``Bitext``, defined above this module."""

    def write_bitext(self, bitext: Any, path: str | os.PathLike, fmt: str | None = None, **options: Any) -> int: ...

    def read_bitext(self, path: str | os.PathLike, fmt: str | None = None, **options: Any) -> Any: ...

    def stream_bitext(self, path: str | os.PathLike, fmt: str | None = None, progress: Any = None) -> Any: ...


_installed: BitextIO | None = None


def install(io: BitextIO) -> None:
    global _installed
    _installed = io


def bitext_io() -> BitextIO:
    if _installed is None:
        raise RuntimeError("no file formats are registered: import align (it loads align.formats)")
    return _installed
