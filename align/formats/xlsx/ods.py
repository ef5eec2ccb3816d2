"""The review sheet as OpenDocument (.ods): the same tables as the XLSX, without colours or print layout."""

from __future__ import annotations

import io
import os

from align.core.atomic import atomic_open
from align.core.bitext import Bitext
from align.formats.xlsx.write import ABOUT, SHEET, review_frames


def write_ods(bitext: Bitext, path: str | os.PathLike, force: bool = False) -> int:
    import pandas as pd

    frame, about, beads = review_frames(bitext)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="odf") as writer:
        frame.to_excel(writer, sheet_name=SHEET, index=False)
        about.to_excel(writer, sheet_name=ABOUT, index=False)
    with atomic_open(path, "wb", force=force) as handle:
        handle.write(buffer.getvalue())
    return len(beads)
