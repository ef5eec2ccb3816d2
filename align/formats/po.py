"""Gettext PO: ``msgid`` and ``msgstr`` as the two sides of a bead, read and written with polib.

polib (pure Python, one module, maintained since 2006) is used rather than a
parser of our own: PO's escapes, multi-line strings, plurals, contexts and
obsolete ``#~`` entries are easy to get subtly wrong. Reading: the header
entry and obsolete entries are left out; a plural entry gives its singular
and first plural form; untranslated entries are left out with a warning;
fuzzy entries are kept with ``meta["fuzzy"] = "yes"``. Writing: Chinese is the
``msgid`` (``source="en"`` turns it round), the bead id is the ``msgctxt``
(so equal sentences stay separate entries), ids/confidence/reasons and meta
are ``#.`` comments ``bitext key=value`` that reading restores; the signature,
document names, score and details are ``X-Bitext-*`` header fields.
"""

from __future__ import annotations

from pathlib import Path

from align.core.atomic import atomic_open
from align.core.bitext import Bitext
from align.core.errors import InputError, UsageError
from align.formats.base import BitextFormat, format_confidence, format_ids, format_reasons
from align.formats.bilingual import Unit, beads_from_units, header_fields, read_header_field, zh_is_source
from align.formats.langcodes import DEFAULT_EN, DEFAULT_ZH, chinese_code, english_code
from align.formats.registry import register

_OWN = ("zh-ids", "en-ids", "confidence", "reasons")


def read_po(path) -> Bitext:
    import polib

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        catalog = polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError, UnicodeDecodeError, LookupError) as error:
        raise InputError(f"{path}: not a readable PO file ({error})") from None
    units = []
    for entry in catalog:
        if entry.obsolete:
            continue
        attributes, meta = {}, {}
        for line in (entry.comment or "").splitlines():
            if line.startswith("bitext ") and "=" in line:
                key, value = line[len("bitext ") :].split("=", 1)
                (attributes if key in _OWN else meta)[key] = value
        if entry.fuzzy:
            meta["fuzzy"] = "yes"
        target = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        units.append(Unit(entry.msgid, target, entry.msgctxt or "", attributes, meta))
    language = catalog.metadata.get("Language") or None
    source_language = catalog.metadata.get("X-Source-Language") or None
    zh_source = zh_is_source(source_language, language, units, path)
    beads = beads_from_units(units, zh_source, path)
    zh_lang, en_lang = (source_language, language) if zh_source else (language, source_language)
    bitext = Bitext(beads=beads, zh_lang=chinese_code(zh_lang) if zh_lang else DEFAULT_ZH, en_lang=en_lang or DEFAULT_EN,
                    zh_name=path.name, en_name=path.name)
    _read_header_fields(catalog.metadata, bitext, path)
    return bitext


_PREFIX = "X-Bitext-"
_DETAIL = "X-Bitext-Detail-"


def _header_fields(bitext: Bitext) -> dict[str, str]:
    """What TMX keeps in its header, as ``X-Bitext-*`` header fields that :func:`read_po` reads back."""
    return {(_DETAIL + key[len("detail:") :]) if key.startswith("detail:") else _PREFIX + key.title(): value
            for key, value in header_fields(bitext)}


def _read_header_fields(metadata: dict[str, str], bitext: Bitext, where) -> None:
    for key, value in metadata.items():
        if key.startswith(_DETAIL):
            read_header_field(bitext, "detail:" + key[len(_DETAIL) :], value, where)
        elif key.startswith(_PREFIX):
            read_header_field(bitext, key[len(_PREFIX) :].lower(), value, where)


def write_po(bitext: Bitext, path, force: bool = False, *, export: dict[str, str] | None = None, source: str = "zh",
             en_lang: str | None = None, **_ignored) -> int:
    import polib

    if source not in ("zh", "en"):
        raise UsageError(f"PO source must be zh or en, got {source!r}")
    langs = {"zh": chinese_code(bitext.zh_lang or None), "en": english_code(en_lang or bitext.en_lang or None)}
    target = "en" if source == "zh" else "zh"
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": langs[target],
        "X-Source-Language": langs[source],
        "X-Generator": "bitext",
        **_header_fields(bitext),
    }
    count = 0
    for count, bead in enumerate(bitext.beads, start=1):
        texts = {"zh": bead.zh_text, "en": bead.en_text}
        own = {"zh-ids": format_ids(bead.zh_ids), "en-ids": format_ids(bead.en_ids), "confidence": format_confidence(bead.confidence),
               "reasons": format_reasons(bead.reasons), **bead.meta}
        comment = "\n".join(f"bitext {key}={value}" for key, value in own.items() if value != "")
        catalog.append(polib.POEntry(msgctxt=bead.id or str(count), msgid=texts[source], msgstr=texts[target], comment=comment))
    with atomic_open(path, "w", force=force, newline="\n") as handle:
        handle.write(str(catalog) + "\n")
    return count


@register
class Po(BitextFormat):
    name = "po"
    extensions = (".po", ".pot")
    keeps_signature = True

    def write(self, bitext, path, force=False, **options):
        return write_po(bitext, path, force, **options)

    def read(self, path, **options):
        return read_po(path)
