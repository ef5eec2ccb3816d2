"""Small pieces every command shares: console, JSON lines, one-line errors."""

from __future__ import annotations

import json
import sys
from typing import Any, Iterable

from rich.console import Console

console = Console()
err_console = Console(stderr=True)


def print_json_lines(rows: Iterable[dict[str, Any]]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def warn(message: str) -> None:
    err_console.print(f"[yellow]warning:[/yellow] {message}", highlight=False, soft_wrap=True)
