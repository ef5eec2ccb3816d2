"""The HTML review page: one self-contained file to read an alignment side by side.

Open it in any browser, offline: inline CSS and a few lines of JavaScript, no
external resources. One row per bead (id, Chinese, English, type, confidence,
reasons), coloured by confidence band with the XLSX review sheet's colours and
thresholds (green ≥ 0.9, yellow ≥ 0.5, red below, grey unknown); omissions
(1-0, 0-1) are marked. The header names the documents and shows the signature,
the details of the alignment (``Bitext.details``), the document score and counts
by bead type and band. Filters: only beads below
a confidence, only omissions, and a search box that also matches the matching
key (so 产业 finds 產業 and case does not matter); the filter state is kept in
the address (``review.html#below=0.5&omissions=1&q=产业``) so a view can be shared.

Every text is HTML-escaped, and no bead text goes inside the script, so a bead
holding ``<script>`` shows as text. The page is read-only: corrections go
through the XLSX review sheet, which reads back.
"""

from __future__ import annotations

import html
import os
import re
import warnings
from collections import Counter

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

_CSS = """
:root { --high: #%(high)s; --medium: #%(medium)s; --low: #%(low)s; --unknown: #%(unknown)s; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",
       "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; background: #fff; }
header { padding: 16px 20px 8px; border-bottom: 1px solid #d0d7de; background: #f6f8fa; }
h1 { font-size: 20px; margin: 0 0 8px; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 10px; }
dl.about dt { color: #59636e; } dl.about dd { margin: 0; }
code.signature { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.counts { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 6px 0; }
.counts span.chip { display: inline-block; padding: 1px 8px; border-radius: 10px; border: 1px solid #d0d7de;
                    background: #fff; margin: 0 4px 4px 0; font-variant-numeric: tabular-nums; }
.chip.high { background: var(--high); } .chip.medium { background: var(--medium); }
.chip.low { background: var(--low); } .chip.unknown { background: var(--unknown); }
.controls { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center;
            padding: 8px 20px; background: #fff; border-bottom: 1px solid #d0d7de; }
.controls input[type=search] { width: 22em; padding: 3px 6px; }
.controls input[type=number] { width: 5em; }
.controls .shown { color: #59636e; margin-left: auto; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; }
th, td { border-bottom: 1px solid #e1e4e8; padding: 6px 8px; vertical-align: top; text-align: left; }
thead th { position: sticky; top: 41px; z-index: 1; background: #eaeef2; font-weight: 600; }
col.id { width: 6.5em; } col.kind { width: 4em; } col.conf { width: 7.5em; } col.reasons { width: 11em; }
td.zh, td.en { white-space: pre-wrap; overflow-wrap: anywhere; }
td.zh { font-size: 15px; }
td.id, td.kind, td.conf { font-variant-numeric: tabular-nums; color: #3d444d; }
td.id small { display: block; color: #8c959f; overflow-wrap: anywhere; }
tr.high td.conf { background: var(--high); } tr.medium td.conf { background: var(--medium); }
tr.low td.conf { background: var(--low); } tr.unknown td.conf { background: var(--unknown); }
tr.high { border-left: 4px solid #1a7f37; } tr.medium { background: #fffbea; } tr.low { background: #fff1f2; }
tr.omission td.empty { background: repeating-linear-gradient(135deg, #f6f8fa 0 6px, #eaeef2 6px 12px);
                       color: #8c959f; font-style: italic; }
td.reasons span { display: inline-block; padding: 0 5px; margin: 0 3px 3px 0; border-radius: 4px; background: #eaeef2;
                  font-size: 12px; }
td.reasons span.note { display: block; color: #59636e; font-size: 12px; background: none; padding: 0; }
th small { display: block; font-weight: normal; color: #59636e; }
tr[hidden] { display: none; }
mark { background: #ffe066; padding: 0; }
footer { padding: 12px 20px; color: #59636e; font-size: 12px; }
@media print { .controls { display: none; } thead th { position: static; } }
"""

# Static: bead texts are never interpolated into the script.
_SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody tr"));
  var search = document.getElementById("search"), below = document.getElementById("below"),
      useBelow = document.getElementById("use-below"), omissions = document.getElementById("omissions"),
      shown = document.getElementById("shown");
  var texts = rows.map(function (row) {
    return (row.textContent + " " + (row.getAttribute("data-key") || "")).toLowerCase();
  });
  function apply() {
    var query = search.value.trim().toLowerCase(), limit = parseFloat(below.value), count = 0;
    var byConfidence = useBelow.checked && !isNaN(limit);
    rows.forEach(function (row, i) {
      var conf = row.getAttribute("data-conf"), ok = true;
      if (byConfidence) ok = conf !== "" && parseFloat(conf) < limit;
      if (ok && omissions.checked) ok = row.classList.contains("omission");
      if (ok && query) ok = texts[i].indexOf(query) !== -1;
      row.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = count + " of " + rows.length + " beads shown";
  }
  // The filter state lives in the address (#q=...&below=0.5&omissions=1), so a
  // filtered view can be bookmarked or sent to a colleague.
  function save() {
    var state = [];
    if (search.value) state.push("q=" + encodeURIComponent(search.value));
    if (useBelow.checked) state.push("below=" + encodeURIComponent(below.value));
    if (omissions.checked) state.push("omissions=1");
    history.replaceState(null, "", state.length ? "#" + state.join("&") : location.pathname + location.search);
  }
  function load() {
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("="), value = decodeURIComponent(parts[1] || "");
      if (parts[0] === "q") search.value = value;
      if (parts[0] === "below") { below.value = value; useBelow.checked = true; }
      if (parts[0] === "omissions") omissions.checked = value === "1";
    });
  }
  [search, below, useBelow, omissions].forEach(function (control) {
    control.addEventListener("input", save); control.addEventListener("change", save);
  });
  search.addEventListener("input", apply);
  below.addEventListener("input", function () { useBelow.checked = true; apply(); });
  useBelow.addEventListener("change", apply);
  omissions.addEventListener("change", apply);
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== search) { event.preventDefault(); search.focus(); }
  });
  function stick() {  // the table header sits just below the sticky controls bar
    var height = document.querySelector(".controls").offsetHeight;
    document.querySelectorAll("thead th").forEach(function (th) { th.style.top = height + "px"; });
  }
  window.addEventListener("resize", stick);
  window.addEventListener("hashchange", function () { load(); apply(); });
  stick();
  load();
  apply();
})();
"""


def write_html(
    bitext: Bitext,
    path: str | os.PathLike,
    force: bool = False,
    title: str | None = None,
    *,
    bands: tuple[float, float] = (0.5, 0.9),
) -> int:
    """Write the review page for ``bitext`` to ``path``; returns the number of beads shown.

    ``bands`` are the (medium, high) confidence thresholds, as in the XLSX sheet.
    Refuses to overwrite an existing file unless ``force``.
    """
    page = render_html(bitext, title=title, bands=bands)
    with atomic_open(path, "w", force=force, encoding="utf-8", newline="\n") as handle:
        handle.write(page)
    return len(bitext.beads)


def render_html(bitext: Bitext, title: str | None = None, bands: tuple[float, float] = (0.5, 0.9)) -> str:
    """The page as a string (``write_html`` writes it atomically)."""
    low, high = bands
    if not 0.0 <= low <= high <= 1.0:
        from align.core.errors import UsageError

        raise UsageError(f"confidence bands must satisfy 0 <= medium <= high <= 1, got {bands!r}")
    names = f"{bitext.zh_name or 'Chinese'} ↔ {bitext.en_name or 'English'}"
    page_title = title or names
    band_of = [band(bead.confidence, bands) for bead in bitext.beads]
    kinds = Counter(bead.kind for bead in bitext.beads)
    band_counts = Counter(band_of)
    omitted = sum(1 for bead in bitext.beads if _is_omission(bead))
    zh_lang = _attr(bitext.zh_lang or "zh")
    en_lang = _attr(bitext.en_lang or "en")

    parts: list[str] = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta name=\"generator\" content=\"bitext\">\n",
        f"<title>{_text(page_title)}</title>\n<style>{_CSS % BAND_COLOURS}</style>\n</head>\n<body>\n<header>\n",
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
    parts.append("</dl>\n<div class=\"counts\">\n<div><b>Bead types</b> ")
    for kind, count in sorted(kinds.items(), key=_kind_order):
        parts.append(f"<span class=\"chip\">{_text(kind)}: {count}</span>")
    parts.append("</div>\n<div><b>Confidence</b> ")
    band_titles = {
        "high": f"≥ {high:g}", "medium": f"{low:g} – {high:g}", "low": f"< {low:g}", "unknown": "unknown",
    }
    for name in ("high", "medium", "low", "unknown"):
        parts.append(f"<span class=\"chip {name}\">{_text(band_titles[name])}: {band_counts.get(name, 0)}</span>")
    parts.append(f"</div>\n<div><b>Omissions</b> <span class=\"chip\">{omitted}</span></div>\n</div>\n</header>\n")

    parts.append(
        "<div class=\"controls\">\n"
        "<label>Search <input type=\"search\" id=\"search\" placeholder=\"text in either language (press /)\"></label>\n"
        f"<label><input type=\"checkbox\" id=\"use-below\"> only confidence below "
        f"<input type=\"number\" id=\"below\" min=\"0\" max=\"1\" step=\"0.05\" value=\"{high:g}\"></label>\n"
        "<label><input type=\"checkbox\" id=\"omissions\"> only omissions</label>\n"
        f"<span class=\"shown\" id=\"shown\">{len(bitext.beads)} beads</span>\n</div>\n"
    )
    parts.append(
        "<table>\n<colgroup><col class=\"id\"><col class=\"zh\"><col class=\"en\"><col class=\"kind\">"
        "<col class=\"conf\"><col class=\"reasons\"></colgroup>\n"
        "<thead><tr><th>Bead <small title=\"Chinese sentence ids : English sentence ids\">zh : en</small></th><th>Chinese</th><th>English</th><th>Type</th><th>Confidence</th><th>Reasons</th></tr></thead>\n<tbody>\n"
    )
    for number, (bead, band_name) in enumerate(zip(bitext.beads, band_of), start=1):
        parts.append(_row(bead, number, band_name, zh_lang, en_lang))
    parts.append("</tbody>\n</table>\n")
    parts.append(
        f"<footer>Written by bitext. {len(bitext.beads)} beads. Rows are coloured by confidence band; "
        "hatched cells are omissions (a sentence with no counterpart). Read-only: correct an alignment in the "
        "XLSX review sheet.</footer>\n"
    )
    parts.append(f"<script>{_SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(parts)


def _row(bead: Bead, number: int, band_name: str, zh_lang: str, en_lang: str) -> str:
    bead_id = bead.id or str(number)
    zh_text = _writable(bead.zh_text, bead_id, "Chinese")
    en_text = _writable(bead.en_text, bead_id, "English")
    classes = [band_name] + (["omission"] if _is_omission(bead) else [])
    confidence = "" if bead.confidence is None else repr(float(bead.confidence))
    key = _search_key(zh_text, en_text)
    key_attr = f" data-key=\"{_attr(key)}\"" if key else ""
    meta = "; ".join(f"{k}={v}" for k, v in bead.meta.items())
    title_attr = f" title=\"{_attr(meta)}\"" if meta else ""
    cells = [
        f"<tr class=\"{' '.join(classes)}\" data-conf=\"{confidence}\" data-kind=\"{bead.kind}\"{key_attr}{title_attr}>",
        f"<td class=\"id\">{_text(bead_id)}<small>{_ids(bead.zh_ids)} : {_ids(bead.en_ids)}</small></td>",
        _side(zh_text, _empty(bead.zh_ids, zh_text), "zh", zh_lang),
        _side(en_text, _empty(bead.en_ids, en_text), "en", en_lang),
        f"<td class=\"kind\">{bead.kind}</td>",
        f"<td class=\"conf\">{'—' if bead.confidence is None else f'{bead.confidence:.2f}'}</td>",
        "<td class=\"reasons\">",
        "".join(f"<span>{_text(reason)}</span>" for reason in bead.reasons),
    ]
    for label in ("status", "note"):
        if bead.meta.get(label):
            cells.append(f"<span class=\"note\">{label}: {_text(bead.meta[label])}</span>")
    cells.append("</td></tr>\n")
    return "".join(cells)


def _side(text: str, empty: bool, side: str, lang: str) -> str:
    if empty:
        return f"<td class=\"{side} empty\">— omitted —</td>"
    return f"<td class=\"{side}\" lang=\"{lang}\">{_text(text)}</td>"


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
        stacklevel=4,
    )
    return _UNWRITABLE.sub("\ufffd", text)


def _text(value: str) -> str:
    return html.escape(_UNWRITABLE.sub("\ufffd", str(value)), quote=False)


def _attr(value: str) -> str:
    return html.escape(_UNWRITABLE.sub("\ufffd", str(value)), quote=True)


@register
class Html(BitextFormat):
    name = "html"
    extensions = (".html", ".htm")
    readable = False
    keeps_signature = True

    def write(self, bitext, path, force=False, export=None, **options):
        return write_html(bitext, path, force=force, **options)
