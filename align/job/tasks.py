"""One document pair = one task: a picklable description, and the function any worker runs on it.

:func:`run_task` reads both documents, aligns them and serialises the output in
the chosen format, all in the worker; it returns a :class:`PairResult` holding the
output files as bytes, which the parent process writes (atomically, through the
ledger). Whatever goes wrong with one pair (an empty or binary file, a bad
encoding, two documents in one language...) comes back as a failed result,
never as an exception that would stop the batch.

The documents travel as bytes when the task says so (``zh_data``/``en_data``:
a Dask cluster's workers may not share the client's file system); otherwise
the worker reads the paths. :func:`load_resources` loads every model and
dictionary the aligner uses, once per process: a pool's initializer and the
Dask worker plugin call it, so no task pays for loading.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align.core.errors import BitextError

OK, FAILED, SKIPPED = "ok", "failed", "skipped"


@dataclass(frozen=True, kw_only=True)
class PairOptions:
    """How a pair is aligned and written: the same for every pair of a batch."""

    fmt: str = "tmx"
    presplit: bool = False
    fast: bool = False
    paragraphs: str = "auto"
    min_confidence: float | None = None
    zh_encoding: str | None = None
    en_encoding: str | None = None
    zh_lang: str | None = None
    en_lang: str | None = None
    glossary: str | None = None  # a glossary file's path...
    keep_omissions: bool = False  # TMX: keep one-sided beads in each memory
    penalty_folder: str | None = None  # TMX: each pair's two-sided beads below min_confidence to <folder>/<name>.tmx


@dataclass(frozen=True)
class PairTask(PairOptions):
    """Everything a worker needs to align one pair and serialise its output; plain data, picklable."""

    name: str
    zh_path: str
    en_path: str
    output: str  # OUT_DIR/<name>.<ext> (a prefix for Moses: <name>.zh and <name>.en)
    glossary_data: bytes | None = None  # ...or its bytes (named by the path's file name)
    zh_data: bytes | None = None  # the documents' bytes, when the worker may not see the paths
    en_data: bytes | None = None
    date: str | None = None  # TMX creationdate: one for the whole batch, wherever a pair runs
    allow_mismatch: bool = False  # align even documents whose lengths are far from a translation's (--force)
    penalty: str | None = None  # the pair's penalty memory, relative to the output folder (the ledger's name for it)

    def options(self) -> dict[str, Any]:
        """What shapes the output besides the alignment signature (recorded in the ledger)."""
        options = {"format": self.fmt, "presplit": self.presplit, "min-confidence": self.min_confidence,
                   "zh-encoding": self.zh_encoding, "en-encoding": self.en_encoding,
                   "zh-lang": self.zh_lang, "en-lang": self.en_lang}
        # only when given: the folders aligned before these options existed stay up to date
        if self.keep_omissions:
            options["keep-omissions"] = True
        if self.penalty:
            options["penalty"] = self.penalty
        return options


@dataclass
class PairResult:
    """How one pair went. ``outputs`` (file name -> bytes) is emptied once the parent has written them."""

    name: str
    status: str
    zh: str = ""
    en: str = ""
    beads: int = 0
    confident: int = 0  # beads with confidence >= 0.9
    document_score: float | None = None
    seconds: float = 0.0
    error: str = ""
    exit_code: int = 0  # of the error: 2 bad input, 3 refused to overwrite
    warnings: list[str] = field(default_factory=list)
    outputs: dict[str, bytes] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # the output files, relative to OUT_DIR
    signature: str = ""  # the signature the worker's bitext carries
    zh_sha256: str = ""
    en_sha256: str = ""
    details: str = ""  # the traceback of an unexpected error

    def to_dict(self) -> dict[str, Any]:
        row = {"name": self.name, "zh": self.zh, "en": self.en, "status": self.status, "beads": self.beads,
               "confident": self.confident, "document_score": self.document_score, "seconds": round(self.seconds, 2),
               "outputs": list(self.files), "error": self.error, "warnings": list(self.warnings)}
        if self.details:
            row["traceback"] = self.details
        return row


def run_task(task: PairTask) -> PairResult:
    """Align one pair; every error becomes a failed result."""
    import hashlib

    started = time.perf_counter()
    result = PairResult(task.name, FAILED, zh=task.zh_path, en=task.en_path)
    try:
        zh_data = task.zh_data if task.zh_data is not None else _read(task.zh_path)
        en_data = task.en_data if task.en_data is not None else _read(task.en_path)
        result.zh_sha256 = hashlib.sha256(zh_data).hexdigest()
        result.en_sha256 = hashlib.sha256(en_data).hexdigest()
        _align(task, zh_data, en_data, result)
        result.status = OK
    except BitextError as error:
        result.error, result.exit_code = str(error), error.exit_code
    except Exception as error:  # a bug or a resource problem in one pair must not stop the batch
        result.error, result.exit_code = f"unexpected {type(error).__name__}: {error}", 2
        result.details = traceback.format_exc()
    result.seconds = time.perf_counter() - started
    return result


def _read(path: str) -> bytes:
    from align.core.errors import InputError
    from align.read.reader import MAX_BYTES

    source = Path(path)
    try:
        if source.is_dir():
            raise InputError(f"{source}: is a directory, not a document")
        if source.stat().st_size > MAX_BYTES:
            raise InputError(f"{source}: over the {MAX_BYTES // 2**20} MB limit for one document; split it")
        return source.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: file not found") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read: {error.strerror}") from None


def _align(task: PairTask, zh_data: bytes, en_data: bytes, result: PairResult) -> None:
    from align.aligner import AlignmentWarning, align
    from align.aligner.settings import AlignSettings
    from align.core.signature import Signature
    from align.formats import ExportWarning
    from align.read.reader import read_document

    if not task.allow_mismatch and Path(task.zh_path).suffix.lower() == Path(task.en_path).suffix.lower():
        from align.aligner.pairing import check_sizes  # a PDF's bytes say little about a .txt's

        check_sizes(task.zh_path, len(zh_data), task.en_path, len(en_data))
    zh_doc = read_document(zh_data, "zh", presplit=task.presplit, encoding=task.zh_encoding, name=task.zh_path)
    en_doc = read_document(en_data, "en", presplit=task.presplit, encoding=task.en_encoding, name=task.en_path)
    settings = AlignSettings(fast=task.fast, paragraphs=task.paragraphs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AlignmentWarning)
        warnings.simplefilter("always", ExportWarning)
        declared = tuple(side for side, code in (("zh", task.zh_lang), ("en", task.en_lang)) if code)  # vouched for
        bitext = align(zh_doc, en_doc, settings=settings, glossary=_glossary(task), allow_mismatch=task.allow_mismatch,
                       declared=declared)
        if task.zh_lang:
            bitext.zh_lang = task.zh_lang
        if task.en_lang:
            bitext.en_lang = task.en_lang
        result.outputs = serialize(bitext, task)
    messages = (str(w.message) for w in caught if issubclass(w.category, UserWarning))  # the aligner's, the format's, a cache's...
    result.warnings = list(dict.fromkeys(messages))
    result.files = list(result.outputs)
    result.beads = len(bitext.beads)
    result.confident = sum(1 for bead in bitext.beads if (bead.confidence or 0) >= 0.9)
    result.document_score = bitext.document_score
    result.signature = str(Signature(bitext.signature))


def serialize(bitext, task: PairTask) -> dict[str, bytes]:
    """The output file(s) of ``task`` as bytes, by file name, written through the format's own writer."""
    from align.formats import write_bitext
    from align.formats.registry import get_format

    options: dict[str, Any] = {"date": task.date} if task.fmt == "tmx" and task.date else {}
    if task.keep_omissions:
        options["keep_omissions"] = True
    with tempfile.TemporaryDirectory(prefix="bitext-task-") as folder:
        target = Path(folder) / Path(task.output).name
        if task.penalty:
            options["penalty"] = Path(folder) / "penalty" / target.name
            options["penalty"].parent.mkdir()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            write_bitext(bitext, target, fmt=task.fmt, force=True, min_confidence=task.min_confidence, **options)
        for said in caught:  # the format's warnings name the files the user will find, not this temporary folder
            message = str(said.message)
            if task.penalty:
                message = message.replace(str(options["penalty"]), os.path.normpath(Path(task.output).parent / task.penalty))
            warnings.warn(message.replace(str(target), task.output), said.category, stacklevel=1)
        outputs = {path.name: path.read_bytes() for path in get_format(task.fmt).targets(target)}
        if task.penalty:
            outputs[task.penalty] = options["penalty"].read_bytes()
        return outputs


_GLOSSARIES: dict[tuple[str, bytes | None], Any] = {}


def remember_glossary(path: str, terms) -> None:
    """Use ``terms`` (already read from ``path`` by the parent) for tasks run in this process."""
    _GLOSSARIES[(path, None)] = terms


def _glossary(task: PairTask):
    """The task's term base, read once per process (from its bytes in a temporary file of the same name)."""
    if not task.glossary:
        return None
    key = (task.glossary, task.glossary_data)
    if key not in _GLOSSARIES:
        from glossary import TermBase

        if task.glossary_data is None:
            _GLOSSARIES[key] = TermBase.read(task.glossary)
        else:
            with tempfile.TemporaryDirectory(prefix="bitext-glossary-") as folder:
                copy = Path(folder) / Path(task.glossary).name
                copy.write_bytes(task.glossary_data)
                _GLOSSARIES[key] = TermBase.read(copy)
    return _GLOSSARIES[key]


def load_resources(fast: bool = False, mining: bool = False, worker: bool = False) -> None:
    """Load every model and dictionary the aligner uses into this process, and keep BLAS to one thread.

    Idempotent (each loader caches). A pool's initializer and the Dask worker
    plugin call it once per worker (``worker=True``: one embedding thread too, as
    there is a worker per core), so no task pays for loading.
    """
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    from threadpoolctl import threadpool_limits

    from align.aligner.model import load_model
    from align.aligner.resources import chinese, english, names
    from align.aligner.resources.cedict import load_cedict

    threadpool_limits(limits=1, user_api="blas")  # the whole worker: one pair at a time, one BLAS thread
    load_cedict()
    load_model()
    english.lemma("x")
    names.zh_name_keys("汪淼")
    chinese.words("中文")
    from align.aligner.resources import embeddings

    if worker:
        embeddings.use_threads(1)
    if not fast:
        embeddings.load_model()
    if mining:
        from align.aligner.mining.model import load_model as load_mining_model

        load_mining_model()
