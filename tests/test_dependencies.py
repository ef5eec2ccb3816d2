"""Runtime dependencies are what bitext imports: pysbd, used only by a benchmark, is in the ``bench`` extra."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO


def test_pysbd_is_a_bench_extra_not_a_runtime_dependency():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {re.split(r"[<>=\[ ]", d)[0].lower() for d in project["dependencies"]}
    assert "pysbd" not in runtime
    assert any(d.startswith("pysbd") for d in project["optional-dependencies"]["bench"])
    importers = [p for folder in ("align", "glossary") for p in (REPO / folder).rglob("*.py")
                 if re.search(r"^\s*(import pysbd|from pysbd)", p.read_text(encoding="utf-8"), re.M)]
    assert importers == []
