"""The consistency report as one self-contained HTML page (``bitext score ... --html``, and ``build``).

Overall figures, how each glossary term was rendered (a bar per term, split by
kind of rendering, with counts), one English rendering used for several
concepts, the same Chinese translated differently, the confidence histogram of
the beads, glossary findings by rule, the reviewer's marks (reviewed/rejected,
from ``bitext review --serve``), and BLEU/chrF/TER with their sacrebleu
signatures when there is a reference. Charts are inline SVG (``glossary/svg.py``);
no script, no network.
"""

from __future__ import annotations

import os
from collections import Counter
from html import escape
from typing import Any, Iterable

from align.core.atomic import atomic_open
from glossary import svg
from glossary.findings import RULES

BINS = 10
BAND_COLOURS = {"high": "#8fd19e", "medium": "#ffd866", "low": "#ff9aa8"}  # the review page's bands, a shade darker
_CSS = """
body { margin: 0 auto; max-width: 1100px; padding: 16px 24px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
       "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
table { border-collapse: collapse; } th, td { padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
th { color: #59636e; font-weight: 600; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; }
.figure { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px; }
.figure b { display: block; font-size: 20px; font-variant-numeric: tabular-nums; }
.figure span { color: #59636e; font-size: 12px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
svg.chart text { font-size: 12px; fill: #1f2328; } svg.stack { vertical-align: middle; }
.legend span { display: inline-block; margin-right: 12px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.muted { color: #59636e; }
"""


def _text(value: Any) -> str:
    return escape(str(value), quote=True)


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{100 * rate:.1f}%"


def confidence_histogram(confidences: Iterable[float | None], bands: tuple[float, float] = (0.5, 0.9)) -> str:
    values = [c for c in confidences if c is not None]
    counts = [0] * BINS
    for value in values:
        counts[min(BINS - 1, int(value * BINS))] += 1
    edges = [k / BINS for k in range(BINS + 1)]
    colours = [BAND_COLOURS["high" if edges[k] >= bands[1] else "medium" if edges[k] >= bands[0] else "low"] for k in range(BINS)]
    return svg.histogram(counts, edges, colours)


def render_report_page(report: dict[str, Any], beads: Iterable[Any] = (), title: str = "Consistency report",
                       bands: tuple[float, float] = (0.5, 0.9)) -> str:
    """The page for ``report`` (``ConsistencyReport.to_dict()``); ``beads`` (of the bitexts scored) give the confidence
    histogram and the reviewer's marks."""
    beads = list(beads)
    summary, rates = report["summary"], report["rates"]
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"bitext\">\n",
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{_text(title)}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n<h1>{_text(title)}</h1>\n",
        f"<p class=\"muted\">{_text(', '.join(report.get('bitexts') or []))}</p>\n",
        "<h2>Overall</h2>\n<div class=\"figures\">\n",
    ]
    figures = [
        ("consistency index", _percent(summary.get("consistency index")), "dominant rendering's share, all terms"),
        ("glossary adherence", _percent(rates["glossary_adherence"]["rate"]),
         f"{rates['glossary_adherence']['count']} of {rates['glossary_adherence']['of']} term occurrences"),
        ("number agreement", _percent(rates["number_agreement"]["rate"]),
         f"{rates['number_agreement']['count']} of {rates['number_agreement']['of']} beads with numbers"),
        ("untranslated", _percent(rates["untranslated"]["rate"]), f"{rates['untranslated']['count']} beads"),
        ("omitted", _percent(rates["omitted"]["rate"]), f"{rates['omitted']['count']} beads"),
        ("beads", summary["beads"], f"{summary['bitexts']} bitext(s)"),
        ("concepts found", summary["concepts found"], f"{summary['concepts with several renderings']} with several renderings"),
        ("shared renderings", summary["shared renderings"], "one English for several concepts"),
    ]
    marks = Counter((getattr(bead, "meta", {}) or {}).get("reviewed", "") for bead in beads)
    if beads:
        figures.append(("reviewed", marks.get("reviewed", 0), f"{marks.get('rejected', 0)} rejected, "
                        f"{len(beads) - marks.get('reviewed', 0) - marks.get('rejected', 0)} not yet"))
    for name, value, note in figures:
        parts.append(f"<div class=\"figure\"><span>{_text(name)}</span><b>{_text(value)}</b><span>{_text(note)}</span></div>\n")
    parts.append("</div>\n")
    parts.append(_terms(report.get("concepts") or []))
    parts.append(_shared(report.get("shared_renderings") or []))
    parts.append(_segments(report.get("segments") or []))
    if beads:
        parts.append("<h2>Confidence of the beads</h2>\n")
        chart = confidence_histogram((getattr(bead, "confidence", None) for bead in beads), bands)
        unknown = sum(1 for bead in beads if getattr(bead, "confidence", None) is None)
        parts.append(chart or "<p class=\"muted\">No bead has a confidence.</p>")
        if unknown:
            parts.append(f"<p class=\"muted\">{unknown} bead(s) without a confidence (edited, or from a file without it).</p>\n")
    parts.append(_findings(report.get("findings") or {}))
    parts.append(_reference(report.get("reference")))
    parts.append(f"<h2>Signature</h2>\n<p><code>{_text(report.get('signature') or '')}</code></p>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def _terms(concepts: list[dict]) -> str:
    if not concepts:
        return "<h2>Glossary terms</h2>\n<p class=\"muted\">No glossary term found in the Chinese.</p>\n"
    kinds = sorted({r["kind"] for c in concepts for r in c["renderings"]}, key=lambda k: list(svg.PALETTE).index(k) if k in svg.PALETTE else 99)
    legend = "".join(f"<span><i style=\"background:{svg.PALETTE.get(k, svg.DEFAULT)}\"></i>{_text(k)}</span>" for k in kinds)
    parts = [f"<h2>How each term was rendered</h2>\n<p class=\"legend\">{legend}</p>\n<table>\n"
             "<tr><th>Term</th><th>Approved</th><th>Index</th><th>Renderings</th><th></th></tr>\n"]
    for concept in sorted(concepts, key=lambda c: (c["index"] if c["index"] is not None else 2, -c["observations"])):
        renderings = sorted(concept["renderings"], key=lambda r: -r["count"])
        bar = svg.stacked([(f"{r['text'] or '(none)'} [{r['kind']}]", r["count"], svg.PALETTE.get(r["kind"], svg.DEFAULT)) for r in renderings])
        listed = "; ".join(f"{r['text'] or '(none)'} ×{r['count']}" for r in renderings)
        index = "—" if concept["index"] is None else f"{concept['index']:.2f}"
        parts.append(f"<tr><td>{_text(concept['term'])}</td><td>{_text(' | '.join(concept['approved']))}</td>"
                     f"<td class=\"n\">{index}</td><td>{bar}</td><td>{_text(listed)}</td></tr>\n")
    parts.append("</table>\n")
    return "".join(parts)


def _shared(shared: list[dict]) -> str:
    collisions = [s for s in shared if not s.get("expected")]
    if not collisions:
        return "<h2>Reverse collisions</h2>\n<p class=\"muted\">No English rendering is used for several concepts.</p>\n"
    parts = ["<h2>Reverse collisions: one English rendering, several concepts</h2>\n<table>\n"
             "<tr><th>English</th><th>Concepts (Chinese term ×count)</th></tr>\n"]
    for item in collisions:
        concepts = "; ".join(f"{c.get('term', c.get('concept'))} ×{c.get('count', '')}" for c in item["concepts"])
        parts.append(f"<tr><td>{_text(item['text'])}</td><td>{_text(concepts)}</td></tr>\n")
    parts.append("</table>\n")
    return "".join(parts)


def _segments(segments: list[dict]) -> str:
    if not segments:
        return ""
    parts = ["<h2>Same text, different translations</h2>\n<table>\n<tr><th>Side</th><th>Text</th><th>Beads</th><th>Variants</th></tr>\n"]
    for item in segments[:50]:
        variants = "; ".join(f"{v['text']} ×{v['count']}" for v in item["variants"])
        parts.append(f"<tr><td>{_text(item['side'])}</td><td>{_text(item['text'])}</td><td class=\"n\">{item['count']}</td>"
                     f"<td>{_text(variants)}</td></tr>\n")
    parts.append("</table>\n")
    if len(segments) > 50:
        parts.append(f"<p class=\"muted\">and {len(segments) - 50} more (the JSON report has them all)</p>\n")
    return "".join(parts)


def _findings(findings: dict[str, int]) -> str:
    if not findings:
        return "<h2>Glossary findings</h2>\n<p class=\"muted\">No finding.</p>\n"
    colours = {"error": "#cf222e", "warning": "#d4a72c", "info": "#54aeff"}
    items = [(rule, count, colours.get(RULES.get(rule, ("info", ""))[0], svg.DEFAULT)) for rule, count in
             sorted(findings.items(), key=lambda item: -item[1])]
    legend = "".join(f"<span><i style=\"background:{c}\"></i>{s}</span>" for s, c in colours.items())
    return f"<h2>Glossary findings by rule</h2>\n<p class=\"legend\">{legend}</p>\n{svg.bars(items)}\n"


def _reference(reference: dict | None) -> str:
    if not reference:
        return ""
    parts = ["<h2>Against the reference translation</h2>\n<table>\n<tr><th>Metric</th><th>Score</th><th>sacrebleu signature</th></tr>\n"]
    for metric in ("BLEU", "chrF", "TER"):
        parts.append(f"<tr><td>{metric}</td><td class=\"n\">{reference[metric]:.2f}</td>"
                     f"<td><code>{_text(reference['signatures'].get(metric, ''))}</code></td></tr>\n")
    parts.append(f"</table>\n<p class=\"muted\">{reference['paired']} segments paired ({_text(reference['pairing'])}); "
                 f"{reference['hypothesis_unpaired']} of the bitext and {reference['reference_unpaired']} of the reference unpaired.</p>\n")
    return "".join(parts)


def write_report_page(report: dict[str, Any], path: str | os.PathLike, beads: Iterable[Any] = (), force: bool = False,
                      title: str = "Consistency report") -> None:
    page = render_report_page(report, beads, title)
    with atomic_open(path, "w", force=force, encoding="utf-8", newline="\n") as handle:
        handle.write(page)
