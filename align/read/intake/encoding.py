"""Bytes → text, naming the encoding used.

Order: BOMs (UTF-8, UTF-16, UTF-32); UTF-16 without BOM by its NUL pattern;
strict UTF-8; then the Chinese legacy encodings GB18030 and Big5, decided by
charset-normalizer when both decode. Binary data is refused, never guessed.

GB18030 decodes almost any byte sequence, so a legacy decoding is accepted only
when it reads as Chinese: nearly every Han character it gives must be a common
one (in GB2312 or Big5), and in mostly-Latin text no Han character may be glued
to a Latin word. Shift-JIS Japanese read as GB18030 gives about half rare
characters; Latin-1 English gives ``r閟um閟``. Such a file is refused with charset-normalizer's guess
and the option that says the encoding, rather than aligned as garble.
"""

from __future__ import annotations

import codecs
import functools
import re

from align.core.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030", "big5")


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    # ASCII-heavy UTF-16 has a NUL in every other byte; CJK-heavy UTF-16 has few
    # NULs, so also accept it when it decodes cleanly and the other ways do not.
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _plausible_share(text: str) -> float:
    """Share of characters that running Chinese or English text is made of."""
    sample = text[:4000]
    if not sample:
        return 0.0
    ok = sum(
        1
        for c in sample
        if c in "\t\n\r" or " " <= c <= "~" or "\u3000" <= c <= "\u303f" or "\u4e00" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
        or "\u2010" <= c <= "\u206f"
    )
    return ok / len(sample)


def _mostly_latin(text: str) -> bool:
    """Latin text, whatever Han characters a wrong decoding put in it: few, or each one alone (Chinese runs on)."""
    sample = text[:200000]
    han = len(_HAN_CHAR.findall(sample))
    runs = len(_HAN_RUN.findall(sample))
    return han < 0.05 * (han + len(_LATIN_LETTER.findall(sample))) or han < 1.5 * runs


def _western_share(text: str) -> float:
    """Share of characters English text is made of: ASCII, Latin letters with accents, dashes and curly quotes."""
    sample = text[:200000]
    if not sample:
        return 0.0
    return sum(1 for c in sample if c < "\u0250" or "\u2010" <= c <= "\u206f") / len(sample)


def _control_share(text: str) -> float:
    sample = text[:10000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\ufffd")
    return bad / len(sample)


_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_HAN_GLUED = re.compile(r"(?<=[A-Za-z])[\u3400-\u9fff]|[\u3400-\u9fff](?=[A-Za-z])")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
COMMON_HAN_SHARE = 0.9  # real Chinese: 0.99-1.0; Shift-JIS read as GB18030: about 0.5


@functools.lru_cache(maxsize=65536)
def _common_han(char: str) -> bool:
    for table in ("gb2312", "big5"):
        try:
            char.encode(table)
            return True
        except UnicodeEncodeError:
            pass
    return False


def implausible_chinese(text: str) -> str | None:
    """Why ``text``, a legacy (GB18030/Big5) decoding, is unlikely to be what the file says; None if it reads well."""
    sample = text[:20000]
    han = _HAN_CHAR.findall(sample)
    private = len(_PRIVATE_USE.findall(sample))
    if private >= 3 and private > 0.02 * max(len(han), 1):
        return f"{private} private-use characters"
    if len(han) >= 10:
        rare = sum(1 for c in han if not _common_han(c))
        if rare > (1 - COMMON_HAN_SHARE) * len(han):
            return f"{rare / len(han):.0%} of its Han characters are rare ones that running Chinese hardly uses"
    # Latin text whose accented letters became Han characters: "Intern彋", "r閟um閟". Real English quoting
    # Chinese sets it apart with spaces or punctuation; real Chinese with English words is mostly Han.
    runs = _HAN_RUN.findall(sample)
    glued = len(_HAN_GLUED.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    if len(runs) >= 3 and len(han) < 0.2 * (len(han) + latin) and 2 * glued >= len(runs):
        return f"{glued} Han characters glued to Latin words, as accented letters of another encoding would be"
    return None


def _likely_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess over every encoding it knows, or None."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200000])
    best = matches.best()
    if best is None:
        return None
    # single-byte Latin code pages often tie (cp1250, cp775, latin-1 read accented English alike): name the common one
    for match in matches:
        if match.encoding in ("cp1252", "latin_1") and match.chaos <= best.chaos + 0.01:
            return match.encoding
    return best.encoding


def _utf8_then_not(data: bytes) -> int | None:
    """Where UTF-8 stops in a file that is plainly UTF-8 before it (20+ non-ASCII characters): two encodings in one."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as error:
        start = error.start
    prefix = data[:start].decode("utf-8", errors="ignore")
    return start if sum(1 for c in prefix if ord(c) > 127) >= 20 else None


def _say_which(source: str, flag: str, reason: str, data: bytes) -> InputError:
    mixed = _utf8_then_not(data)
    if mixed is not None:
        return InputError(f"{source}: UTF-8 for its first {mixed:,} bytes, then not: two encodings in one file? "
                          "Save it in one encoding (UTF-8), or give it with " + flag)
    guess = _likely_encoding(data)
    if guess and guess not in _LEGACY:
        return InputError(f"{source}: {reason}; it may be {guess}; say which encoding with {flag} (e.g. {flag} {guess})")
    return InputError(f"{source}: {reason}; say which encoding with {flag} (e.g. shift_jis, cp1252, euc-kr)")


def decode_bytes(data: bytes, source: str = "<bytes>", encoding: str | None = None, flag: str = "--encoding") -> tuple[str, str]:
    """Return ``(text, encoding)``; raise InputError for empty, binary, undecodable or implausibly decoded data.

    ``flag`` is the option that gives this file's encoding (``--zh-encoding``...), named in the errors.
    """
    if not data.strip():
        raise InputError(f"{source}: file is empty")
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(f"{source}: cannot decode as {encoding}: {error}") from None
    text, used = _decode(data, source, flag)
    if used in _LEGACY:
        reason = implausible_chinese(text)
        if reason:
            raise _say_which(source, flag, f"read as {used.upper()} it is unlikely text ({reason})", data)
    if _control_share(text) > 0.01:
        raise InputError(f"{source}: looks binary (control characters in the text), not a text document")
    return text, used


def _decode(data: bytes, source: str, flag: str) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise InputError(f"{source}: has a {name} byte-order mark but does not decode as {name}") from None
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8000]:
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if _plausible_share(text) > 0.95:
                return text, name
        raise InputError(f"{source}: looks binary (NUL bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = {}
    for name in _LEGACY:
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if len(decoded) == 1:
        name, text = next(iter(decoded.items()))
        return text, name
    if len(decoded) == 2:
        return _pick_legacy(data, decoded)
    raise _say_which(source, flag, "not decodable as UTF-8, UTF-16, GB18030 or Big5", data)


def _pick_legacy(data: bytes, decoded: dict[str, str]) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is not None:
        name = "big5" if "big5" in best.encoding or "cp950" in best.encoding else "gb18030"
    else:
        name = "gb18030"
    other = "big5" if name == "gb18030" else "gb18030"
    if implausible_chinese(decoded[name]) and not implausible_chinese(decoded[other]):
        name = other  # the one that reads as Chinese
    elif _mostly_latin(decoded[name]) and _western_share(decoded[other]) > _western_share(decoded[name]):
        name = other  # English with a few curly quotes or dashes (– in GB18030 is 每 in Big5): the punctuation decides
    return decoded[name], name
