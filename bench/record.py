"""Where the bench scripts put their figures: one JSON file per script and mode in ``bench/results/``.

    from record import save
    save("mac_dev", "fast", {"overall": ..., "wall_seconds": 7.2}, signature=bitext.signature)
    # -> bench/results/mac_dev.fast.json

Each file holds the command that produced it (as typed, relative to the
repository), the date, the machine's core count, the signature of the run if
there is one, and every figure the script prints (``figures``).
``bench/readme_figures.py`` builds the README's figure table from these files,
so the README never carries a number typed by hand.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def command() -> str:
    """How the running script was started, as the README gives it: ``python bench/x.py --flag``."""
    script = Path(sys.argv[0]).resolve()
    try:
        script_text = script.relative_to(ROOT).as_posix()
    except ValueError:
        script_text = str(script)
    return shlex.join(["python", script_text, *sys.argv[1:]])


def result_path(name: str, mode: str | None = None, results: Path = RESULTS) -> Path:
    return results / (f"{name}.{mode}.json" if mode else f"{name}.json")


def save(name: str, mode: str | None, figures: Mapping, signature: Mapping | str | None = None,
         results: Path = RESULTS) -> Path:
    """Write ``bench/results/NAME.MODE.json`` (``NAME.json`` without a mode) and say so on stderr."""
    if isinstance(signature, Mapping):
        signature = "|".join(f"{key}:{value}" for key, value in signature.items())
    record = {
        "script": f"bench/{name}.py" if (ROOT / "bench" / f"{name}.py").exists() else None,
        "mode": mode,
        "command": command(),
        "date": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "signature": signature or None,
        "figures": figures,
    }
    path = result_path(name, mode, results)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(record, indent=1, ensure_ascii=False, default=_plain) + "\n", encoding="utf-8")
    temporary.replace(path)
    print(f"figures written to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", file=sys.stderr)
    return path


def load(name: str, mode: str | None = None, results: Path = RESULTS) -> dict | None:
    path = result_path(name, mode, results)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _plain(value):
    """numpy scalars and arrays, Counters, sets: as JSON knows them."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
