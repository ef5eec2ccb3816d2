"""BCP-47 language codes for Chinese and English, strict on output, lenient on input.

CAT tools disagree on how to spell Chinese: ``zh_CN`` (Java locales), ``zh-CHS`` /
``zh-CHT`` (old Microsoft), ``ZH-cn``, ``zh-Hans-CN``. We write canonical BCP-47
(``zh-CN`` by default, or ``zh-TW``, ``zh-HK``, ``zh-SG``, ``zh-Hans``, ``zh-Hant``)
and read every one of those spellings.
"""

from __future__ import annotations

import functools
import re

from align.core.errors import UsageError

DEFAULT_ZH = "zh-CN"
DEFAULT_EN = "en"
ZH_CHOICES = ("zh-CN", "zh-TW", "zh-HK", "zh-SG", "zh-Hans", "zh-Hant")

# Legacy spellings that are not mechanically canonicalisable.
_ALIASES = {
    "zh-chs": "zh-Hans",
    "zh-cht": "zh-Hant",
    "zh-gb": "zh-CN",
    "zh-big5": "zh-TW",
    "cn": "zh-CN",
    "chs": "zh-Hans",
    "cht": "zh-Hant",
    "chinese": "zh",
    "english": "en",
    "cmn": "zh",
}
_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")


@functools.lru_cache(maxsize=1024)
def normalize_lang(code: str) -> str:
    """Canonical BCP-47 casing and separators: ``zh_cn`` → ``zh-CN``, ``ZH-hans`` → ``zh-Hans``.

    Unknown but well-formed codes pass through with canonical casing; a code that is
    not a language tag at all (empty, spaces, punctuation) raises ``ValueError``.
    """
    raw = code.strip().replace("_", "-")
    # Java/POSIX locales may carry an encoding or modifier: zh_CN.UTF-8, zh_TW@stroke.
    raw = re.split(r"[.@]", raw, maxsplit=1)[0]
    alias = _ALIASES.get(raw.lower())
    if alias:
        return alias
    parts = raw.split("-")
    if not raw or not all(_SUBTAG.match(p) for p in parts):
        raise ValueError(f"not a language code: {code!r}")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())  # script: Hans, Hant, Latn
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())  # region: CN, TW, 419
        else:
            out.append(part.lower())
    if out[0] == "cmn":
        out[0] = "zh"
    return "-".join(out)


def primary(code: str) -> str:
    try:
        return normalize_lang(code).split("-")[0]
    except ValueError:
        return ""


def is_chinese(code: str) -> bool:
    return primary(code) == "zh"


def is_english(code: str) -> bool:
    return primary(code) == "en"


def chinese_code(code: str | None) -> str:
    """A user's ``--zh-lang`` as canonical BCP-47; refuses codes that are not Chinese."""
    if code is None:
        return DEFAULT_ZH
    try:
        canonical = normalize_lang(code)
    except ValueError:
        canonical = ""
    if not is_chinese(canonical):
        raise UsageError(f"--zh-lang {code!r} is not a Chinese language code; use one of {', '.join(ZH_CHOICES)}")
    return canonical


def english_code(code: str | None) -> str:
    if code is None:
        return DEFAULT_EN
    try:
        canonical = normalize_lang(code)
    except ValueError:
        canonical = ""
    if not is_english(canonical):
        raise UsageError(f"--en-lang {code!r} is not an English language code (e.g. en, en-US, en-GB)")
    return canonical


def is_traditional(code: str) -> bool:
    """Whether a Chinese code names traditional script (zh-TW, zh-HK, zh-MO, zh-Hant...)."""
    parts = normalize_lang(code).split("-")
    if "Hant" in parts:
        return True
    if "Hans" in parts:
        return False
    return any(p in ("TW", "HK", "MO") for p in parts[1:])
