"""One build at a time per exports folder: ``exports/.bitext-lock``.

Two builds writing one folder would interleave their ledger records and
outputs. The lock file holds the pid, host and start time of the build that
holds it, so the refusal names who has it. Where the system has ``flock``
(Linux, macOS) the kernel releases the lock when its process ends, however it
ends: a lock left by a killed build is stale and simply taken over. Elsewhere
the file is created exclusively, and a file whose pid no longer runs on this
host is stale and replaced.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from pathlib import Path
from typing import Any, Iterator

from align.core.errors import FolderBusyError, InputError

LOCK = ".bitext-lock"

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def exports_lock(folder: str | os.PathLike) -> Iterator[Path]:
    """Hold the lock of ``folder`` for the duration of the block; FolderBusyError (exit 3) if another build holds it.

    InputError (exit 2) when ``folder`` cannot be created or written.
    """
    folder = Path(folder)
    path = folder / LOCK
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o644))
    except OSError as error:  # before any work: a folder that cannot be written is a one-line error
        raise InputError(f"{folder}: cannot write the exports there: {error.strerror or error}") from None
    if fcntl is not None:
        with _flocked(path):
            yield path
    else:  # pragma: no cover - Windows
        with _exclusive(path):
            yield path


def _holder() -> dict[str, Any]:
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def _refusal(path: Path, holder: dict[str, Any]) -> FolderBusyError:
    who = f"pid {holder.get('pid', '?')}"
    if holder.get("host") and holder.get("host") != socket.gethostname():
        who += f" on {holder['host']}"
    if holder.get("started"):
        who += f", started {holder['started']}"
    return FolderBusyError(
        f"{path.parent} is being written by another bitext build ({who}); wait for it to finish "
        f"(the lock {path.name} is released when that process ends)"
    )


def _read_holder(path: Path) -> dict[str, Any]:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


@contextlib.contextmanager
def _flocked(path: Path) -> Iterator[None]:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise _refusal(path, _read_holder(path)) from None
        # the holder before us may have removed the file after we opened it: then we locked a file nobody sees
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, (json.dumps(_holder()) + "\n").encode("utf-8"))
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still locked: a waiting build then opens a fresh file
        os.close(fd)


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:  # pragma: no cover - Windows
    for _ in range(2):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            holder = _read_holder(path)
            if holder.get("host") == socket.gethostname() and not _running(holder.get("pid")):
                with contextlib.suppress(OSError):
                    os.unlink(path)  # stale: the build that held it is gone
                continue
            raise _refusal(path, holder) from None
    else:
        raise _refusal(path, _read_holder(path))
    try:
        os.write(fd, (json.dumps(_holder()) + "\n").encode("utf-8"))
        os.close(fd)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _running(pid: Any) -> bool:  # pragma: no cover - Windows
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
