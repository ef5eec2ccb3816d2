"""A small but awkward Bitext shared by the export tests (not a test module)."""

from __future__ import annotations

from align.core.bitext import Bead, Bitext


def sample_bitext() -> Bitext:
    beads = [
        Bead((0,), (0,), "工业互联网是新一代信息技术与制造业深度融合的产物。",
             "The industrial Internet is the product of deep integration of new-generation IT and manufacturing.",
             0.97, ("length", "lexical"), "1", {"zh-paragraph": "0", "en-paragraph": "0"}),
        Bead((1, 2), (1,), "他说：“R&D 投入<增加>了 3.5%。”", 'He said R&D spending <rose> by 3.5% & "more".',
             0.62, ("merge", "numbers"), "2", {"zh-paragraph": "0", "en-paragraph": "0", "note": "check 3.5%"}),
        Bead((3,), (), "這句話沒有翻譯。", "", 0.31, ("omission",), "3", {"zh-paragraph": "1"}),
        Bead((), (2,), "", "An added English sentence 😀 with 𠀀.", None, (), "4", {"en-paragraph": "1"}),
        Bead((4,), (3, 4), "  前后有空格\t制表符  ", "Two sentences.\nOn two lines.", 0.0, ("length",), "5",
             {"zh-paragraph": "2", "en-paragraph": "2", "confidence": "clashes with a reserved name"}),
    ]
    return Bitext(
        beads=beads,
        signature={"aligner": "bitext-hier", "model": "cedict+len", "version": "0.1.0", "note": "a|b:c"},
        zh_name="report.zh.txt",
        en_name="report.en.txt",
        zh_lang="zh-CN",
        en_lang="en",
        document_score=0.88,
        details={"paragraphs-used": "yes", "reestimated-words": "1234", "source": '<web> & "quotes"'},
    )


def same_beads(left: Bitext, right: Bitext) -> bool:
    """Beads equal field by field, meta included (Bead equality ignores meta)."""
    return len(left.beads) == len(right.beads) and all(
        a == b and a.meta == b.meta for a, b in zip(left.beads, right.beads)
    )
