"""A review session: the beads being corrected, undo/redo, the edit log and the saves, behind one lock.

Every change goes through :meth:`ReviewSession.apply` (or ``undo``/``redo``),
which answers with the smallest run of beads that changed (``start``, how many
old beads it ``remove``\\ s, the new ``beads``) so a page can update without
reloading 10,000 rows. ``version`` counts the changes; a caller that sends an
older version is refused, so two windows cannot overwrite each other's work.

:meth:`save` writes the corrected bitext to the output chosen when the session
began, in that file's format, plus a JSONL copy (``NAME.jsonl`` beside it,
unless the output is JSONL) that keeps everything, each atomically; then it
appends the edits made since the last save to ``NAME.edits.jsonl``. Saves and
edits share one lock, so a save writes a state no edit is halfway through and
no edit is lost between two saves. No path ever comes from a request.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from align.core.atomic import check_writable
from align.core.bitext import Bead, Bitext
from align.core.errors import InputError, UsageError
from align.formats.registry import format_for, write_bitext
from align.review import edits

OPERATIONS = {
    "merge": lambda beads, op: edits.merge(beads, _int(op, "index")),
    "split": lambda beads, op: edits.split(beads, _int(op, "index"), _int(op, "zh"), _int(op, "en")),
    "move": lambda beads, op: edits.move(beads, _int(op, "index"), str(op.get("side")), str(op.get("to"))),
    "mark": lambda beads, op: edits.mark(beads, _int(op, "index"), str(op.get("value") or "")),
    "note": lambda beads, op: edits.note(beads, _int(op, "index"), str(op.get("text") or "")),
}


UNDO_DEPTH = 1000  # edits that can be undone; each keeps one list of references to the beads (80 KB at 10,000 beads)


class StaleVersion(InputError):
    """The caller edited an older state than the session's (another window changed it)."""


def _int(op: dict[str, Any], key: str) -> int:
    value = op.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"edit {op.get('op')!r}: {key} must be a whole number, got {value!r}")
    return value


def default_output(source: Path) -> Path:
    """``x.tmx`` → ``x.reviewed.tmx``, beside the input."""
    return source.with_name(f"{source.stem}.reviewed{source.suffix}")


class ReviewSession:
    def __init__(self, bitext: Bitext, output: str | os.PathLike, force: bool = False,
                 checker: Callable[[Bead, int], list[dict[str, str]]] | None = None):
        edits.check_editable(bitext)
        self.output = Path(output).resolve()
        self.format = format_for(self.output)
        if self.format in ("html", "moses"):
            raise UsageError(f"{self.output}: the editor saves a bitext it can read back; use .tmx .jsonl .xlsx .tsv or .csv")
        self.jsonl = None if self.format == "jsonl" else self.output.with_suffix(".jsonl")
        self.log = self.output.with_name(f"{self.output.stem}.edits.jsonl")
        for path in filter(None, (self.output, self.jsonl)):
            check_writable(path, force)
        if not os.access(self.output.parent, os.W_OK):
            raise InputError(f"{self.output.parent}: cannot write there (read-only or no permission); choose another output with -o")
        self.bitext = bitext
        self.beads: list[Bead] = list(bitext.beads)
        self.checker = checker
        self.version = 0
        self.saved_version = 0
        self._undo: list[tuple[dict[str, Any], list[Bead]]] = []
        self._redo: list[tuple[dict[str, Any], list[Bead]]] = []
        self._pending: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    # --- changes ---
    def apply(self, op: dict[str, Any], version: int | None = None) -> dict[str, Any]:
        name = op.get("op")
        if name not in OPERATIONS:
            raise InputError(f"unknown edit {name!r}; one of {', '.join(OPERATIONS)}")
        with self._lock:
            self._check_version(version)
            before = self.beads
            after = OPERATIONS[name](before, op)
            self._undo.append((op, before))
            del self._undo[:-UNDO_DEPTH]
            self._redo.clear()
            return self._changed(before, after, {k: v for k, v in op.items() if k != "version"}, f"{name} done")

    def undo(self, version: int | None = None) -> dict[str, Any]:
        with self._lock:
            self._check_version(version)
            if not self._undo:
                raise InputError("nothing to undo")
            op, previous = self._undo.pop()
            self._redo.append((op, self.beads))
            return self._changed(self.beads, previous, {"op": "undo", "undid": op.get("op")}, f"undid {op.get('op')}")

    def redo(self, version: int | None = None) -> dict[str, Any]:
        with self._lock:
            self._check_version(version)
            if not self._redo:
                raise InputError("nothing to redo")
            op, following = self._redo.pop()
            self._undo.append((op, self.beads))
            return self._changed(self.beads, following, {"op": "redo", "redid": op.get("op")}, f"redid {op.get('op')}")

    def _check_version(self, version: int | None) -> None:
        if version is not None and version != self.version:
            raise StaleVersion(f"the bitext changed since this page loaded it (version {version}, now {self.version}); reload the page")

    def _changed(self, before: list[Bead], after: list[Bead], logged: dict[str, Any], message: str) -> dict[str, Any]:
        start = 0
        while start < min(len(before), len(after)) and before[start] is after[start]:
            start += 1
        end_before, end_after = len(before), len(after)
        while end_before > start and end_after > start and before[end_before - 1] is after[end_after - 1]:
            end_before -= 1
            end_after -= 1
        self.beads = after
        self.version += 1
        self._pending.append({"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "version": self.version, **logged})
        return {"start": start, "remove": end_before - start, "beads": after[start:end_after], "message": message,
                **self.state()}

    def state(self) -> dict[str, Any]:
        return {"version": self.version, "unsaved": self.version - self.saved_version if self._pending else 0,
                "undo": len(self._undo), "redo": len(self._redo), "total": len(self.beads)}

    def findings(self, bead: Bead, number: int) -> list[dict[str, str]]:
        return self.checker(bead, number) if self.checker else []

    # --- saving ---
    def current(self) -> Bitext:
        return replace(self.bitext, beads=list(self.beads))

    def save(self) -> dict[str, Any]:
        """Write the output (and its JSONL copy) atomically, then append the pending edits to the log."""
        with self._lock:
            bitext = self.current()
            written = []
            try:
                for path in filter(None, (self.output, self.jsonl)):
                    write_bitext(bitext, path, force=True)
                    written.append(str(path))
                with open(self.log, "a", encoding="utf-8") as log:
                    for entry in self._pending:
                        log.write(json.dumps(entry, ensure_ascii=False) + "\n")
                    log.flush()
                    os.fsync(log.fileno())
            except (OSError, InputError) as error:  # InputError: the output's folder is gone or is not a folder any more
                reason = error.strerror if isinstance(error, OSError) and error.strerror else error
                raise InputError(f"could not save to {self.output}: {reason}; the edits are still in this session") from None
            logged = len(self._pending)
            self._pending.clear()
            self.saved_version = self.version
            return {"saved": written, "log": str(self.log), "edits": logged, "message": f"saved {len(bitext.beads)} beads",
                    **self.state()}
