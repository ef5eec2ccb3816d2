"""Alignment scores exactly as Vecalign's ``score.py`` defines them.

Strict: a predicted bead counts only if the same bead is in the gold.
Lax: a predicted bead counts if it overlaps a gold bead on both sides.
Beads empty on both sides are ignored; 1-0 / 0-1 beads count toward
precision but not recall. Counts are micro-averaged over files.

>>> from align.aligner.evaluate import read_align, score
>>> score([read_align("gold/001.align")], [read_align("auto/001.align")])["strict"]["f1"]
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from align.core.bitext import IdPair, parse_align_lines
from align.core.errors import InputError

Bead = IdPair


def read_align(path: str | os.PathLike) -> list[Bead]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    return parse_align_lines(text.splitlines(), str(path))


def _counts(gold: list[Bead], test: list[Bead]) -> list[int]:
    """tp strict, fp strict, tp lax, fp lax of ``test`` against ``gold``."""
    test_set = {(s, t) for s, t in test if s or t}
    gold_set = {(s, t) for s, t in gold if s or t}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for s in src:
            gold_targets[s].update(tgt)
    tp_s = fp_s = tp_l = fp_l = 0
    for src, tgt in test_set:
        if (src, tgt) in gold_set:
            tp_s += 1
            tp_l += 1
            continue
        fp_s += 1
        reachable = set()
        for s in src:
            reachable |= gold_targets.get(s, set())
        if reachable & set(tgt):
            tp_l += 1
        else:
            fp_l += 1
    return [tp_s, fp_s, tp_l, fp_l]


@dataclass
class Counts:
    p: list[int]
    r: list[int]

    def __iadd__(self, other: Counts) -> Counts:
        self.p = [x + y for x, y in zip(self.p, other.p)]
        self.r = [x + y for x, y in zip(self.r, other.r)]
        return self

    def scores(self) -> dict[str, dict[str, float]]:
        out = {}
        for name, k in (("strict", 0), ("lax", 2)):
            p = _ratio(self.p[k], self.p[k] + self.p[k + 1])
            r = _ratio(self.r[k], self.r[k] + self.r[k + 1])
            out[name] = {"precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r)}
        return out


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def counts(gold: list[Bead], test: list[Bead]) -> Counts:
    test_pairs = [(s, t) for s, t in test if s and t]
    gold_pairs = [(s, t) for s, t in gold if s and t]
    return Counts(_counts(gold, test), _counts(test_pairs, gold_pairs))


def score(golds: list[list[Bead]], tests: list[list[Bead]]) -> dict[str, dict[str, float]]:
    """Micro-averaged strict and lax precision, recall and F1 over several files."""
    if len(golds) != len(tests):
        raise ValueError("one test alignment per gold alignment")
    total = Counts([0, 0, 0, 0], [0, 0, 0, 0])
    for gold, test in zip(golds, tests):
        total += counts(gold, test)
    return total.scores()


def swapped(beads: list[Bead]) -> list[Bead]:
    """The same beads with the two sides exchanged (a gold written English-first, like the Bible's)."""
    return [(en, zh) for zh, en in beads]


def _extent(beads: list[Bead]) -> tuple[int, int]:
    """Sentences each side covers: one past the highest id (0 for a side with no ids)."""
    zh = max((i for src, _ in beads for i in src), default=-1) + 1
    en = max((i for _, tgt in beads for i in tgt), default=-1) + 1
    return zh, en


def fit_warning(name: str, gold: list[Bead], auto: list[Bead], swap: bool) -> str | None:
    """Why the ids of ``gold`` and ``auto`` cannot be of the same two texts, or None when they fit.

    Both alignments of a pair of texts cover every sentence of both sides, so each side's
    highest id must be the same; a gold whose sides fit only the other way round is said to be.
    """
    gold_zh, gold_en = _extent(gold)
    auto_zh, auto_en = _extent(auto)
    if (gold_zh, gold_en) == (auto_zh, auto_en):
        return None
    said = f"{name}: the ids do not fit: the gold covers {gold_zh} Chinese and {gold_en} English sentences, the alignment {auto_zh} and {auto_en}"
    if (gold_en, gold_zh) == (auto_zh, auto_en) and gold_zh != gold_en:
        return said + (" (the gold's sides are the other way round: it was given --swap)" if swap else "; the gold looks written English-first: try --swap")
    return said


def evaluate_dirs(gold_dir: str | os.PathLike, auto_dir: str | os.PathLike, swap: bool = False) -> dict:
    """Score every gold file against the auto file of the same name (``.align`` or bare name).

    ``swap``: the gold files list the English ids first (``[en ids]:[zh ids]``). The result's
    ``warnings`` say when a file's ids do not fit the alignment's (another text, or the sides
    the other way round) and when nothing at all matched.
    """
    gold_dir, auto_dir = Path(gold_dir), Path(auto_dir)
    for d in (gold_dir, auto_dir):
        if not d.is_dir():
            raise InputError(f"{d}: not a directory")
    golds = sorted(p for p in gold_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    if not golds:
        raise InputError(f"{gold_dir}: no gold alignment files")
    files = []
    total = Counts([0, 0, 0, 0], [0, 0, 0, 0])
    missing = []
    warnings = []
    for gold_path in golds:
        candidates = [auto_dir / gold_path.name, auto_dir / (gold_path.stem + ".align"), auto_dir / gold_path.stem]
        auto_path = next((c for c in candidates if c.is_file()), None)
        if auto_path is None:
            missing.append(gold_path.name)
            continue
        gold, auto = read_align(gold_path), read_align(auto_path)
        if swap:
            gold = swapped(gold)
        warning = fit_warning(gold_path.name, gold, auto, swap)
        if warning:
            warnings.append(warning)
        c = counts(gold, auto)
        total += c
        files.append({"file": gold_path.name, **c.scores()})
    if missing:
        raise InputError(f"{auto_dir}: no alignment for {', '.join(missing)}")
    overall = total.scores()
    if overall["lax"]["precision"] == 0 and overall["lax"]["recall"] == 0:
        hint = "" if warnings else "; check that --gold and --auto hold alignments of the same texts, Chinese ids first (else --swap)"
        warnings.append(f"no predicted bead overlaps a gold bead: the score is 0{hint}")
    return {"files": files, "overall": overall, "swap": swap, "warnings": warnings}
