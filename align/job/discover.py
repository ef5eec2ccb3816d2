"""Which document pairs a batch aligns: same-named files in two folders, or a TSV list of pairs.

Folders: ``zh/001`` pairs with ``en/001`` (the MAC-Dev layout), and, for files
whose names carry the language, ``zh/a.zh.txt`` with ``en/a.en.txt`` (also
``a_zh.txt``/``a-zh.txt``, ``a.zh``). Hidden files and sub-folders are left out;
a file with no partner is reported, not aligned. A pair's name is the shared file
name without a text extension (``.txt``, ``.html``...): ``001``, ``a``; its output
is ``OUT_DIR/<name>.<ext>``.

TSV (``--pairs``): one pair per line, ``zh_path<TAB>en_path[<TAB>name]``;
relative paths are relative to the TSV's folder; blank lines and lines starting
with ``#`` are skipped, as is a first line ``zh<TAB>en[<TAB>name]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from align.core.errors import InputError, UsageError

TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".odt", ".epub", ".pdf", ".srt", ".vtt")


@dataclass(frozen=True)
class PairSpec:
    name: str
    zh: Path
    en: Path


def pairs_in_folders(zh_dir: str | Path, en_dir: str | Path) -> tuple[list[PairSpec], list[str]]:
    """The pairs of same-named files in ``zh_dir`` and ``en_dir``, sorted by name; and the files left without a partner."""
    zh_dir, en_dir = Path(zh_dir), Path(en_dir)
    zh_files, en_files = _files(zh_dir), _files(en_dir)
    pairs: list[tuple[str, Path, Path]] = []
    for filename in sorted(set(zh_files) & set(en_files)):
        pairs.append((filename, zh_files.pop(filename), en_files.pop(filename)))
    zh_keys, en_keys = _keyed(zh_files, "zh"), _keyed(en_files, "en")
    for key in sorted(set(zh_keys) & set(en_keys)):
        pairs.append((key, zh_files.pop(zh_keys[key].name), en_files.pop(en_keys[key].name)))
    unpaired = [str(path) for path in sorted([*zh_files.values(), *en_files.values()])]
    specs = [PairSpec(pair_name(key), zh, en) for key, zh, en in pairs]
    _check_names(specs)
    return sorted(specs, key=lambda spec: spec.name), unpaired


def pairs_from_tsv(path: str | Path) -> list[PairSpec]:
    """The pairs listed in a TSV file; InputError naming the line for a malformed one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: pairs file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the pairs file: {error}") from None
    specs: list[PairSpec] = []
    where: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if not specs and [f.lower() for f in fields] in (["zh", "en"], ["zh", "en", "name"]):
            continue
        # further columns (bitext pair writes score and verdict after the name) are for people: ignored
        if len(fields) < 2 or not all(fields[:3]):
            raise InputError(f"{path}:{number}: expected zh_path<TAB>en_path[<TAB>name], got {line!r}")
        zh, en = (path.parent / fields[0]), (path.parent / fields[1])
        name = fields[2] if len(fields) >= 3 else pair_name(_key(zh.name, "zh"))
        _check_name(name, f"{path}:{number}")
        if name in where:
            raise InputError(f"{path}:{number}: pair name {name!r} is already used at line {where[name]}; give each pair its own name")
        where[name] = str(number)
        specs.append(PairSpec(name, zh, en))
    if not specs:
        raise InputError(f"{path}: no pairs listed (zh_path<TAB>en_path[<TAB>name] per line)")
    return specs


def pair_name(key: str) -> str:
    """``a.txt`` -> ``a``; ``001`` -> ``001``."""
    stem, suffix = _split(key)
    return stem if suffix.lower() in TEXT_EXTENSIONS and stem else key


def _files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder")
    return {p.name: p for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".") and not p.name.endswith("~")}


_LANG_TAG = {lang: re.compile(rf"[._-]{lang}(?=\.[^.]+$|$)", re.IGNORECASE) for lang in ("zh", "en")}


def _key(filename: str, lang: str) -> str:
    """The file name without its language tag: ``a.zh.txt`` -> ``a.txt``, ``a_en`` -> ``a``."""
    stripped = _LANG_TAG[lang].sub("", filename, count=1)
    return stripped or filename


def _keyed(files: dict[str, Path], lang: str) -> dict[str, Path]:
    keyed: dict[str, Path] = {}
    for filename, path in files.items():
        key = _key(filename, lang)
        if key == filename:
            continue
        if key in keyed:
            raise InputError(f"{keyed[key]} and {path} both pair as {key!r}; rename one")
        keyed[key] = path
    return keyed


def _split(filename: str) -> tuple[str, str]:
    dot = filename.rfind(".")
    return (filename[:dot], filename[dot:]) if dot > 0 else (filename, "")


def _check_name(name: str, where: str) -> None:
    if name in (".", "..") or name.startswith(".") or any(c in name for c in '/\\\0'):
        raise InputError(f"{where}: pair name {name!r} must be a plain file name (no folder, not hidden)")


def _check_names(specs: list[PairSpec]) -> None:
    seen: dict[str, PairSpec] = {}
    for spec in specs:
        _check_name(spec.name, str(spec.zh))
        if spec.name in seen:
            raise InputError(f"{seen[spec.name].zh} and {spec.zh} would both be written as {spec.name!r}; rename one")
        seen[spec.name] = spec
