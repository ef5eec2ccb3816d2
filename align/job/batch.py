"""Batch alignment: many document pairs into one output folder, resumable, on all cores or on a cluster.

>>> from align.job.batch import BatchOptions, run_batch
>>> from align.job.discover import pairs_in_folders
>>> pairs, unpaired = pairs_in_folders("mac-dev/zh", "mac-dev/en")
>>> report = run_batch(pairs, "out", BatchOptions(fmt="align", presplit=True), jobs=4)
>>> report.exit_code, [r.status for r in report.results]

Each pair is one task (``align.job.tasks``), run in this process (``jobs=1``), in a
pool of processes (``jobs=N``) or on a Dask cluster (``dask=ADDRESS``); the
results come back to this process, which writes every output as
``OUT_DIR/<name>.<ext>`` (atomically, never two writers on one file) and records
it in the folder's ledger (``align.job.ledger``) as each pair finishes.

Re-running is safe and cheap: a pair whose two inputs (sha256), settings
(the alignment signature and the output options) and outputs (sha256 on disk)
are unchanged since its last successful run is skipped, its outputs untouched; a
pair that failed runs again; a batch killed half-way resumes after the pairs it
finished. An output the ledger does not know, or one edited since bitext wrote
it, is never replaced without ``force``: that pair fails with exit code 3.

Exit code (:attr:`BatchReport.exit_code`): 0 when no pair failed; 3 when every
failure is such a refusal to overwrite; 2 otherwise (a pair's input could not be
read or aligned). A failed pair never stops the others.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable

from align.core.errors import InputError, OutputExistsError, UsageError
from align.core.progress import Progress, no_progress
from align.job.discover import PairSpec
from align.job.ledger import Ledger, bytes_sha256, file_sha256
from align.job.tasks import FAILED, OK, SKIPPED, PairOptions, PairResult, PairTask, remember_glossary, run_task

BatchOptions = PairOptions  # how every pair of a batch is aligned and written


@dataclass
class BatchReport:
    output: str
    fmt: str
    signature: str
    results: list[PairResult] = field(default_factory=list)
    unpaired: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def exit_code(self) -> int:
        failed = [result for result in self.results if result.status == FAILED]
        if not failed:
            return 0
        return 3 if all(result.exit_code == 3 for result in failed) else 2

    def to_dict(self) -> dict[str, Any]:
        return {"output": self.output, "format": self.fmt, "pairs": [result.to_dict() for result in self.results],
                "ok": self.count(OK), "skipped": self.count(SKIPPED), "failed": self.count(FAILED),
                "unpaired": list(self.unpaired), "exit_code": self.exit_code, "seconds": round(self.seconds, 2),
                "signature": self.signature}


def run_batch(
    pairs: list[PairSpec],
    output_dir: str | Path,
    options: BatchOptions | None = None,
    *,
    unpaired: list[str] | None = None,
    force: bool = False,
    jobs: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
    runner: Callable[[PairTask], PairResult] = run_task,
) -> BatchReport:
    """Align every pair into ``output_dir``; see the module's docstring. ``progress(stage, done, total)`` counts pairs.

    ``jobs``: processes on this machine (default: every core; 1: this process).
    They are started by a fork server, which imports the main script again: a
    script calling this with ``jobs`` > 1 must guard its entry point
    (``if __name__ == "__main__":``), as with any ``multiprocessing`` code.
    ``dask``: the address of a Dask scheduler to run the pairs on instead.
    ``runner`` runs one task (a module-level function, for the processes to find).
    ``force`` replaces outputs bitext did not write (or that were edited), and aligns
    documents whose lengths are far from a translation's (``align(allow_mismatch=True)``);
    it does not re-run pairs that are up to date.
    """
    from align.aligner.settings import AlignSettings
    from align.aligner.signature import signature
    from align.core.atomic import check_output_folder
    from align.formats import format_for
    from align.formats.tmx.write import creationdate

    started = time.perf_counter()
    options = options or BatchOptions()
    step = progress or no_progress
    fmt = format_for(output_dir, options.fmt or "tmx")
    if options.min_confidence is not None and not 0.0 <= options.min_confidence <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, got {options.min_confidence}")
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be at least 1")
    out = Path(output_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a folder: in batch mode -o names the output folder")
    check_output_folder(out)  # created if missing, as a batch fills a folder; refused now if it cannot be
    _check_tmx_options(options, fmt, out)
    if not pairs:
        raise InputError("no document pairs to align")
    settings = AlignSettings(fast=options.fast, paragraphs=options.paragraphs)
    terms = _glossary(options.glossary)
    run = str(signature(settings, terms=terms))
    report = BatchReport(str(out), fmt, run, unpaired=list(unpaired or []))
    ledger = Ledger(out)
    results: list[PairResult | None] = [None] * len(pairs)
    pending: list[tuple[int, PairTask, dict[str, Any]]] = []
    date = creationdate()
    step("checking what is already done", 0, len(pairs))
    for index, spec in enumerate(pairs):
        task = _task(spec, out, fmt, options, date)
        task = replace(task, allow_mismatch=force)
        results[index], facts = _plan(task, run, ledger, force)
        if results[index] is None:
            pending.append((index, task, facts))
    done = len(pairs) - len(pending)
    step(f"{done} pair(s) already done" if done else "aligning", done, len(pairs))

    def on_result(position: int, result: PairResult) -> None:
        nonlocal done
        index, task, facts = pending[position]
        results[index] = _commit(result, task, facts, ledger, force)
        done += 1
        step(f"{task.name}: {result.status}", done, len(pairs))

    from align.job.workers import run_all

    run_all(runner, [task for _, task, _ in pending], on_result, _machinery_failure, jobs=jobs, fast=options.fast,
            dask=dask, prepare=_with_bytes if dask else None)
    report.results = [result for result in results if result is not None]
    report.seconds = time.perf_counter() - started
    return report


def output_suffix(fmt: str) -> str:
    """``OUT_DIR/<name>`` + this is a pair's output: ``.tmx``...; nothing for Moses (it writes ``<name>.zh``/``<name>.en``)."""
    from align.formats.registry import get_format

    return "" if fmt == "moses" else get_format(fmt).extensions[0]


def _check_tmx_options(options: BatchOptions, fmt: str, out: Path) -> None:
    """Refuse, before any work, TMX options on another format and a penalty folder that could not take the memories."""
    import os

    from align.core.atomic import check_output_folder

    if fmt != "tmx" and (options.penalty_folder or options.keep_omissions):
        raise UsageError("--penalty-tmx and --keep-omissions are for TMX output (--format tmx)")
    if not options.penalty_folder:
        return
    folder = Path(options.penalty_folder)
    if os.path.abspath(folder) == os.path.abspath(out):
        raise UsageError(f"the penalty memories need a folder of their own: {folder} is the output folder")
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist; create it first"
        raise InputError(f"{folder}: {what} (in batch mode --penalty-tmx names a folder for each pair's penalty memory)")
    check_output_folder(folder)


def _penalty(options: BatchOptions, out: Path, name: str) -> str | None:
    """Where the pair's penalty memory goes, as the ledger of ``out`` names it (relative when it can be)."""
    if not options.penalty_folder:
        return None
    import os

    target = os.path.abspath(Path(options.penalty_folder) / f"{name}.tmx")
    try:
        return Path(os.path.relpath(target, os.path.abspath(out))).as_posix()
    except ValueError:  # another drive (Windows): no relative path leads there
        return target


def _glossary(path: Path | None):
    if path is None:
        return None
    from glossary import TermBase

    terms = TermBase.read(path)
    remember_glossary(str(path), terms)
    return terms


def _task(spec: PairSpec, out: Path, fmt: str, options: BatchOptions, date: str) -> PairTask:
    shared = {f.name: getattr(options, f.name) for f in fields(PairOptions)}
    shared.update(fmt=fmt, glossary=str(options.glossary) if options.glossary else None)
    return PairTask(spec.name, str(spec.zh), str(spec.en), str(out / f"{spec.name}{output_suffix(fmt)}"), date=date,
                    penalty=_penalty(options, out, spec.name), **shared)


def _key(task: PairTask) -> str:
    return f"{task.name}.{task.fmt}"


def _plan(task: PairTask, run: str, ledger: Ledger, force: bool) -> tuple[PairResult | None, dict[str, Any]]:
    """A skipped or refused result for a pair that must not run; None (and its facts) for one that must."""
    from align.formats.registry import get_format

    facts: dict[str, Any] = {"signature": run, "options": {**task.options(), "zh-name": Path(task.zh_path).name,
                                                          "en-name": Path(task.en_path).name}}
    try:
        facts["zh_sha256"], facts["en_sha256"] = file_sha256(task.zh_path), file_sha256(task.en_path)
    except OSError:
        return None, facts  # the worker reports what is wrong with the file
    record = ledger.fresh(_key(task), facts)
    if record is not None:
        return PairResult(task.name, SKIPPED, zh=task.zh_path, en=task.en_path, beads=record.get("beads", 0),
                          confident=record.get("confident", 0), document_score=record.get("document_score"),
                          files=list(record["outputs"]), signature=record.get("signature", ""),
                          warnings=list(record.get("warnings", []))), facts
    try:
        for target in get_format(task.fmt).targets(task.output):
            ledger.check(target.name, force)
        if task.penalty:
            ledger.check(task.penalty, force)
    except OutputExistsError as error:
        return PairResult(task.name, FAILED, zh=task.zh_path, en=task.en_path, error=str(error), exit_code=error.exit_code), facts
    return None, facts


def _commit(result: PairResult, task: PairTask, facts: dict[str, Any], ledger: Ledger, force: bool) -> PairResult:
    """Write a worker's outputs (atomically, through the ledger) and record how the pair went."""
    written: dict[str, str] = {}
    if result.status == OK:
        try:
            for name, data in result.outputs.items():
                ledger.put(name, data, force)
                written[name] = bytes_sha256(data)
        except OutputExistsError as error:
            result.status, result.error, result.exit_code = FAILED, str(error), error.exit_code
        except OSError as error:
            result.status, result.error, result.exit_code = FAILED, f"cannot write {error.filename}: {error.strerror}", 2
        if result.signature and result.signature != facts["signature"]:
            result.warnings.append(_signature_drift(facts["signature"], result.signature))
    result.outputs = {}
    record = {**facts, "name": task.name, "zh": task.zh_path, "en": task.en_path, "status": result.status, "outputs": written, "beads": result.beads,
              "confident": result.confident, "document_score": result.document_score,
              "seconds": round(result.seconds, 2), "error": result.error, "warnings": result.warnings}
    for side in ("zh_sha256", "en_sha256"):
        record[side] = getattr(result, side) or facts.get(side, "")
    if result.signature:
        record["signature"] = result.signature  # what the worker really ran (it may differ from this machine)
    ledger.finish(_key(task), record)
    return result


def _signature_drift(expected: str, got: str) -> str:
    from align.core.signature import Signature

    mine, theirs = Signature.parse(expected), Signature.parse(got)
    keys = [key for key in {**mine.to_dict(), **theirs.to_dict()} if mine.get(key) != theirs.get(key)]
    changes = ", ".join(f"{key} {mine.get(key, '-')} here, {theirs.get(key, '-')} on the worker" for key in keys)
    return f"the worker's versions or settings differ from this machine's ({changes}); the pair will run again next time"


def _machinery_failure(task: PairTask, error: BaseException) -> PairResult:
    """A pair whose worker died or whose result could not come back."""
    from concurrent.futures.process import BrokenProcessPool

    reason = "a worker process died while aligning it (out of memory, or killed)" if isinstance(error, BrokenProcessPool) \
        else f"{type(error).__name__}: {error}"
    return PairResult(task.name, FAILED, zh=task.zh_path, en=task.en_path, error=f"{reason}; re-run to retry", exit_code=2)


def _with_bytes(task: PairTask) -> PairTask:
    """The task with both documents (and the glossary) inside it as bytes, for workers on other machines."""
    def read(path: str | None) -> bytes | None:
        try:
            return Path(path).read_bytes() if path else None
        except OSError:
            return None  # the worker reports the path as unreadable

    return replace(task, zh_data=read(task.zh_path), en_data=read(task.en_path), glossary_data=read(task.glossary))
