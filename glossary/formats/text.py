"""Reading a glossary text file: UTF-8 (with or without BOM), else a detected encoding."""

from __future__ import annotations

from pathlib import Path

from align.core.errors import InputError


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path.name}: looks like a binary file, not a text glossary")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        # Chinese tools on Windows write GBK; a text all of whose characters are in GB2312 is surely that
        text = data.decode("gb18030")
        text.encode("gb2312")
        return text
    except (UnicodeDecodeError, UnicodeEncodeError):
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{path.name}: cannot tell the text encoding")
    return str(best)
