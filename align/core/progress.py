"""The one progress shape of the library: ``progress(stage, done, total)``.

``stage`` names the work under way (shown to the user as is), ``done`` counts
the units finished and ``total`` all the units of that work, so a caller can
draw a bar without knowing what a unit is. The aligner, mining, the glossary
checks, consistency scoring and the main job all report this way.
"""

from __future__ import annotations

from typing import Callable

Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The progress callback of a caller that does not watch."""
