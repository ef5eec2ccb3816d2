"""Signature: what produced an output, as sacrebleu prints it: ``bitext:0.2.0|aligner:0.2.0|model:3fa2…|mode:embed|…``.

Every output records the same signature: the TMX header, the JSONL header,
the XLSX ``about`` sheet, the HTML page, ``report.json``, ``consistency.json``,
the segmented JSONL and the glossary scan. It names the versions of bitext
and of every resource that shapes a result (the model's content hash,
CC-CEDICT, the segmenter, the lemmatiser, pypinyin, OpenCC, the embedding
model) and the settings of the run. Nothing that varies from one document or
run to the next goes in it (those facts travel beside it, e.g.
``Bitext.details``), so two outputs made the same way carry equal signatures.

>>> sig = Signature({"bitext": "0.2.0", "mode": "fast"})
>>> str(sig)
'bitext:0.2.0|mode:fast'
>>> Signature.parse(str(sig)) == sig
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

SEPARATOR = "|"
ASSIGN = ":"


def signature_text(items: Mapping[str, object]) -> str:
    """The one-line form of any signature mapping, as ``Signature.format()`` writes it.

    It does not refuse values holding ``|`` (a Bitext read from another tool may
    carry them): formats that must read a signature back exactly store its
    entries one by one as well.
    """
    return SEPARATOR.join(f"{key}{ASSIGN}{value}" for key, value in items.items())


class Signature(Mapping):
    """An ordered, read-only mapping of short keys to short values, with one text form."""

    def __init__(self, items: Mapping[str, object] | None = None, **more: object):
        pairs = {**dict(items or {}), **more}
        self._items: dict[str, str] = {}
        for key, value in pairs.items():
            key, text = str(key), str(value)
            if not key or ASSIGN in key or SEPARATOR in key or SEPARATOR in text or "\n" in text:
                raise ValueError(f"signature entry {key!r}:{text!r} would not read back")
            self._items[key] = text

    def __getitem__(self, key: str) -> str:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return list(self._items.items()) == [(str(k), str(v)) for k, v in other.items()]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"Signature({self.format()!r})"

    def format(self) -> str:
        return signature_text(self._items)

    @classmethod
    def parse(cls, text: str) -> Signature:
        items: dict[str, str] = {}
        for part in text.strip().split(SEPARATOR):
            key, sep, value = part.partition(ASSIGN)
            if sep and key:
                items[key] = value
        return cls(items)

    def to_dict(self) -> dict[str, str]:
        return dict(self._items)

    def with_(self, **changes: object) -> Signature:
        return Signature({**self._items, **{k: str(v) for k, v in changes.items()}})
