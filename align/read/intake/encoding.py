"""Bytes → text, naming the encoding used.

Order: BOMs (UTF-8, UTF-16, UTF-32); UTF-16 without BOM by its NUL pattern;
strict UTF-8; then the Chinese legacy encodings GB18030 and Big5, decided by
charset-normalizer when both decode. Binary data is refused, never guessed.
"""

from __future__ import annotations

import codecs

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


def _control_share(text: str) -> float:
    sample = text[:10000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\ufffd")
    return bad / len(sample)


def decode_bytes(data: bytes, source: str = "<bytes>", encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise InputError for empty, binary or undecodable data."""
    if not data.strip():
        raise InputError(f"{source}: file is empty")
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(f"{source}: cannot decode as {encoding}: {error}") from None
    text, used = _decode(data, source)
    if _control_share(text) > 0.01:
        raise InputError(f"{source}: looks binary (control characters in the text), not a text document")
    return text, used


def _decode(data: bytes, source: str) -> tuple[str, str]:
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
    raise InputError(f"{source}: not decodable as UTF-8, UTF-16, GB18030 or Big5; give --encoding")


def _pick_legacy(data: bytes, decoded: dict[str, str]) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is not None:
        name = "big5" if "big5" in best.encoding or "cp950" in best.encoding else "gb18030"
        return decoded[name], name
    return decoded["gb18030"], "gb18030"
