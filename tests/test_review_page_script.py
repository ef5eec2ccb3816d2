"""The review page's filtering, sorting and highlighting, run by node on the page's own script and data.

The functions are the ones the browser runs (``BitextView`` in align/formats/data/review.js); node is
used when it is installed (Debian ``nodejs``), else these tests are skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from align.core.bitext import Bead
from align.formats.html import asset, page_row

NODE = shutil.which("node") or shutil.which("nodejs")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def _rows() -> list[dict]:
    beads = [
        Bead((0,), (0,), "產業互聯網很重要。", "The industrial Internet matters.", 0.97, ("lexical",), "1"),
        Bead((1,), (1, 2), "第二句。", "Second. And third.", 0.40, ("merge",), "2"),
        Bead((2,), (), "没有译文。", "", 0.20, ("omission",), "3"),
        Bead((), (3,), "", "No source.", None, ("omission",), "4"),
        Bead((3,), (4,), "第五句。", "Fifth.", 0.70, (), "5", {"reviewed": "reviewed"}),
    ]
    findings = {"2": [{"rule": "missing-rendering", "term": "第二", "expected": "second", "found": "", "severity": "warning"}]}
    return [page_row(bead, number, (0.5, 0.9), findings) for number, bead in enumerate(beads, start=1)]


def _run(views: list[dict]) -> list:
    program = (
        asset("review.js")
        + "\nvar rows = " + json.dumps(_rows()) + ";\nvar texts = rows.map(BitextView.haystack);\n"
        + "var views = " + json.dumps(views) + ";\n"
        + "console.log(JSON.stringify(views.map(function (v) { return BitextView.select(rows, texts, v).map(function (i) { return rows[i].id; }); })));\n"
    )
    done = subprocess.run([NODE, "-e", program], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def test_filters_sort_and_search_pick_the_beads_a_reviewer_asked_for():
    base = {"q": "", "below": None, "omissions": False, "findings": False, "kind": "", "band": "", "reviewed": "", "sort": "doc"}
    views = [
        base,
        {**base, "below": 0.5},  # unknown confidence is not "below"
        {**base, "omissions": True},
        {**base, "findings": True},
        {**base, "kind": "1-2"},
        {**base, "band": "unknown"},
        {**base, "reviewed": "reviewed"},
        {**base, "reviewed": "none"},
        {**base, "sort": "conf-asc"},
        {**base, "sort": "conf-desc"},
        {**base, "q": "产业"},  # simplified query finds the traditional text through the matching key
        {**base, "q": "THIRD"},
        {**base, "q": "second", "sort": "conf-asc", "below": 0.9},
    ]
    assert _run(views) == [
        ["1", "2", "3", "4", "5"],
        ["2", "3"],
        ["3", "4"],
        ["2"],
        ["2"],
        ["4"],
        ["5"],
        ["1", "2", "3", "4"],
        ["3", "2", "5", "1", "4"],
        ["1", "5", "2", "3", "4"],
        ["1"],
        ["2"],
        ["2"],
    ]


def test_highlight_ranges_do_not_overlap_and_ignore_case():
    program = asset("review.js") + (
        '\nconsole.log(JSON.stringify(BitextView.ranges("Internet and internet, the INTERNET of things",'
        ' [{text: "internet", cls: "hit"}, {text: "the internet", cls: "finding"}])));'
    )
    done = subprocess.run([NODE, "-e", program], capture_output=True, text=True, timeout=30, check=True)
    assert json.loads(done.stdout) == [[0, 8, "hit"], [13, 21, "hit"], [23, 35, "finding"]]
