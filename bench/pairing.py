"""Measure (and fit) document pairing on document sets cut from MAC-Dev chapters and Bible books.

A set is two folders, ``zh/`` and ``en/``, of documents under shuffled random
names, and the truth: which Chinese file goes with which English one, and how.

* Units: a MAC-Dev chapter cut into pieces of about N gold beads (both sides of
  a piece say the same thing); the Bible (Gen-Num) cut into passages of N
  verses (``zh.verse``/``en.verse`` give each line's verse) or whole chapters.
* Groups (a novel chapter, a Bible chapter) get a role: ``pair`` (both sides
  present), or ``zh-only`` / ``en-only`` (distractors: nothing of that group is on
  the other side, so they have no counterpart at all).
* In a ``pair`` group each unit is a translation or, with probability 0.15,
  only comparable: the first half of the Chinese with the second half of the
  English (same story and names, other sentences).
* A quarter of the Chinese files is converted to traditional script; files are
  running text (sentences joined into paragraphs of five), so the reader's
  cleaning and sentence splitting run as on real input.

Truth of a candidate pair: ``translation`` (the unit's two sides), ``comparable``
(same group, not the translation: a designed comparable pair, or two parts of
one chapter), else ``unrelated``.

Measured (``pair_folders``, the library call behind ``bitext pair``):

* pairs: a pair is *found* when its verdict is not ``unrelated``; precision =
  found pairs that are the designed ones, recall = designed pairs found;
* verdicts: precision/recall of ``translation`` and ``comparable`` (a verdict is
  right when the pair is the designed one and its kind matches), and the share
  of distractors left unpaired or marked unrelated;
* scale: sets of ~360, ~1,050 and ~2,000 documents a side (Bible passages of 12,
  4 and 2 verses), wall time and memory of a child process doing only that: its
  resident set once the dictionary and the embedding model are loaded, and its
  peak (VmHWM) while loading and after pairing.

Sets for measuring use other random draws (seed) than those for fitting, and
the figures are given twice: the shipped model (fitted on all training sets),
and cross-corpus (fitted on Bible sets only, measured on MAC-Dev; and the reverse).

    .venv/bin/python bench/pairing.py --fit            # fit align/job/data/pairing.json, then measure
    .venv/bin/python bench/pairing.py                  # measure only (writes bench/results/pairing.json)
    .venv/bin/python bench/pairing.py --modes fast --no-scale
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from record import save  # noqa: E402

MAC = ROOT.parent / "shared" / "benchmarks" / "mac-dev"
BIBLE = ROOT.parent / "shared" / "benchmarks" / "bible"
MAC_CHAPTERS = ["001", "002", "003", "004", "005", "006"]


@dataclass
class Unit:
    group: str
    zh: list[str]
    en: list[str]
    zh_first: list[str]  # the first half (comparable pairs)
    en_second: list[str]  # the second half


@dataclass
class Truth:
    """zh file name -> (en file name, "translation" | "comparable"); distractor file names per side."""

    pairs: dict[str, tuple[str, str]] = field(default_factory=dict)
    zh_alone: set[str] = field(default_factory=set)
    en_alone: set[str] = field(default_factory=set)
    zh_group: dict[str, str] = field(default_factory=dict)
    en_group: dict[str, str] = field(default_factory=dict)

    def label(self, zh: str, en: str) -> str:
        """The relation of two files: translation, comparable (same group) or unrelated."""
        designed = self.pairs.get(zh)
        if designed and designed[0] == en:
            return designed[1]
        return "comparable" if self.zh_group.get(zh) == self.en_group.get(en) else "unrelated"

    def counts(self) -> dict[str, int]:
        kinds = [k for _, k in self.pairs.values()]
        return {"translation pairs": kinds.count("translation"), "comparable pairs": kinds.count("comparable"),
                "zh without counterpart": len(self.zh_alone), "en without counterpart": len(self.en_alone),
                "zh documents": len(self.pairs) + len(self.zh_alone), "en documents": len(self.pairs) + len(self.en_alone)}


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def _gold(chapter: str) -> list[tuple[list[int], list[int]]]:
    beads = []
    for line in (MAC / "gold" / f"{chapter}.align").read_text().split("\n"):
        if line.strip():
            z, e = line.split(":")
            beads.append(([int(x) for x in z.strip("[] ").split(",") if x.strip()],
                          [int(x) for x in e.strip("[] ").split(",") if x.strip()]))
    return beads


def mac_units(beads_per_unit: int) -> list[Unit]:
    """Each MAC-Dev chapter cut into pieces of about ``beads_per_unit`` gold beads (group: the chapter)."""
    units = []
    for chapter in MAC_CHAPTERS:
        zh, en = _lines(MAC / "zh" / chapter), _lines(MAC / "en" / chapter)
        beads = [b for b in _gold(chapter) if b[0] or b[1]]
        pieces = max(1, round(len(beads) / beads_per_unit))
        size = len(beads) / pieces
        for p in range(pieces):
            part = beads[round(p * size):round((p + 1) * size)]
            half = len(part) // 2
            units.append(Unit(chapter, [zh[i] for b in part for i in b[0]], [en[i] for b in part for i in b[1]],
                              [zh[i] for b in part[:half] for i in b[0]], [en[i] for b in part[half:] for i in b[1]]))
    return units


def bible_units(verses_per_unit: int | None) -> list[Unit]:
    """Bible passages of ``verses_per_unit`` verses inside a chapter (None: whole chapters); group: the chapter."""
    zh, en = _lines(BIBLE / "zh" / "001"), _lines(BIBLE / "en" / "001")
    zv, ev = _lines(BIBLE / "zh.verse"), _lines(BIBLE / "en.verse")
    by_verse: dict[str, tuple[list[str], list[str]]] = {}
    order: list[str] = []
    for text, verse in zip(zh, zv):
        if verse not in by_verse:
            by_verse[verse] = ([], [])
            order.append(verse)
        by_verse[verse][0].append(text)
    for text, verse in zip(en, ev):
        if verse in by_verse:
            by_verse[verse][1].append(text)
    chapters: dict[str, list[str]] = {}
    for verse in order:
        if by_verse[verse][1]:
            chapters.setdefault(verse.rsplit(":", 1)[0], []).append(verse)
    units = []
    for chapter, verses in chapters.items():
        size = verses_per_unit or len(verses)
        count = max(1, round(len(verses) / size))
        step = len(verses) / count
        for p in range(count):
            part = verses[round(p * step):round((p + 1) * step)]
            half = max(1, len(part) // 2)
            units.append(Unit(chapter, [t for v in part for t in by_verse[v][0]], [t for v in part for t in by_verse[v][1]],
                              [t for v in part[:half] for t in by_verse[v][0]], [t for v in part[half:] for t in by_verse[v][1]]))
    return units


def build(units: list[Unit], folder: Path, rng: random.Random, roles: dict[str, str] | None = None,
          alone: float = 0.1, comparable: float = 0.15, traditional: float = 0.25) -> Truth:
    """Write ``folder/zh`` and ``folder/en`` from ``units``; ``roles`` fixes group roles (else drawn: ``alone``
    of the groups zh-only, as many en-only)."""
    from align.core.normalize import to_traditional

    groups = sorted({u.group for u in units})
    if roles is None:
        shuffled = groups[:]
        rng.shuffle(shuffled)
        n_alone = max(1, round(alone * len(groups)))
        roles = {g: "zh-only" for g in shuffled[:n_alone]} | {g: "en-only" for g in shuffled[n_alone:2 * n_alone]}
    names = rng.sample(range(10**6), 2 * len(units))
    zh_dir, en_dir = folder / "zh", folder / "en"
    zh_dir.mkdir(parents=True, exist_ok=True)
    en_dir.mkdir(parents=True, exist_ok=True)
    truth = Truth()
    for k, unit in enumerate(units):
        role = roles.get(unit.group, "pair")
        zh_name, en_name = f"{names[2 * k]:06d}.txt", f"{names[2 * k + 1]:06d}.txt"
        zh_lines, en_lines = unit.zh, unit.en
        kind = "translation"
        if role == "pair" and rng.random() < comparable and unit.zh_first and unit.en_second:
            zh_lines, en_lines, kind = unit.zh_first, unit.en_second, "comparable"
        truth.zh_group[zh_name], truth.en_group[en_name] = unit.group, unit.group
        if role != "en-only":
            text = _running(zh_lines, "")
            if rng.random() < traditional:
                text = to_traditional(text)
            (zh_dir / zh_name).write_text(text, encoding="utf-8")
        if role != "zh-only":
            (en_dir / en_name).write_text(_running(en_lines, " "), encoding="utf-8")
        if role == "pair":
            truth.pairs[zh_name] = (en_name, kind)
        elif role == "zh-only":
            truth.zh_alone.add(zh_name)
        else:
            truth.en_alone.add(en_name)
    return truth


def _running(lines: list[str], joiner: str) -> str:
    lines = [line.strip() for line in lines if line.strip()]
    return "\n\n".join(joiner.join(lines[i:i + 5]) for i in range(0, len(lines), 5)) + "\n"


# ---------------------------------------------------------------- sets


def make_set(kind: str, seed: int, folder: Path) -> Truth:
    """``mac25``/``mac60`` (pieces of 25/60 gold beads; the seed picks the rotation of the two distractor chapters),
    ``bible-ch`` (chapters), ``bible4``/``bible12`` (passages of 4/12 verses)."""
    rng = random.Random(seed)
    if kind.startswith("mac"):
        r = seed % len(MAC_CHAPTERS)
        roles = {MAC_CHAPTERS[r]: "zh-only", MAC_CHAPTERS[(r + 1) % len(MAC_CHAPTERS)]: "en-only"}
        return build(mac_units(int(kind[3:])), folder, rng, roles)
    units = bible_units(None if kind == "bible-ch" else int(kind[5:]))
    return build(units, folder, rng)


# ---------------------------------------------------------------- fitting


def candidate_table(folder: Path, truth: Truth, fast: bool, length_ratio: float):
    """Profiles of a set, every candidate pair's features and its true relation."""
    from align.job.pairing.embedding import embed_profiles
    from align.job.pairing.engine import candidates
    from align.job.pairing.folders import list_documents, read_profiles
    from align.job.pairing.profiles import Profiler

    profiler = Profiler()
    zh, _ = read_profiles(list_documents(folder / "zh", "zh"), "zh", profiler)
    en, _ = read_profiles(list_documents(folder / "en", "en"), "en", profiler)
    if not fast:
        embed_profiles(zh + en)
    found = candidates(zh, en, profiler.size, fast, length_ratio)
    labels = [truth.label(zh[i].name, en[j].name) for i, j in found.pairs]
    ratios = np.asarray([np.log(max(en[j].length, 1) / max(zh[i].length, 1)) for i, j in found.pairs])
    return found, labels, ratios


def fit_mode(tables: list, l2: float = 1.0) -> dict:
    """Both logistic regressions over the candidates of ``tables`` (each set weighs the same), then the thresholds."""
    from align.aligner.logistic import fit_logistic, with_intercept
    from align.job.pairing import model as pairing_model
    from align.job.pairing.engine import one_to_one

    x = np.concatenate([t[0].features for t in tables])
    labels = np.asarray([lab for t in tables for lab in t[1]])
    weights = np.concatenate([np.full(len(t[1]), 1000.0 / max(len(t[1]), 1)) for t in tables])
    design = with_intercept(x)
    part = {"related": fit_logistic(design, (labels != "unrelated").astype(float), l2, weights=weights).tolist(),
            "translation": fit_logistic(design, (labels == "translation").astype(float), l2, weights=weights).tolist()}
    chosen_scores, chosen_labels, chosen_weights = [], [], []
    for found, labs, *_ in tables:
        related, translation = pairing_model.probabilities(part, found.features)
        scores = pairing_model.score(related, translation)
        chosen = one_to_one(found.pairs, scores)
        chosen_scores.extend(scores[chosen])
        chosen_labels.extend(labs[k] for k in chosen)
        chosen_weights.extend([1.0 / len(chosen)] * len(chosen))
    part["thresholds"] = best_thresholds(np.asarray(chosen_scores), chosen_labels, np.asarray(chosen_weights))
    return part


def best_thresholds(scores: np.ndarray, labels: list[str], weights: np.ndarray) -> dict[str, float]:
    """The two score thresholds whose verdicts on the chosen pairs are right most often, each training set
    weighing the same (else the thousand Bible passages would decide alone); the first best of the grid."""
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    truth = np.asarray(labels)
    best, best_right = (0.5, 0.75), -1.0
    for tc in grid:
        for tt in grid[grid > tc]:
            verdict = np.where(scores >= tt, "translation", np.where(scores >= tc, "comparable", "unrelated"))
            right = float(weights[verdict == truth].sum())
            if right > best_right + 1e-12:
                best, best_right = (float(tc), float(tt)), right
    return {"comparable": best[0], "translation": best[1]}


FIT_SETS = [("mac25", s) for s in range(6)] + [("mac60", s) for s in range(6)] + [("bible-ch", 1), ("bible4", 1), ("bible12", 1)]
TEST_SETS = [("mac25", s) for s in range(100, 106)] + [("mac60", s) for s in range(100, 106)] + \
    [("bible-ch", 101), ("bible4", 101), ("bible12", 101)]


def fit(modes: list[str], workdir: Path, cache: Path | None = None) -> dict:
    """Fit every mode on FIT_SETS; also the cross-corpus models (Bible only, MAC-Dev only) for measuring.
    ``cache``: a folder keeping each training set's candidate features between runs (while tuning the fit)."""
    from align.job.pairing.features import FEATURES

    model: dict = {"features": list(FEATURES), "fitted_on": [f"{k}@{s}" for k, s in FIT_SETS], "script": "bench/pairing.py --fit"}
    cross: dict = {}
    for mode in modes:
        fast = mode == "fast"
        tables = []
        ratio = 0.0  # recomputed below
        for kind, seed in FIT_SETS:
            folder = workdir / f"fit-{kind}-{seed}"
            started = time.perf_counter()
            cached = cache / f"{mode}-{kind}-{seed}.pickle" if cache else None
            if cached and cached.exists():
                tables.append(pickle.loads(cached.read_bytes()))
            else:
                truth = make_set(kind, seed, folder)
                tables.append((*candidate_table(folder, truth, fast, ratio), kind))
                if cached:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    cached.write_bytes(pickle.dumps(tables[-1]))
            print(f"  {mode} fit set {kind}@{seed}: {len(tables[-1][1])} candidates, {time.perf_counter() - started:.1f}s", file=sys.stderr)
        ratio = float(np.median([r for t in tables for r, lab in zip(t[2], t[1]) if lab == "translation"]))
        column = FEATURES.index("length_gap")
        for found, _, raw, _ in tables:  # the length feature against the measured ratio of translations
            found.features[:, column] = np.abs(raw - ratio)
        model[mode] = fit_mode(tables) | {"length_ratio": round(ratio, 4)}
        cross[mode] = {
            "bible_only": fit_mode([t for t in tables if t[3].startswith("bible")]) | {"length_ratio": round(ratio, 4)},
            "mac_only": fit_mode([t for t in tables if t[3].startswith("mac")]) | {"length_ratio": round(ratio, 4)},
        }
    return model, cross


# ---------------------------------------------------------------- measuring

COUNTS = ("designed", "designed_translation", "designed_comparable", "found", "found_right", "said_translation",
          "said_translation_right", "said_comparable", "said_comparable_right", "translation_found_as_translation",
          "comparable_found_as_comparable", "distractors", "distractors_left", "found_related")


def score_pairing(pairing, truth: Truth) -> dict[str, int]:
    """Counts of one set (see COUNTS); ratios are taken over the sum of several sets."""
    c = dict.fromkeys(COUNTS, 0)
    kinds = [k for _, k in truth.pairs.values()]
    c["designed"], c["designed_translation"], c["designed_comparable"] = len(kinds), kinds.count("translation"), kinds.count("comparable")
    paired_zh, paired_en = set(), set()
    for pair in pairing.pairs:
        if not pair.paired:
            continue
        zh, en = Path(pair.zh_name).name, Path(pair.en_name).name
        paired_zh.add(zh)
        paired_en.add(en)
        designed = truth.pairs.get(zh)
        right = designed is not None and designed[0] == en
        c["found"] += 1
        c["found_right"] += right
        c["found_related"] += truth.label(zh, en) != "unrelated"
        for verdict in ("translation", "comparable"):
            if pair.verdict == verdict:
                c[f"said_{verdict}"] += 1
                if right and designed[1] == verdict:
                    c[f"said_{verdict}_right"] += 1
                    c[f"{verdict}_found_as_{verdict}"] += 1
    c["distractors"] = len(truth.zh_alone) + len(truth.en_alone)
    c["distractors_left"] = len(truth.zh_alone - paired_zh) + len(truth.en_alone - paired_en)
    return c


def ratios(c: dict[str, int]) -> dict[str, float]:
    def div(a, b):
        return round(a / b, 4) if b else None

    return {
        "pair_precision": div(c["found_right"], c["found"]),
        "pair_recall": div(c["found_right"], c["designed"]),
        "related_precision": div(c["found_related"], c["found"]),
        "translation_verdict_precision": div(c["said_translation_right"], c["said_translation"]),
        "translation_verdict_recall": div(c["translation_found_as_translation"], c["designed_translation"]),
        "comparable_verdict_precision": div(c["said_comparable_right"], c["said_comparable"]),
        "comparable_verdict_recall": div(c["comparable_found_as_comparable"], c["designed_comparable"]),
        "distractors_left_unpaired": div(c["distractors_left"], c["distractors"]),
    }


def measure(mode: str, workdir: Path, sets: list[tuple[str, int]], model: dict | None = None) -> dict:
    """Run pair_folders on every set; counts and ratios per corpus (mac, bible) and overall."""
    from align.job.pairing import pair_folders

    totals: dict[str, dict[str, int]] = {}
    seconds = 0.0
    for kind, seed in sets:
        folder = workdir / f"test-{kind}-{seed}"
        truth = make_set(kind, seed, folder)
        started = time.perf_counter()
        pairing = pair_folders(folder / "zh", folder / "en", fast=mode == "fast", model=model)
        seconds += time.perf_counter() - started
        counts = score_pairing(pairing, truth)
        for key in (kind, "mac" if kind.startswith("mac") else "bible", "all"):
            bucket = totals.setdefault(key, dict.fromkeys(COUNTS, 0))
            for name, value in counts.items():
                bucket[name] += value
    return {key: {"counts": c, **ratios(c)} for key, c in totals.items()} | {"seconds": round(seconds, 1)}


def scale_child(folder: Path, mode: str) -> None:
    """In a child process: pair one set, print time, memory and counts as JSON on stdout."""
    from align.aligner.resources.cedict import load_cedict
    from align.job.pairing import pair_folders

    load_cedict()
    if mode == "embed":
        from align.aligner.resources.embeddings import load_model

        load_model()
    loaded, peak_loading = _memory()
    started = time.perf_counter()
    pairing = pair_folders(folder / "zh", folder / "en", fast=mode == "fast")
    seconds = time.perf_counter() - started
    _, peak = _memory()
    truth = Truth(**{k: (set(v) if k.endswith("alone") else {z: tuple(p) for z, p in v.items()} if k == "pairs" else v)
                     for k, v in json.loads((folder / "truth.json").read_text()).items()})
    print(json.dumps({"seconds": round(seconds, 1), "peak_rss_mb": round(peak), "rss_after_loading_resources_mb": round(loaded),
                      "peak_rss_while_loading_resources_mb": round(peak_loading),
                      "zh_documents": pairing.zh_documents, "en_documents": pairing.en_documents,
                      **ratios(score_pairing(pairing, truth))}))


def _memory() -> tuple[float, float]:
    """Resident set now and its peak so far (VmRSS, VmHWM), in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def scale(mode: str, kind: str, workdir: Path) -> dict:
    folder = workdir / f"scale-{kind}"
    truth = make_set(kind, 7, folder)
    (folder / "truth.json").write_text(json.dumps({"pairs": truth.pairs, "zh_alone": sorted(truth.zh_alone), "en_alone": sorted(truth.en_alone),
                                                   "zh_group": truth.zh_group, "en_group": truth.en_group}))
    done = subprocess.run([sys.executable, __file__, "--scale-child", str(folder), "--modes", mode],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1]) | {"set": kind}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modes", default="embed,fast")
    parser.add_argument("--fit", action="store_true", help="fit align/job/data/pairing.json on the training sets first")
    parser.add_argument("--no-scale", action="store_true", help="skip the 1,000 x 1,000 timing")
    parser.add_argument("--no-cross", action="store_true", help="skip the cross-corpus measurement")
    parser.add_argument("--cache", type=Path, help="keep the training sets' candidate features in this folder between runs")
    parser.add_argument("--scale-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    modes = args.modes.split(",")
    if args.scale_child:
        return scale_child(args.scale_child, modes[0])
    from align.job.pairing import model as pairing_model

    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="bitext-pairing-") as tmp:
        workdir = Path(tmp)
        cross = None
        if args.fit or not args.no_cross:
            started = time.perf_counter()
            fitted, cross = fit(modes, workdir, args.cache)
            figures["fit_seconds"] = round(time.perf_counter() - started, 1)
            if args.fit:
                shipped = json.loads(pairing_model.MODEL_PATH.read_text()) if pairing_model.MODEL_PATH.exists() else {}
                shipped.pop("hash", None)
                shipped.update({k: v for k, v in fitted.items()})
                pairing_model.MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
                pairing_model.MODEL_PATH.write_text(json.dumps(shipped, indent=1) + "\n")
                pairing_model.load_model.cache_clear()
                print(f"model written to {pairing_model.MODEL_PATH.relative_to(ROOT)}", file=sys.stderr)
        shipped = pairing_model.load_model()
        for mode in modes:
            print(f"measuring {mode}", file=sys.stderr)
            result = {"model": {k: shipped[mode][k] for k in ("thresholds", "length_ratio")},
                      "shipped_model": measure(mode, workdir, TEST_SETS)}
            if cross is not None and not args.no_cross:
                base = {k: v for k, v in shipped.items() if k in ("features",)}
                result["cross_corpus"] = {
                    "fit_on_bible_measure_on_mac": measure(mode, workdir, [s for s in TEST_SETS if s[0].startswith("mac")],
                                                           base | {mode: cross[mode]["bible_only"]})["mac"],
                    "fit_on_mac_measure_on_bible": measure(mode, workdir, [s for s in TEST_SETS if s[0].startswith("bible")],
                                                           base | {mode: cross[mode]["mac_only"]})["bible"],
                }
            if not args.no_scale:
                result["scale"] = [scale(mode, kind, workdir) for kind in ("bible12", "bible4", "bible2")]
            figures[mode] = result
            print(json.dumps(result, indent=1), file=sys.stderr)
    figures["sets"] = {"fit": [f"{k}@{s}" for k, s in FIT_SETS], "test": [f"{k}@{s}" for k, s in TEST_SETS]}
    figures["model_hash"] = shipped["hash"]
    save("pairing", None, figures)


if __name__ == "__main__":
    main()
