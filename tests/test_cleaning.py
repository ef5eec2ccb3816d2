"""Cleaning the seed pages: boilerplate out, article whole, every removal recorded."""

from __future__ import annotations

import re

import pytest

from align import read_document
from align.read.summary import cleaned_text

from conftest import CORPUS

SYLLABLE = r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)"
TONED = re.compile(r"(?<=[\u4e00-\u9fff])" + SYLLABLE)


def _seed(prefix: str) -> str:
    return str(next(CORPUS.glob(f"{prefix}_*.txt")))


@pytest.fixture(scope="module")
def seed003():
    return read_document(_seed("003"))


@pytest.fixture(scope="module")
def seed002():
    return read_document(_seed("002"))


@pytest.fixture(scope="module")
def seed001():
    return read_document(_seed("001"))


def _inside_removal(doc, position: int) -> bool:
    return any(r.start <= position < r.end for r in doc.removals)


def test_all_288_pinyin_annotations_are_removed(seed003):
    annotations = list(TONED.finditer(seed003.original))
    assert len(annotations) == 288
    assert all(_inside_removal(seed003, m.start()) for m in annotations)
    kept = cleaned_text(seed003)
    assert not TONED.search(kept)
    assert "產業互聯網" in kept  # the traditional characters themselves stay


def test_no_other_parenthesis_is_touched(seed003):
    annotation_starts = {m.start() for m in TONED.finditer(seed003.original)}
    pinyin_removals = [r for r in seed003.removals if r.rule == "pinyin-annotation"]
    assert all(re.fullmatch(SYLLABLE, r.text) for r in pinyin_removals)
    others = [i for i, c in enumerate(seed003.original) if c in "(（" and i not in annotation_starts]
    assert others, "the page has a parenthesis that is not pinyin (the disclaimer's)"
    assert not any(r.start <= i < r.end for i in others for r in pinyin_removals)


def test_sentence_text_is_its_span_minus_removals(seed003):
    for sentence in seed003.sentences[:200]:
        pieces = []
        position = sentence.start
        for removal in sorted(seed003.removals, key=lambda r: r.start):
            if removal.end <= sentence.start or removal.start >= sentence.end:
                continue
            pieces.append(seed003.original[position : removal.start])
            position = removal.end
        pieces.append(seed003.original[position : sentence.end])
        assert "".join(pieces) == sentence.text


def test_seed002_article_body_is_kept_whole(seed002):
    original = seed002.original
    start = original.index("粤港澳大湾区建设是")
    end = original.index("(作者系腾讯公司董事会主席兼首席执行官)") + len("(作者系腾讯公司董事会主席兼首席执行官)")
    kept = cleaned_text(seed002)
    for line in original[start:end].splitlines():
        if line.strip():
            assert line.strip() in kept
    assert not any(r.start < end and r.end > start for r in seed002.removals)


@pytest.mark.parametrize(
    "boilerplate",
    ["首页", "您现在的位置", "版权及免责声明", "马化腾和他的11员大将", "Copyright", "发布评论", "网站热线", "【来源】", "·中国硅谷是指哪个地方"],
)
def test_seed002_navigation_links_and_disclaimer_are_removed(seed002, boilerplate):
    assert boilerplate not in cleaned_text(seed002)


def test_seed002_removals_name_their_rules(seed002):
    rules = {r.rule for r in seed002.removals}
    assert {"navigation", "related-links", "disclaimer", "footer"} <= rules


def test_seed001_sohu_statement_and_editor_tails_are_removed(seed001):
    kept = cleaned_text(seed001)
    for tail in ("Return to Sohu", "Statement:", "Editor:", "official account"):
        assert tail not in kept
    original = seed001.original
    body_start = original.index("At the 2022 (4th) Global")
    body_end = original.index("construction of a manufacturing powerhouse.") + len("construction of a manufacturing powerhouse.")
    for line in original[body_start:body_end].splitlines():
        if line.strip():
            assert line.strip() in kept


def test_keep_all_turns_cleaning_off():
    doc = read_document(_seed("002"), clean=False)
    assert doc.removals == []
    assert "版权及免责声明" in cleaned_text(doc)


def test_ordinary_parentheses_after_han_stay():
    doc = read_document("马化腾(Pony Ma)说,产业互联网(IaaS)很重要。產業(yè)發展(ai)。", "zh")
    text = cleaned_text(doc)
    assert "(Pony Ma)" in text and "(IaaS)" in text and "(ai)" in text
    assert "(yè)" not in text
