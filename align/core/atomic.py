"""Atomic output: write beside the target, then rename into place.

A crash, a full disk or an exception half-way through leaves either the old
file or nothing, never a truncated output that a CAT tool would half-import.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator

from align.core.errors import InputError, OutputExistsError


def check_writable(path: str | os.PathLike, force: bool = False, create_folder: bool = False) -> Path:
    """Refuse, before any work, an output that could not be written: one line, exit 2 (3 when it exists).

    A folder given as the output, an existing file without ``force``, a folder that
    does not exist (created only when ``create_folder``: the commands whose design
    is to fill an output folder), a folder where no file can be created (read-only,
    no permission; tried, as ``os.access`` says yes to root on a read-only disk).
    """
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target}: is a folder; give the output's file name")
    if target.exists() and not force:
        raise OutputExistsError(f"{target} exists; use --force to overwrite it")
    folder = target.parent
    if not folder.exists():
        if create_folder:
            return target
        raise InputError(f"{target}: folder {folder} does not exist; create it first (bitext does not create it for one output)")
    if not folder.is_dir():
        raise InputError(f"{target}: {folder} is not a folder")
    _probe(folder, target)
    return target


def check_output_folder(folder: str | os.PathLike) -> Path:
    """Refuse, before any work, an output folder that could not be filled: not a folder, or a place where it or
    its files cannot be created. A missing folder is fine (the commands that take one create it)."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(f"{out}: {existing} is not a folder")
    _probe(existing, out)
    return out


def _probe(folder: Path, target: Path) -> None:
    """Create and remove a file in ``folder``: the one test a read-only disk, permissions and ACLs all answer."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".bitext-", suffix=".probe", dir=folder)
    except OSError as error:
        raise InputError(f"{target}: cannot write in {folder}: {error.strerror}") from None
    os.close(fd)
    os.unlink(probe)


def _umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux), else set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``path`` on success.

    The folder must exist (``check_writable``): an output folder is created by the
    commands meant to fill one (batch, build), never as a side effect of a typo.
    """
    target = check_writable(path, force)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    # mkstemp creates 0600; an output is for others too (a colleague, a web server): the user's umask decides
    os.chmod(tmp, 0o666 & ~_umask())
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike, mode: str = "w", force: bool = False, encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO]:
    """Open a temporary file for writing; it replaces ``path`` only if the block succeeds."""
    if "b" in mode:
        encoding = None
    with atomic_path(path, force) as tmp:
        with open(tmp, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
