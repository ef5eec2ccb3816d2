"""Web boilerplate around an article: navigation, bylines, link lists, disclaimers, footers.

Two kinds of rule:
- *line rules* look at one line at a time (a navigation bar, a byline, a footer);
- the *tail rule* finds the first disclaimer/statement marker in the second half
  of the page and removes the page's tail from there, line by line, stopping at
  anything that reads like article prose again.
Inline rules remove a fragment inside a kept line ("Return to Sohu, see more",
"【来源】南方日报").
"""

from __future__ import annotations

import re
from typing import Iterator

from align.core.document import Removal

_DATE = r"\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?"

_NAVIGATION = (
    re.compile(r"^\s*\|?\s*[^|]{1,12}(\s*\|\s*[^|]{1,12}){3,}\s*\|?\s*$"),  # | 首页 | 资讯 | 评测 |
    re.compile(r"(您现在的位置|您的位置|当前位置|現在位置|您現在的位置|當前位置)\s*[:：]"),
    re.compile(r"^\s*(首页|首頁|Home)\s*[>›»]"),
    re.compile(r"^\s*([^>\s]{1,10}\s*>\s*){2,}[^>]{0,10}$"),  # 硅谷网> 资讯> 中国硅谷>
)
_BYLINE = (
    re.compile(rf"^.{{0,40}}{_DATE}.{{0,80}}(作者|来源|來源|编辑|編輯|责任编辑)\s*[:：]"),
    re.compile(r"^\s*[■●◆]\s*\S{1,12}\s*$"),  # ■马化腾
    re.compile(rf"^\s*(release date|publication date|published|date)\s*[:：]?\s*{_DATE}\s*$", re.I),
)
_FOOTER = (
    re.compile(r"(copyright\s*©|©\s*\d{4}|版权所有|版權所有|all rights reserved|ICP备|ICP證|ICP证)", re.I),
    re.compile(r"(关于我们|關於我們|联系我们|聯繫我們).{0,20}[|·]"),
    re.compile(r"(网站热线|網站熱線|电脑版|電腦版|移动版|手机版)"),
)
_COMMENT_PROMPT = re.compile(r"^\s*(【对“.*”发布评论】|【對「.*」發佈評論】|发表评论|我要评论|查看评论)\s*$")
_AD = re.compile(r"^\s*(广告|廣告|推广|推廣|advertisement|sponsored|AD)\s*$", re.I)
_SECTION_HEADS = re.compile(
    r"^\s*(相关|相關|相关阅读|相關閱讀|相关文章|相關文章|相关新闻|延伸阅读|推荐阅读|推薦閱讀|热点|熱點|头条|頭條|"
    r"图文|圖文|旧闻|舊聞|热门推荐|熱門推薦|猜你喜欢|精选|精選|\S{1,6}精选|\S{1,6}精選|更多|related (articles?|reading|links|news|stories)|"
    r"further reading|recommended|read more|most popular)\s*$",
    re.I,
)
_LINK_ITEM = re.compile(r"^\s*[·•]\s*\S.{0,60}$")
_EDITOR = re.compile(r"^\s*[(（]?\s*(editor|editors|责任编辑|責任編輯|编辑|編輯|审核|審核)\s*[:：][^。.!?]{0,30}[)）]?\s*$", re.I)
_SOURCE_LINE = re.compile(r"^\s*(source|来源|來源|文章来源|文章來源)\s*[:：].{1,50}$", re.I)
_TAIL_MARKERS = re.compile(
    r"(版权及免责声明|版權及免責聲明|免责声明|免責聲明|版权声明|版權聲明|"
    r"statement\s*:\s*the source of the articles|^\s*disclaimer\s*:|^\s*statement\s*:)",
    re.I,
)
_DISCLAIMER_WORDS = re.compile(r"(本网站|本網站|本站|版权|版權|侵权|侵權|转载|轉載|责任|責任|声明|聲明|infring|reproduc|copyright|liab)", re.I)
_INLINE = (
    ("sohu-tail", re.compile(r"\s*(Return to Sohu,?\s*see more|返回搜狐，?查看更多)\s*$", re.I)),
    ("source-credit", re.compile(r"\s*【(来源|來源)】\s*\S{1,20}\s*$")),
    ("byline", re.compile(rf"^\s*date\s+{_DATE}\s+", re.I)),
    ("search-prompt", re.compile(r"\s*【搜索试试\s*$")),
)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield position, position + len(body), body
        position += len(line)


def _line_rule(line: str, lang: str) -> str | None:
    if not line.strip():
        return None
    checks = (
        ("navigation", _NAVIGATION),
        ("byline", _BYLINE),
        ("footer", _FOOTER),
    )
    for rule, patterns in checks:
        if any(p.search(line) for p in patterns):
            # Long prose that merely mentions "版权所有" or a date is not boilerplate.
            if len(line.strip()) <= 160:
                return rule
    if _COMMENT_PROMPT.search(line):
        return "comment-prompt"
    if _AD.search(line):
        return "ad-marker"
    if _EDITOR.search(line):
        return "editor"
    if _SOURCE_LINE.search(line):
        return "source-credit"
    return None


def _looks_like_prose(line: str, lang: str) -> bool:
    stripped = line.strip()
    if lang == "zh":
        return len(stripped) >= 80 and stripped[-1:] in "。！？”」)"
    return len(stripped.split()) >= 40 and stripped[-1:] in ".!?\"”"


def _is_sentence(line: str, lang: str) -> bool:
    """A full sentence (the article going on after a link list), not a link's title: titles rarely end in a stop."""
    stripped = line.strip()
    if lang == "zh":
        return len(stripped) >= 12 and stripped[-1:] in "。！？" and not _LINK_ITEM.search(line)
    return len(stripped.split()) >= 8 and stripped[-1:] in ".!?" and not _LINK_ITEM.search(line)


def web_boilerplate(text: str, lang: str) -> list[Removal]:
    lines = list(_lines(text))
    removals: list[Removal] = []
    tail_from = _tail_start(lines, len(text))
    in_link_list = False
    for index, (start, end, line) in enumerate(lines):
        if tail_from is not None and index >= tail_from:
            if line.strip():
                removals.append(Removal(start, end, _tail_rule(line, lang), line))
            continue
        rule = _line_rule(line, lang)
        if rule is None and _SECTION_HEADS.search(line):
            rule, in_link_list = "related-links", True
        elif rule is None and in_link_list and (_LINK_ITEM.search(line) or (line.strip() and not _looks_like_prose(line, lang)
                                                                             and not _is_sentence(line, lang))):
            rule = "related-links"
        elif line.strip() and rule is None:
            in_link_list = False
        if rule:
            removals.append(Removal(start, end, rule, line))
            continue
        for inline_rule, pattern in _INLINE:
            match = pattern.search(line)
            if match and match.end() > match.start():
                removals.append(Removal(start + match.start(), start + match.end(), inline_rule, match.group()))
    return removals


def _tail_start(lines: list[tuple[int, int, str]], length: int) -> int | None:
    """Index of the first tail-marker line in the second half of the page, if any.

    A marker only starts the tail when no article prose follows it: every later
    line that reads like prose must itself read like a disclaimer.
    """
    only_disclaimers_after = [True] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index][2]
        prose = _looks_like_prose(line, "zh") or _looks_like_prose(line, "en")
        only_disclaimers_after[index] = only_disclaimers_after[index + 1] and (not prose or bool(_DISCLAIMER_WORDS.search(line)))
    for index, (start, _end, line) in enumerate(lines):
        if start >= length * 0.4 and _TAIL_MARKERS.search(line) and only_disclaimers_after[index + 1]:
            return index
    return None


def _tail_rule(line: str, lang: str) -> str:
    rule = _line_rule(line, lang)
    if rule:
        return rule
    if _SECTION_HEADS.search(line) or _LINK_ITEM.search(line):
        return "related-links"
    if _TAIL_MARKERS.search(line) or _DISCLAIMER_WORDS.search(line) or re.match(r"^\s*[①②③④⑤⑥⑦⑧⑨⑩]", line):
        return "disclaimer"
    return "page-tail"
