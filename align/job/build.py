"""The main job: process every document in a corpus folder into an exports folder.

``build()`` reads the manifest, cleans and segments every document, aligns the
pairs that are translations, mines the pairs that are only comparable, checks
the English against the glossary, and writes a report. It is safe to re-run:
it overwrites only files it wrote itself and nobody changed since (the folder's
ledger, ``align.job.ledger``, holds their hashes); anything else needs ``force``.
A re-run on an unchanged corpus rewrites nothing: a pair whose documents and
settings are unchanged is not aligned again (``align.job.build_pairs``), an output
whose new bytes equal the old is left alone, and ``report.json`` is rewritten
only when something other than its ``seconds`` changed. ``jobs`` aligns that
many pairs at once, one process each.

Every output carries the one signature of the run (``align.core.signature``):
the aligned and mined bitexts in their own headers, ``report.json`` and
``consistency.json`` as ``"signature"``, and the JSONL files with no Bitext in
them (``segmented/*.jsonl``, ``glossary/scan.jsonl``) in a first header line.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from align.core.errors import UsageError
from align.core.progress import Progress, no_progress
from align.core.signature import Signature
from align.job.build_pairs import run_pairs
from align.job.corpus import CorpusEntry, read_manifest
from align.job.ledger import Ledger
from align.job.lock import exports_lock

# A mined pair (and an aligned bead counted in the consistency headline) is kept at or above this
# confidence: 0.9 is what ``bitext mine --help`` recommends for a clean translation memory (on MAC-Dev
# 97.8 % of mined pairs at or above it are right; at 0.5 a third of the seed corpus's pairs were unrelated).
MINING_THRESHOLD = 0.9
SENTENCES_FORMAT = "bitext-sentences"
SCAN_FORMAT = "bitext-scan"


@dataclass
class BuildReport:
    signature: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[dict[str, Any]] = field(default_factory=list)
    glossary: list[dict[str, Any]] = field(default_factory=list)
    consistency: dict[str, Any] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)  # every output but report.json, written or unchanged
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)  # the outputs this run wrote (the others were unchanged)

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "settings": self.settings,
            "documents": self.documents,
            "pairs": self.pairs,
            "glossary": self.glossary,
            "consistency": self.consistency,
            "outputs": self.outputs,
            "seconds": round(self.seconds, 2),
        }


class _Outputs:
    """Writes into the exports folder through its ledger, refusing to clobber files it did not write."""

    def __init__(self, folder: Path, force: bool):
        self.folder = folder
        self.force = force
        self.ledger = Ledger(folder)
        self.outputs: list[str] = []  # every output of this build, written or unchanged
        self.written: list[str] = []  # those written by this run

    def __call__(self, relative: str, writer: Callable[[Path], None]) -> Path:
        """Call ``writer(path)``, which must write ``path`` atomically with force=True semantics."""
        if self.ledger.write(relative, writer, self.force):
            self.written.append(relative)
        self.outputs.append(relative)
        return self.folder / relative

    write = __call__

    def unchanged(self, relative: str) -> None:
        self.outputs.append(relative)


def build(
    corpus_dir: str | Path = "corpus",
    exports_dir: str | Path = "exports",
    *,
    force: bool = False,
    glossary_path: str | Path | None = None,
    fast: bool = False,
    jobs: int | None = 1,
    progress: Progress | None = None,
    min_confidence: float = MINING_THRESHOLD,
    tmx_min_confidence: float | None = None,
) -> BuildReport:
    """Process ``corpus_dir`` (see ``corpus/manifest.csv``) into ``exports_dir``.

    ``jobs``: pairs aligned at once, one process each (None: every core).
    ``min_confidence``: mined pairs below it are not exported, and the consistency
    headline counts only beads (aligned or mined) at or above it (default 0.9).
    One build at a time per exports folder: a second one started while the
    first runs is refused (``FolderBusyError``, exit code 3; ``align.job.lock``).
    ``tmx_min_confidence``: the TMX memories' threshold (None: TMX's default, 0.5);
    the beads below it go to ``<pair>.penalty.tmx``.

    ``progress(stage, done, total)`` names each step (reading a document,
    aligning a pair...) with the steps of its kind done so far and in all.
    """
    started = time.perf_counter()
    if not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"min_confidence must lie between 0 and 1, not {min_confidence}")
    entries = read_manifest(corpus_dir)
    termbase = _termbase(glossary_path)  # bad input is refused before the exports folder is touched
    with exports_lock(exports_dir):
        return _build(entries, Path(exports_dir), force, termbase, fast, jobs, progress or no_progress, min_confidence,
                      started, tmx_min_confidence)


def _build(entries, exports_dir: Path, force, termbase, fast, jobs, step, threshold: float, started: float,
           tmx_min_confidence: float | None = None) -> BuildReport:
    outputs = _Outputs(exports_dir, force)
    run = run_signature(fast, threshold)
    report = BuildReport(
        signature=str(run),
        settings={"fast": fast, "mining_threshold": threshold, "glossary": termbase.signature,
                  "tmx_min_confidence": tmx_min_confidence},
    )
    documents = {}
    for done, entry in enumerate(entries):
        step(f"reading {entry.name}", done, len(entries))
        documents[entry.name] = doc = _read(entry)
        outputs.write(f"segmented/{entry.path.stem}.jsonl", lambda path, d=doc, n=entry.name: _write_sentences(d, n, run, path))
        report.documents.append(_document_row(entry, doc))
    report.pairs, bitexts = run_pairs(_pairs(entries), documents, outputs.ledger, outputs, run, fast=fast,
                                      threshold=threshold, jobs=jobs, step=step,
                                      tmx_min_confidence=tmx_min_confidence)
    step("checking the English against the glossary", 0, 1)
    report.glossary = _scan_glossary(entries, documents, outputs, termbase, run)
    if bitexts:
        step("scoring term consistency across the aligned pairs", 0, 1)
        report.consistency = _consistency(bitexts, termbase, outputs, run, threshold)
    report.outputs = list(outputs.outputs)
    report.seconds = time.perf_counter() - started
    _write_report(report, outputs)
    report.written = list(outputs.written)
    return report


def _write_report(report: BuildReport, outputs: _Outputs) -> None:
    """``report.json``, unless the one there (written by bitext) differs only in ``seconds``."""
    new = report.to_dict()
    target = outputs.folder / "report.json"
    if target.is_file() and outputs.ledger.accepts("report.json"):
        try:
            old = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = None
        if isinstance(old, dict) and {**old, "seconds": None} == {**json.loads(json.dumps(new)), "seconds": None}:
            return
    outputs.write("report.json", lambda path: _write_json(new, path))


def run_signature(fast: bool, threshold: float = MINING_THRESHOLD) -> Signature:
    """The one signature of a build: how every output was made, the same for every run made the same way.

    The glossary is not in it: the build does not align with it (``report.json``
    and ``consistency.json`` name it beside the signature).
    """
    from align.aligner.settings import AlignSettings
    from align.aligner.signature import signature

    return signature(AlignSettings(fast=fast), terms=None, mining_threshold=threshold)


def _read(entry: CorpusEntry):
    from align.read.reader import read_document

    return read_document(entry.path, entry.lang)


def _document_row(entry: CorpusEntry, doc) -> dict[str, Any]:
    from align.read.summary import describe

    row = describe(doc)
    row["file"] = entry.name
    row["removed"] = sum(row["removed"].values())
    row["manifest_script"] = entry.script
    return row


def _write_sentences(doc, name: str, run: Signature, path: Path) -> None:
    from align.read.summary import sentence_rows

    header = {"format": SENTENCES_FORMAT, "version": 1, "signature": str(run), "document": name}
    _write_jsonl([header, *sentence_rows(doc)], path)


def _write_json(obj: Any, path: Path) -> None:
    from align.core.atomic import atomic_open

    with atomic_open(path, "w", force=True) as handle:
        json.dump(obj, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def _pairs(entries: list[CorpusEntry]) -> list[tuple[CorpusEntry, CorpusEntry, str]]:
    """Each related zh/en pair once, Chinese first."""
    by_name = {e.name: e for e in entries}
    seen: set[tuple[str, str]] = set()
    pairs = []
    for entry in entries:
        for other_name in entry.related_to:
            other = by_name[other_name]
            if {entry.lang, other.lang} != {"zh", "en"}:
                continue
            zh, en = (entry, other) if entry.lang == "zh" else (other, entry)
            if (zh.name, en.name) in seen:
                continue
            seen.add((zh.name, en.name))
            relation = "translation" if "translation" in (entry.relation, other.relation) else "comparable"
            pairs.append((zh, en, relation))
    return pairs


def _termbase(glossary_path):
    from glossary import TermBase, load_default

    return TermBase.read(glossary_path) if glossary_path else load_default()


def _consistency(bitexts, termbase, outputs: _Outputs, run: Signature, threshold: float) -> dict[str, Any]:
    """Term consistency over the beads at or above ``threshold``: a misaligned bead would count as an inconsistency."""
    from glossary.consistency import consistency
    from glossary.report_page import write_report_page

    labels = [f"{Path(b.zh_name).stem}__{Path(b.en_name).stem}" for b in bitexts]
    confident = [confident_part(b, threshold) for b in bitexts]
    summary = consistency(confident, termbase, labels=labels, signature=run).to_dict()
    summary["summary"]["min confidence"] = threshold
    outputs.write("consistency.json", lambda path: _write_json(summary, path))
    outputs.write("consistency.html", lambda path: write_report_page(summary, path, beads=[b for bt in bitexts for b in bt.beads],
                                                                     force=True, title="Consistency of the corpus"))
    return summary["summary"]


def confident_part(bitext, threshold: float):
    """A copy of ``bitext`` holding only its two-sided beads whose confidence is at least ``threshold``."""
    from dataclasses import replace

    beads = [b for b in bitext.beads if b.zh_ids and b.en_ids and (b.confidence or 0.0) >= threshold]
    return replace(bitext, beads=beads)


def _scan_glossary(entries, documents, outputs: _Outputs, termbase, run: Signature) -> list[dict[str, Any]]:
    from glossary import scan

    rows: list[dict[str, Any]] = []
    english = [entry for entry in entries if entry.lang == "en"]
    for entry in english:
        for finding in scan(documents[entry.name], termbase):
            rows.append({**finding.to_dict(), "file": entry.name})
    header = {"format": SCAN_FORMAT, "version": 1, "signature": str(run), "glossary": termbase.signature,
              "documents": [entry.name for entry in english]}
    outputs.write("glossary/scan.jsonl", lambda path: _write_jsonl([header, *rows], path))
    return rows


def _write_jsonl(rows: list[dict[str, Any]], path: Path) -> None:
    from align.core.atomic import atomic_open

    with atomic_open(path, "w", force=True) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
