"""Paragraphs first: sentences never pair across aligned paragraph groups; disagreeing paragraphing falls back."""

from __future__ import annotations

from align import read_document
from align.aligner import align

ZH = ["第一章。", "他走进房间。", "房间里很黑。", "第二章。", "她打开窗户。", "阳光照进来。", "第三章。", "他们一起吃饭。", "饭菜很香。"]
EN = ["Chapter one.", "He walked into the room.", "The room was dark.", "Chapter two.", "She opened the window.",
      "Sunlight came in.", "Chapter three.", "They ate together.", "The food smelled good."]


def _docs(zh_labels, en_labels):
    zh = read_document("\n".join(ZH) + "\n", "zh", presplit=True).regroup(zh_labels)
    en = read_document("\n".join(EN) + "\n", "en", presplit=True).regroup(en_labels)
    return zh, en


def test_paragraph_groups_are_respected():
    labels = [1, 1, 1, 2, 2, 2, 3, 3, 3]
    zh, en = _docs(labels, labels)
    bitext = align(zh, en, fast=True)
    assert bitext.details["paragraphs-used"] == "yes"
    for bead in bitext.beads:
        assert len({labels[i] for i in bead.zh_ids} | {labels[j] for j in bead.en_ids}) == 1
    assert [(b.zh_ids, b.en_ids) for b in bitext.beads] == [((i,), (i,)) for i in range(9)]


def test_merged_paragraphs_on_one_side_still_align():
    zh, en = _docs([1, 1, 1, 2, 2, 2, 3, 3, 3], [1, 1, 1, 1, 1, 1, 3, 3, 3])
    bitext = align(zh, en, fast=True)
    assert [(b.zh_ids, b.en_ids) for b in bitext.beads] == [((i,), (i,)) for i in range(9)]


def test_paragraphs_off_gives_the_same_beads_here():
    labels = [1, 1, 1, 2, 2, 2, 3, 3, 3]
    zh, en = _docs(labels, labels)
    bitext = align(zh, en, fast=True, paragraphs=False)
    assert bitext.signature["paragraphs"] == "no" and bitext.details["paragraphs-used"] == "no"
