"""Folders in, pairs out: listing and reading the documents, writing the pairs TSV."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from align.aligner.pairing import han_share
from align.core.document import Document
from align.core.errors import InputError
from align.job.pairing.engine import DocumentPair
from align.job.pairing.profiles import Profile, Profiler

SIDE = {"zh": "Chinese", "en": "English"}


def list_documents(folder: str | Path, lang: str) -> list[Path]:
    """The documents of a folder: its regular files, hidden ones (``.x``) and backups (``x~``) left out, sorted."""
    folder = Path(folder)
    if not folder.exists():
        raise InputError(f"{folder}: folder not found")
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder (give the folder of the {SIDE[lang]} documents)")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and not p.name.endswith("~"))
    if not files:
        raise InputError(f"{folder}: no documents in this folder (the {SIDE[lang]} side is empty)")
    return files


def check_language(doc: Document, lang: str, path: Path) -> None:
    """InputError for a document without text or in the other language (a file in the wrong folder)."""
    if not any(s.text.strip() for s in doc.sentences):
        raise InputError(f"{path}: no text in this document")
    share = han_share(doc)
    if lang == "zh" and share < 0.2:
        raise InputError(f"{path}: no Chinese text (it reads as English); is it in the wrong folder?")
    if lang == "en" and share > 0.5:
        raise InputError(f"{path}: it reads as Chinese, not English; is it in the wrong folder?")


def read_profiles(paths: Iterable[Path], lang: str, profiler: Profiler, *, presplit: bool = False, encoding: str | None = None,
                  skip_bad: bool = False, on_profile: Callable[[Profile], None] | None = None,
                  progress: Callable[[int], None] | None = None) -> tuple[list[Profile], list[dict[str, str]]]:
    """Read, check and profile every file; the profiles, and the files skipped with why (``skip_bad``)."""
    from align.read.reader import read_document

    profiles: list[Profile] = []
    skipped: list[dict[str, str]] = []
    for count, path in enumerate(paths, start=1):
        try:
            doc = read_document(path, lang, presplit=presplit, encoding=encoding)
            check_language(doc, lang, path)
        except InputError as error:
            if not skip_bad:
                raise InputError(f"{error} (--skip-bad leaves such files out)") from None
            skipped.append({"path": str(path), "reason": str(error)})
            continue
        profile = profiler.profile(doc, path)
        profiles.append(profile)
        if on_profile is not None:
            on_profile(profile)
        if progress is not None:
            progress(count)
    return profiles, skipped


def pair_names(pairs: list[DocumentPair]) -> list[str]:
    """A distinct plain file name per pair, for the outputs of ``bitext align --pairs``: the Chinese file's name
    without its text extension; the English one's added when two Chinese files would give the same name."""
    from align.job.discover import pair_name

    names = [pair_name(p.zh_name) for p in pairs]
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    out, seen = [], set()
    for pair, name in zip(pairs, names):
        if counts[name] > 1:
            name = f"{name}-{pair_name(pair.en_name)}"
        base, k = name, 2
        while name in seen:
            name, k = f"{base}-{k}", k + 1
        seen.add(name)
        out.append(name.lstrip(".") or "pair")
    return out


def tsv_lines(pairs: list[DocumentPair], relative_to: Path | None) -> list[str]:
    """``zh_path<TAB>en_path<TAB>name<TAB>score<TAB>verdict`` per pair, after a ``#`` header line; paths relative
    to ``relative_to`` (the TSV's folder: ``bitext align --pairs`` reads them so) when given."""
    lines = ["# zh_path\ten_path\tname\tscore\tverdict"]
    for pair, name in zip(pairs, pair_names(pairs)):
        zh, en = (_relative(p, relative_to) for p in (pair.zh_path or Path(pair.zh_name), pair.en_path or Path(pair.en_name)))
        lines.append(f"{zh}\t{en}\t{name}\t{pair.score:.4f}\t{pair.verdict}")
    return lines


def write_pairs_tsv(pairs: list[DocumentPair], path: str | Path, force: bool = False) -> Path:
    """Write the TSV atomically (``OutputExistsError`` if it exists and not ``force``)."""
    from align.core.atomic import atomic_open

    path = Path(path)
    folder = path.resolve().parent
    with atomic_open(path, "w", force=force) as handle:
        handle.write("\n".join(tsv_lines(pairs, folder)) + "\n")
    return path


def _relative(path: Path, folder: Path | None) -> str:
    if folder is None:
        return path.as_posix()
    try:
        return Path(os.path.relpath(path.resolve(), folder)).as_posix()
    except ValueError:  # another drive (Windows)
        return path.resolve().as_posix()
