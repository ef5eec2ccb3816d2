"""The user's cache folder for resources that are slow to build from their wheels (dictionary tables, model arrays).

Every cache file is named by what shapes its content (versions, sizes, a
content hash), written atomically, and only an optimisation: a file that
cannot be read or written is reported once (``CacheWarning``) and the resource
is built from its wheel instead.
"""

from __future__ import annotations

import os
from pathlib import Path


class CacheWarning(UserWarning):
    """A cache file could not be read or written; the resource was built from its package instead."""


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bitext"
