"""Edit operations on an alignment, as pure functions: a list of beads in, a new list out.

Sentence ids stay in document order and every sentence stays in exactly one
bead, so an edited bitext is still an alignment of the same two documents.
Texts are cut and joined, never rewritten: Chinese sentences are joined without
a space, English ones with one (as ``Document.join``), so merging what was split
gives back the original characters.

A bead an edit changed carries ``meta["edited"]`` (the last operation: merge,
split, move) — the TMX prop ``x-edited``, a column in TSV/XLSX — and the reason
code ``edited``; its confidence is cleared (None), because the aligner's
probability was about the bead before the edit. The reviewer's mark is
``meta["reviewed"]``: ``reviewed`` or ``rejected`` (TMX ``x-reviewed``).
A rejected bead is kept, marked, so no sentence disappears from the saved file.
"""

from __future__ import annotations

from typing import Sequence

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError

EDITED = "edited"
REVIEWED = "reviewed"
MARKS = ("reviewed", "rejected")
JOINERS = {"zh": "", "en": " "}


def check_editable(bitext: Bitext) -> None:
    """Refuse a bitext the editor cannot keep consistent: ids out of order, repeated, or missing beside a text."""
    last = {"zh": -1, "en": -1}
    for number, bead in enumerate(bitext.beads, start=1):
        name = bead.id or str(number)
        for side, ids, text in (("zh", bead.zh_ids, bead.zh_text), ("en", bead.en_ids, bead.en_text)):
            language = "Chinese" if side == "zh" else "English"
            if text.strip() and not ids:
                raise InputError(
                    f"bead {name}: {language} text without sentence ids; the editor needs the ids bitext writes "
                    "(TMX, JSONL or XLSX from bitext align)"
                )
            for sentence in ids:
                if sentence <= last[side]:
                    raise InputError(
                        f"bead {name}: {language} sentence {sentence} comes after sentence {last[side]}; "
                        "the ids do not match a document order (repeated or out of order), so the beads cannot be edited"
                    )
                last[side] = sentence


def sentences(bead: Bead, side: str) -> list[str]:
    """The texts of the bead's sentences on ``side``, one per id, cut where bitext's segmenter finds them."""
    ids = bead.zh_ids if side == "zh" else bead.en_ids
    text = bead.zh_text if side == "zh" else bead.en_text
    if len(ids) <= 1:
        return [text] if ids else []
    from align.read.segment import split_sentences

    starts = [start for start, _ in split_sentences(text, side)]
    if len(starts) != len(ids):
        language = "Chinese" if side == "zh" else "English"
        raise InputError(
            f"bead {bead.id}: its {language} text has {len(starts)} sentence(s) by bitext's segmentation but "
            f"{len(ids)} sentence ids; cannot tell where one sentence ends"
        )
    cuts = [0, *starts[1:], len(text)]
    return [text[cuts[k]:cuts[k + 1]].rstrip() if side == "en" else text[cuts[k]:cuts[k + 1]] for k in range(len(ids))]


def _join(side: str, parts: Sequence[str]) -> str:
    return JOINERS[side].join(part for part in parts if part)


def _edited(bead: Bead, operation: str, **changes) -> Bead:
    reasons = tuple(dict.fromkeys((*changes.pop("reasons", bead.reasons), EDITED)))
    meta = {**changes.pop("meta", bead.meta), EDITED: operation}
    return bead.with_(confidence=None, reasons=reasons, meta=meta, **changes)


def _at(beads: Sequence[Bead], index: int, need_next: bool = False) -> None:
    if not 0 <= index < len(beads):
        raise InputError(f"no bead at position {index} (there are {len(beads)})")
    if need_next and index + 1 >= len(beads):
        raise InputError(f"bead {beads[index].id} is the last one: there is no next bead")


def merge(beads: Sequence[Bead], index: int) -> list[Bead]:
    """Bead ``index`` and the next one become one bead (id ``3+4``)."""
    _at(beads, index, need_next=True)
    first, second = beads[index], beads[index + 1]
    notes = [n for n in (first.meta.get("note", ""), second.meta.get("note", "")) if n]
    meta = {**second.meta, **first.meta}
    if notes:
        meta["note"] = " / ".join(notes)
    meta.pop(REVIEWED, None)
    merged = _edited(
        first,
        "merge",
        zh_ids=first.zh_ids + second.zh_ids,
        en_ids=first.en_ids + second.en_ids,
        zh_text=_join("zh", (first.zh_text, second.zh_text)),
        en_text=_join("en", (first.en_text, second.en_text)),
        reasons=first.reasons + second.reasons,
        id=f"{first.id}+{second.id}",
        meta=meta,
    )
    return [*beads[:index], merged, *beads[index + 2:]]


def split(beads: Sequence[Bead], index: int, zh_count: int, en_count: int) -> list[Bead]:
    """Bead ``index`` cut in two: its first ``zh_count`` Chinese and ``en_count`` English sentences, then the rest."""
    _at(beads, index)
    bead = beads[index]
    zh, en = sentences(bead, "zh"), sentences(bead, "en")
    if not (0 <= zh_count <= len(zh) and 0 <= en_count <= len(en)):
        raise InputError(f"bead {bead.id} has {len(zh)} Chinese and {len(en)} English sentences; cannot keep {zh_count} and {en_count}")
    if zh_count + en_count == 0 or zh_count + en_count == len(zh) + len(en):
        raise InputError(f"splitting bead {bead.id} after {zh_count} Chinese and {en_count} English sentences leaves an empty bead")
    meta = {k: v for k, v in bead.meta.items() if k != REVIEWED}
    halves = []
    for suffix, zh_part, en_part, zh_ids, en_ids in (
        ("a", zh[:zh_count], en[:en_count], bead.zh_ids[:zh_count], bead.en_ids[:en_count]),
        ("b", zh[zh_count:], en[en_count:], bead.zh_ids[zh_count:], bead.en_ids[en_count:]),
    ):
        halves.append(
            _edited(bead, "split", zh_ids=zh_ids, en_ids=en_ids, zh_text=_join("zh", zh_part), en_text=_join("en", en_part),
                    id=f"{bead.id}{suffix}", meta=dict(meta))
        )
    return [*beads[:index], *halves, *beads[index + 1:]]


def move(beads: Sequence[Bead], index: int, side: str, to: str) -> list[Bead]:
    """Move one boundary sentence of bead ``index`` on ``side`` (zh/en) to the ``next`` or ``previous`` bead.

    To ``next``: its last sentence becomes the next bead's first; to ``previous``: its first becomes the
    previous bead's last. A bead left with no sentence at all disappears.
    """
    if side not in JOINERS or to not in ("next", "previous"):
        raise InputError(f"move needs side zh or en and to next or previous, got {side!r} and {to!r}")
    _at(beads, index, need_next=to == "next")
    if to == "previous" and index == 0:
        raise InputError(f"bead {beads[0].id} is the first one: there is no previous bead")
    source = beads[index]
    target_index = index + 1 if to == "next" else index - 1
    target = beads[target_index]
    parts = sentences(source, side)
    if not parts:
        language = "Chinese" if side == "zh" else "English"
        raise InputError(f"bead {source.id} has no {language} sentence to move")
    ids = source.zh_ids if side == "zh" else source.en_ids
    target_ids = target.zh_ids if side == "zh" else target.en_ids
    target_text = target.zh_text if side == "zh" else target.en_text
    if to == "next":
        moved_id, moved_text, kept_ids, kept = ids[-1], parts[-1], ids[:-1], parts[:-1]
        new_ids, new_text = (moved_id, *target_ids), _join(side, (moved_text, target_text))
    else:
        moved_id, moved_text, kept_ids, kept = ids[0], parts[0], ids[1:], parts[1:]
        new_ids, new_text = (*target_ids, moved_id), _join(side, (target_text, moved_text))
    new_source = _edited(source, "move", **{f"{side}_ids": kept_ids, f"{side}_text": _join(side, kept)})
    new_target = _edited(target, "move", **{f"{side}_ids": new_ids, f"{side}_text": new_text})
    result = list(beads)
    result[index], result[target_index] = new_source, new_target
    if not new_source.zh_ids and not new_source.en_ids:
        del result[index]
    return result


def mark(beads: Sequence[Bead], index: int, value: str) -> list[Bead]:
    """Set the reviewer's mark: ``reviewed``, ``rejected``, or ``""`` to clear it."""
    _at(beads, index)
    if value not in (*MARKS, ""):
        raise InputError(f"mark must be reviewed, rejected or empty, got {value!r}")
    bead = beads[index]
    meta = {k: v for k, v in bead.meta.items() if k != REVIEWED}
    if value:
        meta[REVIEWED] = value
    return [*beads[:index], bead.with_(meta=meta), *beads[index + 1:]]


def note(beads: Sequence[Bead], index: int, text: str) -> list[Bead]:
    """Set (or with an empty text, remove) the bead's note."""
    _at(beads, index)
    bead = beads[index]
    meta = {k: v for k, v in bead.meta.items() if k != "note"}
    if text.strip():
        meta["note"] = text.strip()
    return [*beads[:index], bead.with_(meta=meta), *beads[index + 1:]]
