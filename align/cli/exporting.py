"""Commands: exporting (being written)."""

from .app import app  # noqa: F401
