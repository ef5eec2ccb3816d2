"""Document pairing (``bitext pair``, ``align.job.pairing``) on small sets cut from MAC-Dev chapters."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from scipy import sparse
from typer.testing import CliRunner

from align.cli import app
from align.core.errors import InputError
from align.core.normalize import to_traditional
from align.job.pairing import pair_folders
from align.job.pairing.candidates import neighbours
from align.job.pairing.profiles import sample_ids
from align.job.pairing.verify import _longest_increasing

runner = CliRunner()
CHAPTERS = ("001", "002", "003", "005")


def _pieces(shared_dir, chapter: str, parts: int = 2) -> list[tuple[str, str]]:
    """A MAC-Dev chapter cut at gold bead boundaries into ``parts`` (Chinese text, English text) pieces."""
    base = shared_dir / "benchmarks" / "mac-dev"
    if not base.is_dir():
        pytest.skip(f"{base} is missing")
    zh = (base / "zh" / chapter).read_text(encoding="utf-8").splitlines()
    en = (base / "en" / chapter).read_text(encoding="utf-8").splitlines()
    beads = []
    for line in (base / "gold" / f"{chapter}.align").read_text().splitlines():
        z, e = line.split(":")
        beads.append(([int(x) for x in z.strip("[] ").split(",") if x.strip()], [int(x) for x in e.strip("[] ").split(",") if x.strip()]))
    size = len(beads) // parts
    out = []
    for p in range(parts):
        part = beads[p * size:(p + 1) * size][:60]  # at most 60 beads: quick
        out.append(("".join(zh[i] for b in part for i in b[0]), " ".join(en[i] for b in part for i in b[1])))
    return out


@pytest.fixture(scope="module")
def folders(tmp_path_factory, shared_dir):
    """Six translation pairs under shuffled names, one traditional-script Chinese file,
    and a Chinese distractor (a novel absent from the English side)."""
    root = tmp_path_factory.mktemp("pairing")
    (root / "zh").mkdir()
    (root / "en").mkdir()
    rng = random.Random(3)
    names = rng.sample(range(1000, 9999), 20)
    truth = {}
    for k, (zh, en) in enumerate(p for c in CHAPTERS[:3] for p in _pieces(shared_dir, c)):
        zh_name, en_name = f"doc{names[2 * k]}.txt", f"text-{names[2 * k + 1]}.txt"
        (root / "zh" / zh_name).write_text(to_traditional(zh) if k == 1 else zh, encoding="utf-8")
        (root / "en" / en_name).write_text(en, encoding="utf-8")
        truth[zh_name] = en_name
    distractor = f"doc{names[-1]}.txt"
    (root / "zh" / distractor).write_text(_pieces(shared_dir, CHAPTERS[3])[0][0], encoding="utf-8")
    return root, truth, distractor


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "embed"])
def test_shuffled_names_are_paired_and_the_distractor_is_not(folders, fast):
    root, truth, distractor = folders
    result = pair_folders(root / "zh", root / "en", fast=fast)
    found = {p.zh_name: p.en_name for p in result.pairs if p.paired}
    assert {z: found.get(z) for z in truth} == truth  # the traditional-script file too
    assert all(p.verdict == "translation" for p in result.pairs if p.zh_name in truth)
    assert distractor not in found
    assert str(root / "zh" / distractor) in result.unpaired_zh
    pair = next(p for p in result.pairs if p.paired)
    assert 0.0 <= pair.score <= 1.0
    assert {"cosine", "sentence_chain", "shared_names", "length_ratio"} <= set(pair.evidence)


def test_the_cli_writes_the_tsv_and_json(folders, tmp_path):
    root, truth, distractor = folders
    out = tmp_path / "lists" / "pairs.tsv"
    missing = runner.invoke(app, ["pair", str(root / "zh"), str(root / "en"), "-o", str(out), "--fast", "--json"])
    assert missing.exit_code == 2 and "does not exist" in missing.output  # a typo in a folder name is not created
    out.parent.mkdir()
    result = runner.invoke(app, ["pair", str(root / "zh"), str(root / "en"), "-o", str(out), "--fast", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"]["translation"] == len(truth)
    assert {p["verdict"] for p in report["pairs"]} == {"translation"}
    assert str(root / "zh" / distractor) in report["unpaired_zh"]
    lines = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(lines) == len(truth)
    for zh_path, en_path, name, score, verdict in lines:
        zh_file, en_file = (out.parent / zh_path).resolve(), (out.parent / en_path).resolve()  # relative to the TSV's folder
        assert zh_file.parent == (root / "zh").resolve() and truth[zh_file.name] == en_file.name
        assert name == zh_file.stem and 0 <= float(score) <= 1 and verdict == "translation"
    again = runner.invoke(app, ["pair", str(root / "zh"), str(root / "en"), "-o", str(out), "--fast", "-q"])
    assert again.exit_code == 3 and "exists" in again.output


def test_the_cli_table_and_min_score(folders):
    root, truth, _ = folders
    result = runner.invoke(app, ["pair", str(root / "zh"), str(root / "en"), "--fast", "-q", "--min-score", "0.99999"])
    assert result.exit_code == 0, result.output
    assert "0 pairs" in result.output and "translations" in result.output


def test_an_empty_folder_is_a_clear_input_error(folders, tmp_path):
    root, _, _ = folders
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["pair", str(tmp_path / "empty"), str(root / "en"), "--fast", "-q"])
    assert result.exit_code == 2
    assert "no documents" in result.output and "empty" in result.output
    missing = runner.invoke(app, ["pair", str(tmp_path / "nope"), str(root / "en"), "--fast", "-q"])
    assert missing.exit_code == 2 and "not found" in missing.output


def test_a_binary_file_is_a_clear_input_error_unless_skipped(folders, tmp_path):
    root, truth, _ = folders
    zh = tmp_path / "zh"
    zh.mkdir()
    for name in list(truth)[:2]:
        (zh / name).write_bytes((root / "zh" / name).read_bytes())
    (zh / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02\xff\xfe" * 200)
    result = runner.invoke(app, ["pair", str(zh), str(root / "en"), "--fast", "-q"])
    assert result.exit_code == 2
    assert "scan.pdf" in result.output
    skipped = runner.invoke(app, ["pair", str(zh), str(root / "en"), "--fast", "--json", "--skip-bad"])
    assert skipped.exit_code == 0, skipped.output
    report = json.loads(skipped.stdout)
    assert [s["path"] for s in report["skipped"]] == [str(zh / "scan.pdf")]
    assert report["counts"]["translation"] == 2


def test_a_file_in_the_wrong_language_folder_is_named(folders, tmp_path):
    root, truth, _ = folders
    en = tmp_path / "en"
    en.mkdir()
    (en / "oops.txt").write_bytes((root / "zh" / next(iter(truth))).read_bytes())
    with pytest.raises(InputError, match="oops.txt.*Chinese"):
        pair_folders(root / "zh", en, fast=True)


def test_blocked_neighbours_match_the_full_matrix():
    zh = sparse.random(37, 50, density=0.2, random_state=1, format="csr", dtype=np.float32)
    en = sparse.random(23, 50, density=0.2, random_state=2, format="csr", dtype=np.float32)
    full = (zh @ en.T).toarray()
    near = neighbours(zh, en, k=3, block=5)
    assert np.allclose(np.sort(near.zh_cos, axis=1)[:, ::-1], -np.sort(-full, axis=1)[:, :3], atol=1e-6)
    assert np.allclose(np.sort(near.en_cos, axis=1)[:, ::-1], -np.sort(-full.T, axis=1)[:, :3], atol=1e-6)
    assert (near.zh_best[:, 0] == full.argmax(axis=1)).mean() > 0.9  # ties aside


def test_samples_and_chains():
    assert sample_ids(10) == list(range(10))
    ids = sample_ids(1000)
    assert len(ids) == 96 and ids == sorted(set(ids)) and ids[0] > 100 and ids[-1] < 900
    assert _longest_increasing(np.array([3, 1, 2, 5, 4, 6])) == 4
    assert _longest_increasing(np.array([], dtype=int)) == 0


def test_the_pairs_found_feed_a_batch_alignment(folders, tmp_path):
    """``bitext pair`` writes what ``bitext align --pairs`` reads: shuffled files go from unknown to aligned."""
    root, truth, _ = folders
    pairs = tmp_path / "pairs.tsv"
    found = runner.invoke(app, ["pair", str(root / "zh"), str(root / "en"), "-o", str(pairs), "--fast", "-q"])
    assert found.exit_code == 0, found.output
    out = tmp_path / "aligned"
    aligned = runner.invoke(app, ["align", "--pairs", str(pairs), "-o", str(out), "--fast", "--format", "jsonl", "--jobs", "1", "-q"])
    assert aligned.exit_code == 0, aligned.output
    written = sorted(p.name for p in out.glob("*.jsonl"))
    assert len(written) == len(truth)
