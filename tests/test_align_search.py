"""The search: every sentence in exactly one bead, beads monotonic, band and anchors behave."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner.search.band import Band
from align.aligner.search.path import anchor_band, best_path, monotone_chain
from align.aligner.settings import BEAD_TYPES


def _check_cover(path, n, m):
    zh = [i for i0, i1, _, _ in path for i in range(i0, i1)]
    en = [j for _, _, j0, j1 in path for j in range(j0, j1)]
    assert zh == list(range(n))  # each zh sentence once, in order
    assert en == list(range(m))
    for i0, i1, j0, j1 in path:
        assert (i1 - i0, j1 - j0) in BEAD_TYPES


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 12), st.integers(0, 12), st.integers(0, 2**32 - 1))
def test_random_scores_give_a_complete_monotonic_path(n, m, seed):
    if n == 0 and m == 0:
        return
    rng = np.random.default_rng(seed)
    band = Band.full(n, m)
    scores = [rng.normal(size=band.cells) for _ in BEAD_TYPES]
    _check_cover(best_path(band, BEAD_TYPES, scores), n, m)


@settings(max_examples=30, deadline=None)
@given(st.integers(5, 60), st.integers(5, 60), st.integers(0, 2**32 - 1))
def test_narrow_band_still_covers_everything(n, m, seed):
    rng = np.random.default_rng(seed)
    band = anchor_band(n, m, [], half_width=max(3, abs(n - m) // 2 + 3))
    scores = [rng.normal(size=band.cells) for _ in BEAD_TYPES]
    _check_cover(best_path(band, BEAD_TYPES, scores), n, m)
    # scored a few rows at a time, as the aligner does: the same path
    blocks = best_path(band, BEAD_TYPES, lambda a, b: [s[band.offsets[a]:band.offsets[b]] for s in scores], rows_per_block=3)
    assert blocks == best_path(band, BEAD_TYPES, scores)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=2, max_size=6), st.integers(0, 2**32 - 1))
def test_paragraph_groups_keep_every_bead_inside_one_group(sizes, seed):
    from align.aligner.search.band import Groups

    sizes = [(a, b) for a, b in sizes if a or b]
    n, m = sum(a for a, _ in sizes), sum(b for _, b in sizes)
    if len(sizes) < 2 or not n or not m:
        return
    groups, z, e = [], 0, 0
    for a, b in sizes:
        groups.append((list(range(z, z + a)), list(range(e, e + b))))
        z, e = z + a, e + b
    spans = Groups(n, m, groups)
    band = Band.of_groups(n, m, spans, [Band.full(a, b) for a, b in sizes])
    rng = np.random.default_rng(seed)
    scores = []
    for t, (a, b) in enumerate(BEAD_TYPES):
        rows, cols = band.row_cells(0, n + 1)
        ok = (rows >= a) & (cols >= b) & band.within(np.clip(rows - a, 0, n), cols - b) & spans.valid(a, b, rows, cols)
        scores.append(np.where(ok, rng.normal(size=band.cells), -1e18))
    path = best_path(band, BEAD_TYPES, scores)
    _check_cover(path, n, m)
    for i0, i1, j0, j1 in path:
        owners = {int(spans.zh[i]) for i in range(i0, i1)} | {int(spans.en[j]) for j in range(j0, j1)}
        assert len(owners) == 1


def test_dp_prefers_the_high_scoring_beads():
    band = Band.full(3, 4)
    scores = [np.full(band.cells, -5.0) for _ in BEAD_TYPES]
    one_one, one_two = BEAD_TYPES.index((1, 1)), BEAD_TYPES.index((1, 2))
    cell = lambda i, j: band.offsets[i] + j - band.lo[i]  # noqa: E731
    scores[one_one][cell(1, 1)] = 1.0   # zh0-en0
    scores[one_two][cell(2, 3)] = 1.0   # zh1-en1,en2
    scores[one_one][cell(3, 4)] = 1.0   # zh2-en3
    assert best_path(band, BEAD_TYPES, scores) == [(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 4)]


def test_monotone_chain_drops_crossing_anchors():
    chain = monotone_chain([(0, 0, 1.0), (1, 5, 0.2), (2, 2, 1.0), (3, 3, 1.0), (4, 1, 0.3)])
    assert chain == [(0, 0), (2, 2), (3, 3)]


ZH_POOL = ["他走进房间。", "房间里很黑。", "她打开窗户，阳光照进来。", "他们一起吃饭。", "“你好！”他说。", "三千五百本书。", ""]
EN_POOL = ["He walked into the room.", "The room was dark.", "She opened the window and the sun came in.",
           "They ate together.", "\"Hello!\" he said.", "3,500 books.", "Yes."]


def _aligned_lines(zh_lines, en_lines):
    """Align one sentence per line (fast mode, any lengths) and check every sentence is in one bead, in order."""
    import warnings

    from align import read_document
    from align.aligner import align

    zh = read_document("\n".join(zh_lines) + "\n", "zh", presplit=True)
    en = read_document("\n".join(en_lines) + "\n", "en", presplit=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bitext = align(zh, en, fast=True, allow_mismatch=True)
    assert [i for b in bitext.beads for i in b.zh_ids] == list(range(len(zh)))
    assert [j for b in bitext.beads for j in b.en_ids] == list(range(len(en)))
    return bitext


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(ZH_POOL), min_size=1, max_size=9), st.lists(st.sampled_from(EN_POOL), min_size=1, max_size=9))
def test_align_covers_every_sentence_once_in_order(zh_lines, en_lines):
    if not any(line.strip() for line in zh_lines):
        zh_lines = zh_lines + ["他笑了。"]
    bitext = _aligned_lines(zh_lines, en_lines)
    assert all(b.confidence is None or 0.0 <= b.confidence <= 1.0 for b in bitext.beads)


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["001", "003", "005"]), st.integers(0, 200), st.integers(1, 120), st.integers(-20, 20))
def test_random_slices_of_a_chapter_are_covered_once_in_order(chapter, start, length, skew):
    """Any stretch of real text, even with the two sides cut at different places, gives beads that take
    every sentence of both sides exactly once, in order."""
    from pathlib import Path

    base = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "mac-dev"
    zh_lines = (base / "zh" / chapter).read_text(encoding="utf-8").splitlines()[start:start + length]
    en_start = max(0, start + skew)
    en_lines = (base / "en" / chapter).read_text(encoding="utf-8").splitlines()[en_start:en_start + length + abs(skew)]
    if not any(line.strip() for line in zh_lines) or not any(line.strip() for line in en_lines):
        return
    _aligned_lines(zh_lines, en_lines)
