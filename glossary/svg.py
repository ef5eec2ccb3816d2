"""Small inline SVG charts for the consistency report page: horizontal bars, a stacked bar, a histogram.

Plain SVG text, no script, no external resource; every label is XML-escaped.
Sizes are in CSS pixels; the charts scale with the page (``viewBox``).
"""

from __future__ import annotations

from html import escape
from typing import Sequence

PALETTE = {
    "approved": "#1a7f37", "variant": "#4ac26b", "wrong-case": "#d4a72c", "forbidden": "#cf222e", "other-concept": "#8250df",
    "unlisted": "#0969da", "partial": "#54aeff", "none": "#afb8c1",
}
DEFAULT = "#6e7781"


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def bars(items: Sequence[tuple[str, float, str]], width: int = 640, label_width: int = 220, row: int = 22,
         unit: str = "") -> str:
    """Horizontal bars: ``(label, value, colour)`` each; the value is written at the bar's end."""
    if not items:
        return ""
    top = max(value for _, value, _ in items) or 1
    span = width - label_width - 60
    parts = [f'<svg class="chart" viewBox="0 0 {width} {row * len(items) + 4}" width="{width}" role="img">']
    for k, (label, value, colour) in enumerate(items):
        y = k * row + 2
        length = max(1.0, span * value / top) if value else 0
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row * 0.68:.1f}" text-anchor="end">{_text(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 7}" fill="{colour or DEFAULT}">'
            f"<title>{_text(label)}: {_text(_number(value))}{unit}</title></rect>"
            f'<text x="{label_width + length + 4:.1f}" y="{y + row * 0.68:.1f}">{_text(_number(value))}{unit}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked(parts_of: Sequence[tuple[str, int, str]], width: int = 420, height: int = 16) -> str:
    """One bar split into ``(label, count, colour)`` parts in proportion (how one term was rendered)."""
    total = sum(count for _, count, _ in parts_of)
    if not total:
        return ""
    out = [f'<svg class="stack" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">']
    x = 0.0
    for label, count, colour in parts_of:
        share = width * count / total
        out.append(f'<rect x="{x:.1f}" y="0" width="{share:.1f}" height="{height}" fill="{colour or DEFAULT}">'
                   f"<title>{_text(label)}: {count} ({100 * count / total:.0f}%)</title></rect>")
        x += share
    out.append("</svg>")
    return "".join(out)


def histogram(counts: Sequence[int], edges: Sequence[float], colours: Sequence[str], width: int = 640, height: int = 180) -> str:
    """Vertical bars over ``len(counts)`` bins between ``edges`` (len(counts) + 1), counts written above."""
    if not counts or not any(counts):
        return ""
    top = max(counts)
    bottom, left = 22, 8
    slot = (width - 2 * left) / len(counts)
    usable = height - bottom - 16
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" role="img">']
    for k, count in enumerate(counts):
        bar = usable * count / top
        x = left + k * slot
        out.append(
            f'<rect x="{x + 2:.1f}" y="{height - bottom - bar:.1f}" width="{slot - 4:.1f}" height="{bar:.1f}" fill="{colours[k]}">'
            f"<title>{edges[k]:g}–{edges[k + 1]:g}: {count}</title></rect>"
            f'<text x="{x + slot / 2:.1f}" y="{height - bottom - bar - 3:.1f}" text-anchor="middle">{count}</text>'
            f'<text x="{x + slot / 2:.1f}" y="{height - 6}" text-anchor="middle">{edges[k]:g}–{edges[k + 1]:g}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
