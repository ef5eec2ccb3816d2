"""The HTML review page: one self-contained file to read (and, served by ``bitext review --serve``, correct) an alignment.

Open it in any browser, offline: inline CSS and script (``data/review.css``,
``data/review.js``), no external resource. The beads travel as one JSON blob
(``<script type="application/json" id="bitext-data">``) and the script shows one
page of rows at a time, so a 10,000-bead alignment stays responsive. One row per
bead (id, Chinese, English, type, confidence, reasons, glossary findings),
coloured by confidence band with the XLSX sheet's colours and thresholds (green
≥ 0.9, yellow ≥ 0.5, red below, grey unknown); omissions (1-0, 0-1) hatched;
glossary findings highlighted in both languages. Counters at the top are
filters (click ``1-2: 14`` for the 1-2 beads); more filters: below a
confidence, findings, omissions, reviewed; sort by confidence; search over the
texts and the matching key (产业 finds 產業). Keys: ``j``/``k`` next/previous
bead, ``n``/``p`` next/previous page, ``/`` search. The view is kept in the
address (``review.html#below=0.5&kind=1-2&q=产业``).

Bead texts are put into the page with ``textContent`` only and the JSON blob is
escaped so no text can close its script element: a bead holding ``<script>``
shows as text.
"""

from __future__ import annotations

import html
import json
import os
import re
import warnings
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any, Iterable

from align.core.atomic import atomic_open
from align.core.bitext import Bead, Bitext
from align.core.normalize import matching_key
from align.core.signature import signature_text
from align.formats.base import BitextFormat, ExportWarning
from align.formats.registry import register
from align.formats.xlsx import BAND_COLOURS, band

# Characters UTF-8 cannot encode (lone surrogates from surrogateescape decoding)
# and NUL, which browsers replace anyway.
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")
REVIEWED = "reviewed"  # Bead.meta key of the reviewer's mark: "reviewed" or "rejected" (TMX prop x-reviewed)
PAGE_SIZES = (25, 50, 100, 200, 500)
PAGE_SIZE = 50  # rows drawn at a time: laying out a page of long verses is what costs, not filtering


@cache
def asset(name: str) -> str:
    return resources.files("align.formats").joinpath("data", name).read_text(encoding="utf-8")


def write_html(
    bitext: Bitext,
    path: str | os.PathLike,
    force: bool = False,
    title: str | None = None,
    *,
    bands: tuple[float, float] = (0.5, 0.9),
    findings: Iterable[Any] = (),
) -> int:
    """Write the review page for ``bitext`` to ``path``; returns the number of beads shown.

    ``bands`` are the (medium, high) confidence thresholds, as in the XLSX sheet;
    ``findings`` glossary findings (``glossary.check``) to highlight. Refuses to
    overwrite an existing file unless ``force``.
    """
    page = render_html(bitext, title=title, bands=bands, findings=findings)
    with atomic_open(path, "w", force=force, encoding="utf-8", newline="\n") as handle:
        handle.write(page)
    return len(bitext.beads)


def findings_by_bead(findings: Iterable[Any]) -> dict[str, list[dict[str, str]]]:
    """Glossary findings (objects or dicts with bead, rule, term, expected, found, severity) grouped by bead id."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for finding in findings:
        item = finding if isinstance(finding, dict) else finding.to_dict()
        grouped.setdefault(str(item["bead"]), []).append(
            {key: str(item.get(key, "")) for key in ("rule", "term", "expected", "found", "severity")}
        )
    return grouped


def page_row(bead: Bead, number: int, bands: tuple[float, float], findings: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    """One bead as the page's script reads it."""
    bead_id = bead.id or str(number)
    zh_text = _writable(bead.zh_text, bead_id, "Chinese")
    en_text = _writable(bead.en_text, bead_id, "English")
    shown_meta = {k: v for k, v in bead.meta.items() if k not in ("status", "note", REVIEWED)}
    return {
        "id": _clean(bead_id),
        "zhIds": _ids(bead.zh_ids) if bead.zh_ids else "",
        "enIds": _ids(bead.en_ids) if bead.en_ids else "",
        "zhSentences": len(bead.zh_ids),
        "enSentences": len(bead.en_ids),
        "zh": zh_text,
        "en": en_text,
        "kind": bead.kind,
        "conf": None if bead.confidence is None else float(bead.confidence),
        "band": band(bead.confidence, bands),
        "omission": _is_omission(bead),
        "reasons": [_clean(reason) for reason in bead.reasons],
        "key": _search_key(zh_text, en_text),
        "status": _clean(bead.meta.get("status", "")),
        "note": _clean(bead.meta.get("note", "")),
        "reviewed": _clean(bead.meta.get(REVIEWED, "")),
        "meta": _clean("; ".join(f"{k}={v}" for k, v in shown_meta.items())),
        "findings": findings.get(bead_id, []),
    }


def render_html(
    bitext: Bitext,
    title: str | None = None,
    bands: tuple[float, float] = (0.5, 0.9),
    findings: Iterable[Any] = (),
    editor: dict[str, Any] | None = None,
) -> str:
    """The page as a string (``write_html`` writes it atomically); ``editor`` (token, version) makes it the --serve editor."""
    low, high = bands
    if not 0.0 <= low <= high <= 1.0:
        from align.core.errors import UsageError

        raise UsageError(f"confidence bands must satisfy 0 <= medium <= high <= 1, got {bands!r}")
    grouped = findings_by_bead(findings)
    rows = [page_row(bead, number, bands, grouped) for number, bead in enumerate(bitext.beads, start=1)]
    names = f"{bitext.zh_name or 'Chinese'} ↔ {bitext.en_name or 'English'}"
    page_title = title or names
    zh_lang = _attr(bitext.zh_lang or "zh")
    en_lang = _attr(bitext.en_lang or "en")
    data = {"rows": rows, "zhLang": bitext.zh_lang or "zh", "enLang": bitext.en_lang or "en"}
    config = {"mode": "edit", **editor} if editor else {"mode": "static"}
    root = ":root { " + " ".join(f"--{name}: #{colour};" for name, colour in BAND_COLOURS.items()) + " }\n"
    parts: list[str] = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta name=\"generator\" content=\"bitext\">\n",
        f"<title>{_text(page_title)}</title>\n<style>{root}{asset('review.css')}</style>\n</head>\n<body>\n<header>\n",
        f"<h1>{_text(page_title)}</h1>\n<dl class=\"about\">\n",
        f"<dt>Chinese</dt><dd lang=\"{zh_lang}\">{_text(bitext.zh_name or '—')} <small>({zh_lang})</small></dd>\n",
        f"<dt>English</dt><dd>{_text(bitext.en_name or '—')} <small>({en_lang})</small></dd>\n",
    ]
    if bitext.document_score is not None:
        parts.append(f"<dt>Document score</dt><dd>{bitext.document_score:.3f}</dd>\n")
    if bitext.signature:
        parts.append(f"<dt>Signature</dt><dd><code class=\"signature\">{_text(signature_text(bitext.signature))}</code></dd>\n")
    if bitext.details:
        details = "; ".join(f"{key}: {value}" for key, value in bitext.details.items())
        parts.append(f"<dt>Details</dt><dd class=\"details\">{_text(details)}</dd>\n")
    parts.append("</dl>\n")
    parts.append(_counters(rows, bands))
    parts.append("</header>\n")
    parts.append(_controls(len(rows), high, editor is not None))
    parts.append(
        "<table>\n<colgroup><col class=\"id\"><col class=\"zh\"><col class=\"en\"><col class=\"kind\">"
        "<col class=\"conf\"><col class=\"reasons\"></colgroup>\n"
        "<thead><tr><th>Bead <small title=\"Chinese sentence ids : English sentence ids\">zh : en</small></th>"
        "<th>Chinese</th><th>English</th><th>Type</th>"
        "<th id=\"sort-conf\" title=\"click to sort by confidence\">Confidence</th><th>Reasons</th></tr></thead>\n"
        "<tbody id=\"beads\"></tbody>\n</table>\n"
    )
    parts.append(
        f"<footer>Written by bitext. {len(rows)} beads. Rows are coloured by confidence band; hatched cells are "
        "omissions (a sentence with no counterpart); glossary findings are highlighted. Keys: <kbd>j</kbd>/<kbd>k</kbd> "
        "next/previous bead, <kbd>n</kbd>/<kbd>p</kbd> next/previous page, <kbd>/</kbd> search"
        + (
            "; editing: <kbd>m</kbd> merge with next, <kbd>s</kbd> split, <kbd>[</kbd>/<kbd>]</kbd> move a Chinese sentence "
            "to the previous/next bead, <kbd>{</kbd>/<kbd>}</kbd> an English one, <kbd>r</kbd> reviewed, <kbd>x</kbd> rejected, "
            "<kbd>e</kbd> note, <kbd>u</kbd>/<kbd>U</kbd> undo/redo, <kbd>Ctrl+S</kbd> save."
            if editor else ". Correct an alignment with <code>bitext review FILE --serve</code> or the XLSX review sheet."
        )
        + "</footer>\n"
    )
    parts.append(f"<script type=\"application/json\" id=\"bitext-data\">{script_json(data)}</script>\n")
    parts.append(f"<script type=\"application/json\" id=\"bitext-config\">{script_json(config)}</script>\n")
    parts.append(f"<script>{asset('review.js')}</script>\n</body>\n</html>\n")
    return "".join(parts)


def script_json(value: Any) -> str:
    """JSON that cannot end its <script> element or open a comment: <, > and & written as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _counters(rows: list[dict[str, Any]], bands: tuple[float, float]) -> str:
    low, high = bands
    kinds = Counter(row["kind"] for row in rows)
    band_counts = Counter(row["band"] for row in rows)
    omitted = sum(row["omission"] for row in rows)
    with_findings = sum(bool(row["findings"]) for row in rows)
    reviewed = Counter(row["reviewed"] for row in rows if row["reviewed"])
    parts = ["<div class=\"counts\">\n<div><b>Bead types</b> "]
    for kind, count in sorted(kinds.items(), key=_kind_order):
        parts.append(f"<span class=\"chip\" data-filter=\"kind\" data-value=\"{_attr(kind)}\">{_text(kind)}: {count}</span>")
    parts.append("</div>\n<div><b>Confidence</b> ")
    titles = {"high": f"≥ {high:g}", "medium": f"{low:g} – {high:g}", "low": f"< {low:g}", "unknown": "unknown"}
    for name in ("high", "medium", "low", "unknown"):
        parts.append(
            f"<span class=\"chip {name}\" data-filter=\"band\" data-value=\"{name}\">{_text(titles[name])}: {band_counts.get(name, 0)}</span>"
        )
    parts.append(f"</div>\n<div><b>Omissions</b> <span class=\"chip\" data-filter=\"omissions\">{omitted}</span></div>\n")
    parts.append(f"<div><b>Findings</b> <span class=\"chip\" data-filter=\"findings\">{with_findings}</span></div>\n")
    parts.append("<div><b>Reviewed</b> ")
    for name in ("reviewed", "rejected"):
        parts.append(f"<span class=\"chip\" data-filter=\"reviewed\" data-value=\"{name}\">{name}: {reviewed.get(name, 0)}</span>")
    parts.append(f"<span class=\"chip\" data-filter=\"reviewed\" data-value=\"none\">not yet: {len(rows) - sum(reviewed.values())}</span>")
    parts.append("</div>\n</div>\n")
    return "".join(parts)


def _controls(total: int, high: float, editing: bool) -> str:
    sizes = "".join(f"<option{' selected' if size == PAGE_SIZE else ''}>{size}</option>" for size in PAGE_SIZES)
    parts = [
        "<div class=\"controls\">\n"
        "<label>Search <input type=\"search\" id=\"search\" placeholder=\"text in either language (press /)\"></label>\n"
        f"<label><input type=\"checkbox\" id=\"use-below\"> only confidence below "
        f"<input type=\"number\" id=\"below\" min=\"0\" max=\"1\" step=\"0.05\" value=\"{high:g}\"></label>\n"
        "<label>Order <select id=\"sort\"><option value=\"doc\">document</option>"
        "<option value=\"conf-asc\">confidence, lowest first</option><option value=\"conf-desc\">confidence, highest first</option>"
        "</select></label>\n"
        f"<label>Rows per page <select id=\"page-size\">{sizes}</select></label>\n"
        "<button type=\"button\" id=\"clear\">Show all</button>\n"
        "<span id=\"pager\"><button type=\"button\" data-step=\"-1\">◀</button> <span class=\"page\"></span> "
        "<button type=\"button\" data-step=\"1\">▶</button></span>\n"
        f"<span class=\"shown\" id=\"shown\">{total} beads</span>\n"
    ]
    if editing:
        buttons = (
            ("merge", "Merge with next (m)"), ("split", "Split… (s)"),
            ("zh-up", "zh sentence ↑ ([)"), ("zh-down", "zh sentence ↓ (])"),
            ("en-up", "en sentence ↑ ({)"), ("en-down", "en sentence ↓ (})"),
            ("reviewed", "Reviewed (r)"), ("rejected", "Rejected (x)"), ("unmark", "Unmark"), ("note", "Note… (e)"),
            ("undo", "Undo (u)"), ("redo", "Redo (U)"), ("save", "Save (Ctrl+S)"),
        )
        parts.append("<div class=\"editbar\">")
        parts.extend(f"<button type=\"button\" data-action=\"{action}\">{_text(label)}</button>" for action, label in buttons)
        parts.append(f"<span class=\"status\"><span id=\"total\">{total}</span> beads · <span id=\"dirty\">saved</span> · "
                     "<span id=\"edit-status\"></span></span></div>\n")
    parts.append("</div>\n")
    return "".join(parts)


def _search_key(zh_text: str, en_text: str) -> str:
    """Matching keys only where they differ from the lower-cased text (traditional → simplified, ＡＢＣ → abc)."""
    parts = []
    for text, lang in ((zh_text, "zh"), (en_text, "en")):
        if text:
            key = matching_key(text, lang)
            if key != text.lower():
                parts.append(key.lower())
    return " ".join(parts)


def _empty(ids: tuple[int, ...], text: str) -> bool:
    return not ids and not text.strip()


def _is_omission(bead: Bead) -> bool:
    """One side has a sentence, the other none (1-0 or 0-1)."""
    return _empty(bead.zh_ids, bead.zh_text) != _empty(bead.en_ids, bead.en_text)


def _kind_order(item: tuple[str, int]) -> tuple[int, int, int]:
    zh_count, en_count = (int(part) for part in item[0].split("-"))
    return (-item[1], zh_count, en_count)


def _ids(ids: tuple[int, ...]) -> str:
    """Sentence ids with consecutive runs shortened: ``13-16,20``; ``–`` for none."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return ",".join(f"{run[0]}-{run[-1]}" if len(run) > 2 else ",".join(map(str, run)) for run in runs) or "–"


def _writable(text: str, bead_id: str, side: str) -> str:
    if not _UNWRITABLE.search(text):
        return text
    warnings.warn(
        f"bead {bead_id}: replaced {len(_UNWRITABLE.findall(text))} character(s) UTF-8 cannot hold in the {side} text with U+FFFD",
        ExportWarning,
        stacklevel=5,
    )
    return _UNWRITABLE.sub("\ufffd", text)


def _clean(value: str) -> str:
    return _UNWRITABLE.sub("\ufffd", str(value))


def _text(value: str) -> str:
    return html.escape(_clean(value), quote=False)


def _attr(value: str) -> str:
    return html.escape(_clean(value), quote=True)


@register
class Html(BitextFormat):
    name = "html"
    extensions = (".html", ".htm")
    readable = False
    keeps_signature = True

    def write(self, bitext, path, force=False, export=None, **options):
        return write_html(bitext, path, force=force, **options)
