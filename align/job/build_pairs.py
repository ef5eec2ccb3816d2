"""The pairs of ``bitext build``: translations aligned, comparable documents mined, on one core or many.

A pair whose two documents (sha256), run signature and relation are unchanged
since the build that wrote its five outputs (TMX, penalty TMX, XLSX, JSONL, HTML), all still
on disk as written, is not aligned again: its bitext is read back from its JSONL
output (lossless) for the report and the consistency scores, and nothing of
it is rewritten. The TMX is the memory a CAT tool may insert from: two-sided beads at
the build's TMX threshold or above; ``<pair>.penalty.tmx`` holds the two-sided beads
below it, for OmegaT's ``tm/penalty-NN/`` (see README, "Translation memories").
The others run as tasks (``align.job.workers``: in this
process, or ``jobs`` processes that load the models once each); the parent
writes their outputs through the ledger as each one comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.core.signature import Signature
from align.job.corpus import CorpusEntry
from align.job.ledger import Ledger, file_sha256

FORMATS = ("tmx", "penalty.tmx", "xlsx", "jsonl", "html")


@dataclass(frozen=True)
class BuildPair:
    """One pair of the build, as a worker gets it (the documents already read)."""

    zh_doc: Any
    en_doc: Any
    relation: str  # "translation" (aligned) or "comparable" (mined)
    fast: bool
    threshold: float


def align_pair(task: BuildPair):
    """Align a translation pair; mine the corresponding sentences of a comparable pair (module level: workers run it)."""
    if task.relation == "translation":
        from align.aligner import align

        return align(task.zh_doc, task.en_doc, fast=task.fast)
    from align.aligner.mining import mine

    return mine(task.zh_doc, task.en_doc, threshold=task.threshold, fast=task.fast)


def _raise(task: BuildPair, error: BaseException):
    raise error


def run_pairs(
    pairs: list[tuple[CorpusEntry, CorpusEntry, str]],
    documents: dict[str, Any],
    ledger: Ledger,
    write,
    run: Signature,
    *,
    fast: bool,
    threshold: float,
    jobs: int | None,
    step,
    tmx_min_confidence: float | None = None,
) -> tuple[list[dict[str, Any]], list[Any]]:
    """Align or mine every pair (skipping those done); the report rows and the bitexts, in the order of ``pairs``."""
    from align.formats import read_bitext
    from align.job.workers import run_all

    rows: list[dict[str, Any] | None] = [None] * len(pairs)
    bitexts: list[Any] = [None] * len(pairs)
    pending: list[tuple[int, str, str, dict[str, Any]]] = []
    for index, (zh_entry, en_entry, relation) in enumerate(pairs):
        folder = "aligned" if relation == "translation" else "mined"
        stem = f"{zh_entry.path.stem}__{en_entry.path.stem}"
        facts = {"zh_sha256": file_sha256(zh_entry.path), "en_sha256": file_sha256(en_entry.path), "signature": str(run),
                 "options": {"relation": relation, "formats": list(FORMATS), "zh-name": zh_entry.name, "en-name": en_entry.name,
                             "tmx-min-confidence": tmx_min_confidence}}
        key = f"build:{folder}/{stem}"
        if ledger.fresh(key, facts) is not None:
            for extension in FORMATS:
                write.unchanged(f"{folder}/{stem}.{extension}")
            bitexts[index] = read_bitext(ledger.folder / folder / f"{stem}.jsonl")
            rows[index] = _row(bitexts[index], zh_entry, en_entry, relation, threshold)
        else:
            pending.append((index, key, f"{folder}/{stem}", facts))
    tasks = [BuildPair(documents[pairs[index][0].name], documents[pairs[index][1].name], pairs[index][2], fast, threshold)
             for index, _, _, _ in pending]
    done = len(pairs) - len(pending)

    def on_result(position: int, bitext) -> None:
        nonlocal done
        index, key, stem, facts = pending[position]
        zh_entry, en_entry, relation = pairs[index]
        bitext.signature = run.to_dict()
        outputs = {}
        for extension in FORMATS:
            relative = f"{stem}.{extension}"
            write(relative, lambda path, fmt=extension: _write_bitext(bitext, path, fmt, tmx_min_confidence))
            outputs[relative] = file_sha256(ledger.folder / relative)
        ledger.finish(key, {**facts, "status": "ok", "outputs": outputs})
        bitexts[index] = bitext
        rows[index] = _row(bitext, zh_entry, en_entry, relation, threshold)
        done += 1
        step(f"aligned {zh_entry.name} ↔ {en_entry.name} ({relation})", done, len(pairs))

    if tasks:
        zh_entry, en_entry, relation = pairs[pending[0][0]]
        step(f"aligning {zh_entry.name} ↔ {en_entry.name} ({relation})", done, len(pairs))
    run_all(align_pair, tasks, on_result, _raise, jobs=jobs or 1, fast=fast,
            mining=any(task.relation != "translation" for task in tasks))
    return rows, bitexts


def _write_bitext(bitext, path: Path, fmt: str, tmx_min_confidence: float | None = None) -> None:
    import warnings
    from dataclasses import replace

    from align.formats import ExportWarning, write_bitext
    from align.formats.tmx import DEFAULT_MIN_CONFIDENCE

    threshold = DEFAULT_MIN_CONFIDENCE if tmx_min_confidence is None else tmx_min_confidence
    with warnings.catch_warnings():
        # what the memory leaves out is in the penalty memory beside it (omissions: in the JSONL): not a warning
        warnings.filterwarnings("ignore", message=".*left out of the memory", category=ExportWarning)
        if fmt == "penalty.tmx":
            below = [b for b in bitext if b.zh_text and b.en_text and b.confidence is not None and b.confidence < threshold]
            write_bitext(replace(bitext, beads=below), path, fmt="tmx", force=True, min_confidence=0.0)
        elif fmt == "tmx":
            write_bitext(bitext, path, fmt=fmt, force=True, min_confidence=threshold)
        else:
            write_bitext(bitext, path, fmt=fmt, force=True)


def _row(bitext, zh_entry: CorpusEntry, en_entry: CorpusEntry, relation: str, threshold: float) -> dict[str, Any]:
    """``confident``: the two-sided beads at or above the build's threshold, those the consistency headline counts."""
    return {
        "zh": zh_entry.name,
        "en": en_entry.name,
        "relation": relation,
        "document_score": bitext.document_score,
        "beads": len(bitext),
        "confident": sum(1 for b in bitext if b.zh_ids and b.en_ids and (b.confidence or 0.0) >= threshold),
    }
