"""The ledger of an output folder: which files bitext wrote there, and how each task in it last ran.

``bitext build`` and ``bitext align`` in batch mode keep one ledger per output
folder, ``.bitext-ledger``. It makes re-runs safe and cheap:

- **Never clobber a user's file.** An existing output is replaced only when its
  sha256 is one the ledger recorded (bitext wrote it and nobody edited it since);
  anything else needs ``force`` (:class:`OutputExistsError`, exit code 3).
- **Skip what is done.** A task (one document pair) records the hashes of its
  inputs, the signature of the settings and the hash of every output; a re-run
  whose facts are all unchanged, with every output still on disk as written, does
  nothing (:meth:`Ledger.fresh`). A failed task is recorded as failed: it runs again.
- **Rewrite nothing that would not change.** A new output with the bytes already
  on disk is not written (its modification time stays).

The ledger is a journal in JSON Lines (no ``.jsonl`` extension, so that it is
never taken for a JSONL output): a header line, then one record per line, appended
and flushed to disk (``fsync``) as each file is written and as each task
finishes; a later record overrides an earlier one. A run killed half-way leaves
at most a partial last line, which is ignored, so the pairs finished before
the kill are known. Before an output is replaced, its new hash is recorded as
``pending`` (accepted as well as the old one), so a kill between the record
and the rename never makes the file look edited. Loading compacts a journal
that grew much longer than its content (atomic rewrite). One run at a time
per folder. Appending keeps the cost of a record constant, however many pairs
the folder holds.

Records: ``{"file": "001.tmx", "sha256": "…"}`` (``"pending": true`` while it
is being replaced) and ``{"task": "001.tmx", "status": "ok", …facts…,
"outputs": {"001.tmx": "…"}}``. The ledger of older builds
(``.bitext-build.json``, file -> hash) is read and folded in.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable

from align.core.atomic import atomic_open, atomic_path
from align.core.errors import OutputExistsError

LEDGER = ".bitext-ledger"
LEGACY = ".bitext-build.json"
HEADER = {"ledger": "bitext", "version": 1}


def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bytes_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Unchanged(Exception):
    """The new output has the bytes already on disk: keep the file as it is."""


class Ledger:
    """The ledger of ``folder`` (created on the first record)."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.path = self.folder / LEDGER
        self.files: dict[str, set[str]] = {}  # output (relative path) -> hashes bitext wrote and nobody changed
        self.tasks: dict[str, dict[str, Any]] = {}
        self._lines = 0
        self._load()

    # ------------------------------------------------------------ reading
    def _load(self) -> None:
        cut = False  # a last line cut short: appending after it would spoil the next record
        if self.path.is_file():
            with self.path.open(encoding="utf-8", errors="replace", newline="\n") as handle:
                for line in handle:
                    self._lines += 1
                    cut = not line.endswith("\n")
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue  # a line cut short by a kill
                    if isinstance(record, dict):
                        self._apply(record)
        legacy = self.folder / LEGACY
        if legacy.is_file():
            try:
                hashes = json.loads(legacy.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                hashes = {}
            for relative, digest in hashes.items() if isinstance(hashes, dict) else ():
                self.files.setdefault(str(relative), set()).add(str(digest))
        if cut or legacy.is_file() or self._lines > 2 * (len(self.files) + len(self.tasks)) + 64:
            self.compact()

    def _apply(self, record: dict[str, Any]) -> None:
        if isinstance(record.get("file"), str) and isinstance(record.get("sha256"), str):
            if record.get("pending"):
                self.files.setdefault(record["file"], set()).add(record["sha256"])
            else:
                self.files[record["file"]] = {record["sha256"]}
        elif isinstance(record.get("task"), str):
            self.tasks[record["task"]] = record

    def accepts(self, relative: str) -> bool:
        """True if ``relative`` is missing or holds bytes bitext wrote there (not edited since)."""
        target = self.folder / relative
        if not target.exists():
            return True
        return target.is_file() and file_sha256(target) in self.files.get(relative, ())

    def check(self, relative: str, force: bool) -> None:
        """Refuse (OutputExistsError) an existing output that bitext did not write or that was edited since."""
        if not force and not self.accepts(relative):
            raise OutputExistsError(
                f"{self.folder / relative} exists and was not written by bitext here (or was edited since); use --force to replace it"
            )

    def task(self, key: str) -> dict[str, Any] | None:
        return self.tasks.get(key)

    def fresh(self, key: str, facts: dict[str, Any]) -> dict[str, Any] | None:
        """The record of task ``key`` if it succeeded with these ``facts`` and its outputs are on disk as written."""
        record = self.tasks.get(key)
        if record is None or record.get("status") != "ok" or not record.get("outputs"):
            return None
        if any(record.get(name) != value for name, value in facts.items()):
            return None
        for relative, digest in record["outputs"].items():
            target = self.folder / relative
            if not target.is_file() or file_sha256(target) != digest:
                return None
        return record

    # ------------------------------------------------------------ writing
    def put(self, relative: str, data: bytes, force: bool = False) -> bool:
        """Write ``data`` to ``relative`` atomically; False (and no write) when the file already holds it."""
        target = self.folder / relative
        digest = bytes_sha256(data)
        current = file_sha256(target) if target.is_file() else None
        if current == digest:
            self._known(relative, digest)
            return False
        self.check(relative, force)
        self._record({"file": relative, "sha256": digest, "pending": True})
        target.parent.mkdir(parents=True, exist_ok=True)  # the ledger's folder is bitext's to fill (atomic_open creates none)
        with atomic_open(target, "wb", force=True) as handle:
            handle.write(data)
        self._record({"file": relative, "sha256": digest})
        return True

    def write(self, relative: str, writer: Callable[[Path], None], force: bool = False) -> bool:
        """Call ``writer(path)`` on a temporary file beside the output, then put it in place as :meth:`put` does.

        ``writer`` must accept an existing path (format writers: ``force=True``).
        """
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        current = file_sha256(target) if target.is_file() else None
        digest = ""
        try:
            with atomic_path(target, force=True) as tmp:
                writer(tmp)
                digest = file_sha256(tmp)
                if digest == current:
                    raise _Unchanged
                self.check(relative, force)
                self._record({"file": relative, "sha256": digest, "pending": True})
        except _Unchanged:
            self._known(relative, digest)
            return False
        self._record({"file": relative, "sha256": digest})
        return True

    def finish(self, key: str, record: dict[str, Any]) -> None:
        """Record how task ``key`` ended (``status``, its facts, ``outputs``: relative path -> sha256)."""
        self._record({"task": key, **record})

    def _known(self, relative: str, digest: str) -> None:
        if self.files.get(relative) != {digest}:
            self._record({"file": relative, "sha256": digest})

    def _record(self, record: dict[str, Any]) -> None:
        self._apply(record)
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.path.is_file():
            self.compact()
            return
        line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
        with self.path.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        self._lines += 1

    def compact(self) -> None:
        """Rewrite the journal atomically as its content: one line per file hash and per task."""
        lines = [HEADER]
        for relative in sorted(self.files):
            hashes = sorted(self.files[relative])
            lines += [{"file": relative, "sha256": hashes[0]}]
            lines += [{"file": relative, "sha256": digest, "pending": True} for digest in hashes[1:]]
        lines += [self.tasks[key] for key in sorted(self.tasks)]
        self.folder.mkdir(parents=True, exist_ok=True)
        with atomic_open(self.path, "w", force=True, newline="\n") as handle:
            for record in lines:
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        self._lines = len(lines)
        legacy = self.folder / LEGACY
        if legacy.is_file():
            legacy.unlink()
