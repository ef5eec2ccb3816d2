"""Dictionary coverage: how many of a side's words find a translation on the other side.

Tokens come from ``lexicon.tokens`` (CC-CEDICT with every homograph, numbers,
pinyin names, glossary terms, and the table re-estimated from the pair after
a first pass); ``coverage.Coverage`` counts them over the band. Features:
coverage zh→en and en→zh, the weakest member's coverage (every sentence of a
merge must be translated), and for n-m beads how much better the sides match
crosswise than in order (the two sides cut the same content differently).
"""

from __future__ import annotations

from align.aligner.signals.base import Cells, FeatureBlock, Signal, Stretch, sized
from align.aligner.signals.coverage import Coverage


class Lexical(Signal):
    name = "lexical"
    features = ("lex_zh", "lex_en", "lex_min", "lex_11", "lex_mn", "mn_lex_cross", "merge_lex", "merge_lex_min", "sz_lex", "sz_lex_min")
    requires = "tokens"

    def available(self, stretch: Stretch) -> bool:
        return super().available(stretch) and stretch.n > 0 and stretch.m > 0

    def prepare(self, stretch: Stretch) -> Coverage:
        return Coverage(stretch.zh.tokens, stretch.en.tokens, stretch.band)

    def reason(self, features: dict[str, float]) -> str | None:
        return "lexical" if (features["lex_zh"] + features["lex_en"]) / 2 >= 0.35 else None

    def compute(self, stretch: Stretch, coverage: Coverage, cells: Cells, out: FeatureBlock) -> None:
        if cells.omission:
            return
        a, b = cells.a, cells.b
        lz, le, lmin = coverage.bead(a, b, cells.rows, cells.cols)
        out["lex_zh"] = lz
        out["lex_en"] = le
        out["lex_min"] = lmin
        if a == 1 and b == 1:
            out["lex_11"] = 0.5 * (lz + le)
        if a > 1 and b > 1:
            out["lex_mn"] = 0.5 * (lz + le)
            out["mn_lex_cross"] = coverage.cross(a, b, cells.rows, cells.cols)
        if cells.merge:
            out["merge_lex_min"] = lmin
            out["merge_lex"] = 0.5 * (lz + le)
        out["sz_lex"] = sized(cells, 0.5 * (out["lex_zh"] + out["lex_en"]))
        out["sz_lex_min"] = sized(cells, out["lex_min"])
