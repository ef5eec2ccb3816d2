"""Checks that two Documents can be paired: a Chinese one first, an English one second, both with text."""

from __future__ import annotations

from align.core.document import Document
from align.core.errors import InputError
from align.core.text import HAN, LATIN_LETTER


def han_share(doc: Document) -> float:
    """Share of Han characters among Han + Latin letters in a sample of the text."""
    sample = "".join(s.text for s in doc.sentences[:400])[:20000]
    han, latin = len(HAN.findall(sample)), len(LATIN_LETTER.findall(sample))
    return han / (han + latin) if han + latin else 0.0


def check_document_pair(zh_doc: Document, en_doc: Document, task: str = "align", declared: tuple[str, ...] = ()) -> None:
    """Raise InputError for a missing Document, an empty side, two documents in one language, or a swapped order.

    The language is judged from the characters as well as ``Document.lang``, so a
    mislabelled document is caught too; except for a side in ``declared`` ("zh",
    "en"), whose language the caller vouches for (``--zh-lang``/``--en-lang``): a
    Chinese manual full of shell commands has fewer Han characters than Latin letters.
    """
    for doc, side in ((zh_doc, "Chinese"), (en_doc, "English")):
        if not isinstance(doc, Document):
            raise InputError(f"expected a Document, got {type(doc).__name__}; use read_document() first")
        if not any(s.text.strip() for s in doc.sentences):
            raise InputError(f"{doc.name}: no text to {task} (the {side} side is empty)")
    zh_han = 1.0 if "zh" in declared else han_share(zh_doc)
    en_han = 0.0 if "en" in declared else han_share(en_doc)
    if zh_doc.lang == en_doc.lang or (zh_han < 0.2 and en_han < 0.2) or (zh_han > 0.5 and en_han > 0.5):
        which = "Chinese" if zh_han > 0.5 and en_han > 0.5 else "English" if zh_han < 0.2 and en_han < 0.2 else zh_doc.lang
        raise InputError(f"{zh_doc.name} and {en_doc.name} are both {which}: give a Chinese and an English document"
                         f"{_say_so(zh_doc, en_doc, which)}")
    if zh_doc.lang != "zh" or en_doc.lang != "en" or (zh_han < 0.2 and en_han > 0.5):
        raise InputError(f"the Chinese document must come first: {zh_doc.name} is {zh_doc.lang}, {en_doc.name} is {en_doc.lang}"
                         f"{_say_so(zh_doc, en_doc, 'English' if zh_han < 0.2 else 'Chinese')}")


def _say_so(zh_doc: Document, en_doc: Document, which: str) -> str:
    """How to overrule the character count when it is wrong (code, terms or names in the other language)."""
    if which == "English":
        return (f" (if {zh_doc.name} is Chinese all the same, with code or English terms, say so with --zh-lang zh; "
                "library: declared=('zh',))")
    return (f" (if {en_doc.name} is English all the same, with Chinese quoted in it, say so with --en-lang en; "
            "library: declared=('en',))")


# English characters per Chinese character in a translation: about 3 (MAC-Dev 2.9, the Bible 3.3, the seeds
# 2.6-3.4); a side more than MISMATCH times longer than that is not a translation of the other.
EN_PER_ZH = 3.0
MISMATCH = 10.0


def length_mismatch(zh_chars: int, en_chars: int) -> float:
    """How many times longer one side is than a translation of the other would be (1 = as expected)."""
    expected = EN_PER_ZH * max(zh_chars, 1)
    ratio = max(en_chars, 1) / expected
    return max(ratio, 1 / ratio)


def check_lengths(zh_doc: Document, en_doc: Document) -> None:
    """Refuse two documents whose lengths say they cannot be translations of each other: aligning them would
    force every sentence of the long one into a bead, and cost time and memory for nothing."""
    zh_chars = sum(len(s.text) for s in zh_doc.sentences)
    en_chars = sum(len(s.text) for s in en_doc.sentences)
    times = length_mismatch(zh_chars, en_chars)
    if times > MISMATCH:
        longer = zh_doc.name if EN_PER_ZH * zh_chars > en_chars else en_doc.name
        raise InputError(
            f"{zh_doc.name} ({zh_chars:,} characters) and {en_doc.name} ({en_chars:,}) differ about {times:.0f}x in length "
            f"from a translation: {longer} is far longer. If only part of it corresponds, use `bitext mine` to find the "
            "sentences that do; to align anyway, use --force (library: allow_mismatch=True)"
        )


SIZES_CHECKED_FROM = 2**20


def check_sizes(zh_name: str, zh_bytes: int, en_name: str, en_bytes: int) -> None:
    """Refuse, before reading them, two files whose sizes alone rule out a translation (a 200 MB Chinese file
    against a 3 KB English one). Bytes per character vary with the encoding (up to three times), hence the
    wide margin; ``check_lengths`` judges the texts once read. Files under a megabyte are read anyway (it costs
    nothing), so what is wrong with them (empty, binary, undecodable) is said instead of their sizes."""
    if max(zh_bytes, en_bytes) < SIZES_CHECKED_FROM:
        return
    times = max(zh_bytes, 1) / max(en_bytes, 1)
    times = max(times, 1 / times)
    if times > 3 * MISMATCH:
        longer = zh_name if zh_bytes > en_bytes else en_name
        raise InputError(
            f"{zh_name} ({zh_bytes:,} bytes) and {en_name} ({en_bytes:,} bytes) differ {times:,.0f}x in size: {longer} "
            "cannot be a translation of the other. If only part of it corresponds, use `bitext mine`; "
            "to align anyway, use --force"
        )
