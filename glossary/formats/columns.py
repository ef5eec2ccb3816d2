"""Header rows of glossaries from other tools, in their usual spellings, and which column holds the Chinese.

``source/target``, ``zh/en``, ``term/translation``, ``Chinese/English``,
language codes (``zh-CN``, ``ZH_TW``, ``en-US``, ``EN-GB``), ``中文/英文``... all
name the same two columns. A file with no header row is read by content: the
column with Chinese characters is the Chinese one. A "source" column that holds
English (an English-to-Chinese glossary) is turned round, with a warning.
"""

from __future__ import annotations

import re
import warnings

from align.core.errors import InputError
from align.core.text import HAN_CLASS
from glossary.concept import COLUMNS
from glossary.notices import GlossaryWarning

_HAN = re.compile(f"[{HAN_CLASS}]")
_ZH = {"zh", "chinese", "chinese term", "zh term", "source", "source term", "source text", "src", "term", "terms",
       "source language", "中文", "汉语", "简体中文", "中文术语", "原文", "术语", "cn", "chs", "zho", "chi"}
_ZH_TRADITIONAL = {"traditional", "繁体", "繁體中文"}
_EN = {"en", "english", "english term", "en term", "target", "target term", "target text", "tgt", "translation",
       "translations", "rendering", "target language", "英文", "英语", "译文", "译名", "eng"}
_NOTE = {"note", "notes", "comment", "comments", "description", "definition", "remark", "remarks", "context", "备注",
         "说明", "注释"}
_POS = {"pos", "part of speech", "partofspeech", "part-of-speech", "词性"}
_DOMAIN = {"domain", "subject", "subject field", "subjectfield", "领域"}


def column_name(cell: object) -> str | None:
    """The glossary field a header cell names, or None."""
    text = " ".join(str(cell or "").replace("\ufeff", "").replace("_", "-").strip().lower().split())
    code = text.replace(" ", "")
    if code.startswith(("zh-", "cmn-")) or code in ("zh", "cmn"):
        return "traditional-code" if any(x in code for x in ("hant", "-tw", "-hk", "-mo")) else "zh"
    if code == "en" or code.startswith("en-"):
        return "en"
    for field, names in (("zh", _ZH), ("en", _EN), ("note", _NOTE), ("pos", _POS), ("domain", _DOMAIN),
                         ("traditional", _ZH_TRADITIONAL)):
        if text in names:
            return field
    return text if text in COLUMNS else None


def header_names(cells: list[str]) -> list[str] | None:
    """Field names for a header row, or None when the row is data (Chinese in a cell not naming a column, or no
    cell naming one); a header without a Chinese or an English column is an InputError."""
    names = [column_name(c) for c in cells]
    if names.count("traditional-code") and "zh" not in names:
        names[names.index("traditional-code")] = "zh"
    names = ["traditional" if n == "traditional-code" else n for n in names]
    if any(_HAN.search(str(c or "")) and column_name(c) is None for c in cells) or not any(names):
        return None
    missing = [c for c in ("zh", "en") if c not in names]
    if missing:

        raise InputError(f"missing column {', '.join(missing)} (header has: {', '.join(str(c) for c in cells if c) or 'nothing'})")
    seen: set[str] = set()
    unique = []
    for number, name in enumerate(names):
        unique.append(f"_extra{number}" if name is None or name in seen else name)
        seen.add(name or "")
    return unique


def has_han(text: object) -> bool:
    return bool(_HAN.search(str(text or "")))


def by_content(rows: list[list[str]], name: str) -> list[str]:
    """Field names for a headerless table: the column most often holding Chinese is zh, the next one en, then note."""
    width = max((len(r) for r in rows), default=0)
    if width < 2:
        return ["zh", "en"]
    han = [sum(1 for r in rows if i < len(r) and has_han(r[i])) for i in range(width)]
    if not any(han):
        raise InputError(f"{name}: no header row naming the columns (zh/en, source/target, ...) and no column holds Chinese")
    zh = max(range(width), key=lambda i: (han[i], -i))
    others = [i for i in range(width) if i != zh]
    names = [f"_extra{i}" for i in range(width)]
    names[zh] = "zh"
    names[others[0]] = "en"
    if len(others) > 1:
        names[others[1]] = "note"
    if zh != 0:
        warnings.warn(f"{name}: no header row; read column {zh + 1} as Chinese (it holds the Chinese characters)",
                      GlossaryWarning, stacklevel=3)
    return names


def turned_round(names: list[str], rows: list[list[str]], name: str) -> list[str]:
    """Swap zh and en when the 'Chinese' column holds none and the 'English' one does (an en->zh glossary)."""
    zh, en = names.index("zh"), names.index("en")
    zh_han = sum(1 for r in rows if zh < len(r) and has_han(r[zh]))
    en_han = sum(1 for r in rows if en < len(r) and has_han(r[en]))
    if zh_han == 0 and en_han > 0:
        warnings.warn(f"{name}: the source column holds English and the target Chinese; read as Chinese to English",
                      GlossaryWarning, stacklevel=3)
        names = list(names)
        names[zh], names[en] = "en", "zh"
    return names
