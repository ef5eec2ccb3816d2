"""A number found in a text: its value, span, and whether it was written with Arabic digits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Number:
    value: float
    start: int
    end: int
    text: str
    digits: bool  # written with Arabic digits (strong evidence)
    percent: bool = False
