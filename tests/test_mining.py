"""Mining mode: corresponding sentence pairs of two documents that are not translations."""

from __future__ import annotations

import random

import pytest
from typer.testing import CliRunner

from align import read_document
from align.aligner.mining import mine
from align.core.document import Document
from align.core.errors import InputError, UsageError

ZH_SEED = "002_692b37b96702f906.txt"  # Ma Huateng in Southern Daily (zh web page)
EN_SEED = "000_0b1bca0a7bab6d19.txt"  # Ma Huateng in People's Daily (en, machine-translated): another article

# Read in both texts by hand: these passages say the same thing (zh fragment, en fragment).
VERIFIED = [
    ("新型基础设施与传统基建的关系不是互斥对立", "complementary rather than mutually exclusive"),
    ("以5G、人工智能、数据中心等为代表的信息基础设施", "Information infrastructure represented by 5g, artificial intelligence and data center"),
]


@pytest.fixture(scope="module")
def seeds(corpus_dir):
    return read_document(corpus_dir / ZH_SEED), read_document(corpus_dir / EN_SEED)


@pytest.fixture(scope="module")
def mined(seeds):
    return {fast: mine(*seeds, threshold=0.5, fast=fast) for fast in (False, True)}


def _verified(bead) -> bool:
    return any(z in bead.zh_text and e in bead.en_text for z, e in VERIFIED)


@pytest.mark.parametrize("fast", [False, True])
def test_comparable_articles_give_few_pairs_each_sentence_once(seeds, mined, fast):
    zh, en = seeds
    beads = mined[fast].beads
    assert 1 <= len(beads) <= 0.25 * min(len(zh), len(en))
    zh_used = [i for b in beads for i in b.zh_ids]
    en_used = [j for b in beads for j in b.en_ids]
    assert len(zh_used) == len(set(zh_used)) and len(en_used) == len(set(en_used))
    assert [b.zh_ids[0] for b in beads] == sorted(b.zh_ids[0] for b in beads)
    for b in beads:
        assert b.kind in ("1-1", "1-2", "2-1")
        assert 0.5 <= b.confidence <= 1.0 and "margin" in b.reasons
    assert mined[fast].signature["mode"] == ("fast" if fast else "embed")


@pytest.mark.parametrize("fast", [False, True])
def test_confident_pairs_are_the_passages_both_articles_share(mined, fast):
    beads = mined[fast].beads
    confident = [b for b in beads if b.confidence >= 0.9]
    assert confident, "the shared sentence on new vs traditional infrastructure should be found with confidence"
    assert all(_verified(b) for b in confident), [(b.zh_text, b.en_text) for b in confident]
    # the 5G / AI / data centres passage ('important part of new infrastructure') is in both articles
    assert any(VERIFIED[1][0] in b.zh_text and VERIFIED[1][1] in b.en_text for b in beads)


def test_traditional_chinese_is_matched_simplified_and_written_as_is(corpus_dir, seeds):
    hant = read_document(corpus_dir / "003_d1ca78e905d0fb4b.txt")  # 關于"產業互聯網"…, another Ma Huateng text
    verified = [  # read in both texts
        ("新基建是通往未來數字世界", 'is a "highway" leading to a comprehensive digital society'),
        ("是數字經濟發展的高級階段", "Industrial Internet is an advanced stage of the development of digital economy"),
    ]
    confident = [b for b in mine(hant, seeds[1], threshold=0.9)]
    assert confident
    for b in confident:
        assert any(z in b.zh_text and e in b.en_text for z, e in verified), (b.zh_text, b.en_text)


def test_threshold_keeps_only_confident_pairs(seeds, mined):
    strict = mine(*seeds, threshold=0.9)
    assert [b.confidence for b in strict] == [b.confidence for b in mined[False] if b.confidence >= 0.9]


@pytest.fixture(scope="module")
def shuffled_chapter(shared_dir, tmp_path_factory):
    """MAC-Dev chapter 004 with its English lines shuffled; gold beads mapped to the shuffled ids."""
    mac = shared_dir / "benchmarks" / "mac-dev"
    zh = read_document(mac / "zh" / "004", "zh", presplit=True)
    en = read_document(mac / "en" / "004", "en", presplit=True)
    order = list(range(len(en)))
    random.Random(1).shuffle(order)
    path = tmp_path_factory.mktemp("mining") / "004.en"
    path.write_text("\n".join(en.sentences[k].text for k in order) + "\n", encoding="utf-8")
    shuffled = read_document(path, "en", presplit=True)
    original = dict(enumerate(order))  # shuffled id -> original id
    gold = []
    for line in (mac / "gold" / "004.align").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            z, e = line.split(":")
            gold.append(([int(x) for x in z.strip("[] ").split(",") if x], [int(x) for x in e.strip("[] ").split(",") if x]))
    return zh, shuffled, original, gold


def test_shuffled_translation_recovers_most_gold_pairs(shuffled_chapter):
    zh, en, original, gold = shuffled_chapter
    bead_of = {(i, j): k for k, (zs, es) in enumerate(gold) for i in zs for j in es}
    one_to_one = {(zs[0], es[0]) for zs, es in gold if len(zs) == 1 and len(es) == 1}
    beads = mine(zh, en, threshold=0.5).beads

    def inside_a_gold_bead(b) -> bool:
        found = {bead_of.get((i, original[j])) for i in b.zh_ids for j in b.en_ids}
        return len(found) == 1 and None not in found

    exact = sum(b.kind == "1-1" and (b.zh_ids[0], original[b.en_ids[0]]) in one_to_one for b in beads)
    assert exact >= 0.65 * len(one_to_one)
    assert sum(map(inside_a_gold_bead, beads)) >= 0.95 * len(beads)
    confident = [b for b in beads if b.confidence >= 0.9]
    assert len(confident) >= 0.3 * len(one_to_one)
    assert sum(map(inside_a_gold_bead, confident)) >= 0.97 * len(confident)


def test_bad_inputs_are_one_line_input_errors(seeds):
    zh, en = seeds
    empty = Document(original="", lang="en", script="Latn")
    with pytest.raises(InputError, match="empty"):
        mine(zh, empty)
    with pytest.raises(InputError, match="both English"):
        mine(en, en)
    with pytest.raises(InputError, match="Chinese document must come first"):
        mine(en, zh)
    with pytest.raises(UsageError):
        mine(zh, en, threshold=1.5)


def test_cli_writes_pairs_and_refuses_to_overwrite(corpus_dir, tmp_path):
    import align.cli.mining  # noqa: F401  (registers `bitext mine` until align/cli/__init__ imports it)
    from align.cli.app import app

    out = tmp_path / "pairs.tsv"
    args = ["mine", str(corpus_dir / ZH_SEED), str(corpus_dir / EN_SEED), "-o", str(out), "--fast", "--threshold", "0.9", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id\tzh_ids\ten_ids") and len(lines) >= 2
    assert "complementary rather than mutually exclusive" in out.read_text(encoding="utf-8")
    before = out.read_bytes()
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 3 and out.read_bytes() == before  # OutputExistsError: --force needed
