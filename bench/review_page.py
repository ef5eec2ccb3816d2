"""The review page on the Bible (4,900+ beads) and on 10,000 beads: page size, build time, and how long
filtering and clearing a search take.

    .venv/bin/python bench/review_page.py              # aligns the Bible in fast mode first
    .venv/bin/python bench/review_page.py --bitext x.jsonl

Three measures, each only where it can be taken honestly:
* page size and the time Python takes to build it (always);
* the page's own filter/sort function (``BitextView.select`` in align/formats/data/review.js) run by node
  over the page's data, when node is installed: the script work of one keystroke, without drawing;
* with Chromium and chromedriver installed (Debian ``chromium``, ``chromium-driver``) and selenium: the page
  opened in headless Chromium, a search typed, cleared, a threshold set, the counter filter clicked, each
  timed from the event to the end of the next frame (script, layout and paint of the 100 rows shown).
Figures go to bench/results/review_page.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from record import save

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "benchmarks" / "bible"


def bible_bitext():
    from align import align, read_document

    zh_verse = (DATA / "zh.verse").read_text(encoding="utf-8").split()
    en_verse = (DATA / "en.verse").read_text(encoding="utf-8").split()
    zh = read_document(DATA / "zh" / "001", "zh", presplit=True).regroup([v.rsplit(":", 1)[0] for v in zh_verse])
    en = read_document(DATA / "en" / "001", "en", presplit=True).regroup([v.rsplit(":", 1)[0] for v in en_verse])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return align(zh, en, fast=True)


def tenfold(bitext, size: int):
    """The Bible's beads repeated (with fresh ids) up to ``size`` beads: a 10,000-bead page."""
    from dataclasses import replace

    beads = [bead.with_(id=str(k + 1)) for k, bead in zip(range(size), (b for _ in range(size // len(bitext) + 1) for b in bitext.beads))]
    return replace(bitext, beads=beads)


def node_timings(page: str) -> dict[str, float] | None:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        return None
    from align.formats.html import asset

    data = page.split('id="bitext-data">', 1)[1].split("</script>", 1)[0]
    program = asset("review.js") + "\nvar rows = JSON.parse(" + json.dumps(data) + ").rows;" + """
function ms(f) { var best = []; for (var r = 0; r < 7; r++) { var t = process.hrtime.bigint(); f(); best.push(Number(process.hrtime.bigint() - t) / 1e6); } best.sort(function (a, b) { return a - b; }); return best[3]; }
var texts; var index = ms(function () { texts = rows.map(BitextView.haystack); });
var base = {q: "", below: null, omissions: false, findings: false, kind: "", band: "", reviewed: "", sort: "doc"};
var out = {index_ms: index,
  search_ms: ms(function () { BitextView.select(rows, texts, Object.assign({}, base, {q: "god"})); }),
  clear_search_ms: ms(function () { BitextView.select(rows, texts, base); }),
  below_ms: ms(function () { BitextView.select(rows, texts, Object.assign({}, base, {below: 0.5})); }),
  sort_ms: ms(function () { BitextView.select(rows, texts, Object.assign({}, base, {sort: "conf-asc"})); })};
console.log(JSON.stringify(out));
"""
    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False, encoding="utf-8") as handle:
        handle.write(program)
    try:
        done = subprocess.run([node, handle.name], capture_output=True, text=True, check=True, timeout=300)
    finally:
        Path(handle.name).unlink()
    return {key: round(value, 2) for key, value in json.loads(done.stdout).items()}


# Runs in the page: do one action, wait until it has been drawn and things are quiet, and answer with the
# time from the action to the next painted frame and the longest task the browser ran meanwhile (Long Tasks
# API: a task over 50 ms; the page is frozen while one runs). The search box waits 60 ms after the last
# keystroke before filtering (so typing is never slowed): that wait is idle time, counted in response_ms.
_TIMED = """
var done = arguments[arguments.length - 1];
window.__longest = 0;
var start = performance.now(), drawn = null;
(function () { %s })();
function frame() { requestAnimationFrame(function () { setTimeout(function () { drawn = performance.now() - start; }, 0); }); }
setTimeout(frame, %d);
setTimeout(function () { done([drawn, window.__longest]); }, 400);
"""
_OBSERVE = """
window.__longest = 0;
new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) {
  window.__longest = Math.max(window.__longest, e.duration); }); }).observe({entryTypes: ["longtask"]});
"""


def chromium_timings(page_path: Path) -> dict[str, float] | str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        return "not measured: chromium and chromedriver are not installed"
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return "not measured: selenium is not installed"
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    chrome = webdriver.Chrome(service=Service(driver), options=options)
    try:
        chrome.set_script_timeout(60)
        started = time.perf_counter()
        chrome.get(page_path.resolve().as_uri())
        chrome.execute_async_script("var done = arguments[0]; requestAnimationFrame(function () { setTimeout(done, 0); });")
        figures = {"load_ms": round((time.perf_counter() - started) * 1000, 1),
                   "load_average": [round(x, 1) for x in os.getloadavg()], "rows_in_document": chrome.execute_script("return document.querySelectorAll('#beads tr').length;")}
        chrome.execute_script(_OBSERVE)
        search = "var s = document.getElementById('search'); s.value = %s; s.dispatchEvent(new Event('input'));"
        actions = {
            "search": (search % "'god'", 100),
            "clear_search": (search % "''", 100),
            "below_threshold": ("var b = document.getElementById('below'); b.value = '0.5'; b.dispatchEvent(new Event('input'));", 0),
            "clear_threshold": ("var u = document.getElementById('use-below'); u.checked = false; u.dispatchEvent(new Event('change'));", 0),
            "sort_by_confidence": ("var s = document.getElementById('sort'); s.value = 'conf-asc'; s.dispatchEvent(new Event('change'));", 0),
            "document_order": ("var s = document.getElementById('sort'); s.value = 'doc'; s.dispatchEvent(new Event('change'));", 0),
            "counter_filter": ("document.querySelector('.chip[data-filter=kind]').click();", 0),
            "counter_unfilter": ("document.querySelector('.chip[data-filter=kind]').click();", 0),
            "next_page": ("document.querySelector('#pager [data-step=\"1\"]').click();", 0),
            "j_key": ("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j'}));", 0),
        }
        runs: dict[str, list] = {name: [] for name in actions}
        for _ in range(5):
            for name, (code, delay) in actions.items():
                runs[name].append(chrome.execute_async_script(_TIMED % (code, delay)))
        for name, values in runs.items():
            figures[f"{name}_response_ms"] = round(statistics.median(v[0] for v in values if v[0] is not None), 1)
            figures[f"{name}_longest_task_ms"] = round(max(v[1] for v in values), 1)
        return figures
    finally:
        chrome.quit()


def measure(bitext, label: str, folder: Path) -> dict:
    from align.formats.html import render_html

    started = time.perf_counter()
    page = render_html(bitext)
    build = time.perf_counter() - started
    path = folder / f"{label}.html"
    path.write_text(page, encoding="utf-8")
    figures = {"beads": len(bitext), "page_mb": round(len(page.encode("utf-8")) / 1e6, 2), "build_seconds": round(build, 2),
               "node_select": node_timings(page), "chromium": chromium_timings(path)}
    print(f"{label}: {figures}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bitext", type=Path, help="a bitext file instead of aligning the Bible (fast mode)")
    args = parser.parse_args()
    from align.formats import read_bitext

    bitext = read_bitext(args.bitext) if args.bitext else bible_bitext()
    with tempfile.TemporaryDirectory() as folder:
        figures = {"bible": measure(bitext, "bible", Path(folder)), "10000": measure(tenfold(bitext, 10_000), "ten-thousand", Path(folder))}
    save("review_page", None, figures, bitext.signature)


if __name__ == "__main__":
    main()
