"""``bitext score`` on English documents with no Chinese side: names and terms that drift, and the glossary scan.

Maps to ``glossary.drift.drift`` and ``glossary.scan.scan``; this module only reads and prints.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from align.core.text import HAN_CLASS

HAN = re.compile(f"[{HAN_CLASS}]")


def english_drift(documents: list[Path], termbase, as_json: bool, output: Path | None, force: bool, limit: int) -> None:
    from rich.table import Table

    from align.cli.common import console, print_json
    from align.core.atomic import atomic_open
    from align.core.errors import InputError
    from align.read.reader import read_document
    from glossary.drift import drift
    from glossary.scan import scan

    reports = []
    for path in documents:
        document = read_document(path, "en")
        han = len(HAN.findall(document.original))
        if han > 0.3 * max(1, len(document.original.strip())):
            raise InputError(f"{path.name}: mostly Chinese; bitext score takes bitexts, or English documents on their own")
        reports.append({"document": path.name, "drift": [c.to_dict() for c in drift(document)],
                        "findings": [f.to_dict() for f in scan(document, termbase) if f.rule != "name-drift"]})
    data = {"signature": termbase.signature, "documents": reports}
    if output is not None:
        with atomic_open(output, "w", force=force) as handle:
            handle.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if as_json:
        print_json(data)
        return
    for report in reports:
        console.print(f"[bold]{report['document']}[/bold]: {len(report['drift'])} names or terms written several ways, "
                      f"{len(report['findings'])} glossary findings")
        if report["drift"]:
            table = Table(header_style="bold")
            for column in ("proposed for the glossary", "written", "times", "where (line:col)"):
                table.add_column(column, overflow="fold")
            for cluster in report["drift"][:limit]:
                for number, form in enumerate(cluster["forms"]):
                    table.add_row(cluster["proposed"] if number == 0 else "", form["text"], str(form["count"]), ", ".join(form["places"]))
            console.print(table)
        for finding in report["findings"][:limit]:
            console.print(f"  {finding['bead']} {finding['rule']}: {finding['found']} (expected {finding['expected']})")
