"""Document pairing: which Chinese document goes with which English one, in two folders of many.

As document aligners for web corpora do it (Bitextor; Buck & Koehn 2016;
Thompson & Koehn's document embeddings), a cheap signature of every document
first, then a closer look at the few candidates it leaves:

1. Profiles (``profiles``): every Chinese word becomes the English lemma ids of
   its CC-CEDICT glosses (traditional script through simplified), plus pinyin
   keys for names and number values; every English document its lemma ids,
   name keys and numbers. One id space for both sides.
2. Candidates (``candidates``): TF-IDF bags compared by cosine, the matrix
   taken in blocks of rows so that only the best 8 documents of each document,
   both ways, are kept; a ratio margin against each document's neighbours.
3. Features (``features``, ``verify``): cosine, margin, mutual best, length
   ratio, shared names and numbers; and on a sample of sentences at the same
   relative places of both documents (USE sentence embeddings, or dictionary
   rows with ``fast``) the longest ordered chain of mutual best sentence
   matches, which a translation has and a comparable document does not.
4. Score and verdict (``model``): two calibrated logistic regressions,
   P(related) and P(translation); score = their mean; ``translation`` /
   ``comparable`` / ``unrelated`` by thresholds fitted in ``bench/pairing.py``.
5. One-to-one: competitive linking, the best-scoring pair first.

Memory stays flat in the number of pairs: no Python loop and no full matrix
over all pairs; a document is kept only as its profile (bag of ids and a
sample of at most 96 sentences).

>>> from align.job.pairing import pair_folders
>>> result = pair_folders("corpus/zh", "corpus/en")
>>> [(p.zh_name, p.en_name, p.verdict) for p in result.pairs if p.paired]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from align.core.document import Document
from align.core.errors import InputError
from align.core.progress import Progress
from align.job.pairing.engine import DocumentPair, pair_profiles
from align.job.pairing.folders import list_documents, read_profiles, tsv_lines, write_pairs_tsv
from align.job.pairing.profiles import Profiler

__all__ = ["DocumentPair", "Pairing", "pair_documents", "pair_folders", "write_pairs_tsv", "tsv_lines"]


@dataclass
class Pairing:
    """What ``pair_folders`` found: every one-to-one pair (``unrelated`` ones too), the documents left over, the
    files skipped (``skip_bad``) and how many documents each side had."""

    pairs: list[DocumentPair]
    zh_documents: int
    en_documents: int
    unpaired_zh: list[str] = field(default_factory=list)
    unpaired_en: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    fast: bool = False

    def counts(self) -> dict[str, int]:
        verdicts = [p.verdict for p in self.pairs]
        return {"zh documents": self.zh_documents, "en documents": self.en_documents,
                "translation": verdicts.count("translation"), "comparable": verdicts.count("comparable"),
                "unpaired zh": len(self.unpaired_zh), "unpaired en": len(self.unpaired_en), "skipped": len(self.skipped)}

    def to_dict(self, min_score: float = 0.0) -> dict[str, Any]:
        return {"counts": self.counts(), "mode": "fast" if self.fast else "embed",
                "pairs": [p.to_dict() for p in self.pairs if p.paired and p.score >= min_score],
                "unrelated": [p.to_dict() for p in self.pairs if not p.paired or p.score < min_score],
                "unpaired_zh": self.unpaired_zh, "unpaired_en": self.unpaired_en, "skipped": self.skipped}


def pair_documents(zh_docs: Sequence[Document], en_docs: Sequence[Document], progress: Progress | None = None, *,
                   fast: bool = False, model: dict | None = None) -> list[DocumentPair]:
    """Pair Chinese with English documents one to one; every pair with a score in 0..1, a verdict
    (``translation``, ``comparable`` or ``unrelated``) and its evidence, best score first.

    A document may be left out (more documents on one side); a pair whose verdict
    is ``unrelated`` is the best guess for two documents that have no counterpart.
    ``fast=True`` checks sentences with the dictionary instead of sentence embeddings.
    """
    for docs, lang in ((zh_docs, "zh"), (en_docs, "en")):
        for doc in docs:
            if not isinstance(doc, Document):
                raise InputError(f"expected a Document, got {type(doc).__name__}; use read_document() first")
            if doc.lang != lang:
                raise InputError(f"{doc.name}: a {doc.lang} document among the {lang} ones")
    profiler = Profiler()
    embedder = None if fast else _embedder()
    profiles = {}
    for lang, docs in (("zh", zh_docs), ("en", en_docs)):
        profiles[lang] = []
        for doc in docs:
            profile = profiler.profile(doc, Path(doc.source) if doc.source else None)
            profiles[lang].append(profile)
            (embedder.add if embedder is not None else _drop_texts)(profile)
    if embedder is not None:
        embedder.finish()
    return pair_profiles(profiles["zh"], profiles["en"], profiler.size, fast=fast, progress=progress, model=model,
                         key_name=profiler.key_name)


def pair_folders(zh_dir: str | Path, en_dir: str | Path, progress: Progress | None = None, *, fast: bool = False,
                 presplit: bool = False, encoding: str | None = None, skip_bad: bool = False,
                 model: dict | None = None, zh_encoding: str | None = None, en_encoding: str | None = None) -> Pairing:
    """Pair the documents of a Chinese folder with those of an English folder (see ``pair_documents``).

    ``encoding`` forces one encoding on every file; ``zh_encoding``/``en_encoding`` on one side's.

    Every regular file of each folder is a document (hidden files left out). A file
    that cannot be read, has no text or is in the other language raises
    ``InputError``; with ``skip_bad`` it is skipped and listed in ``Pairing.skipped``.
    """
    report = progress or (lambda stage, done, total: None)
    zh_paths, en_paths = list_documents(zh_dir, "zh"), list_documents(en_dir, "en")
    profiler = Profiler()
    embedder = None if fast else _embedder()
    add = embedder.add if embedder is not None else _drop_texts
    try:
        zh, zh_skipped = read_profiles(zh_paths, "zh", profiler, presplit=presplit, encoding=zh_encoding or encoding, skip_bad=skip_bad,
                                       on_profile=add, progress=lambda n: report("reading Chinese", n, len(zh_paths)))
        en, en_skipped = read_profiles(en_paths, "en", profiler, presplit=presplit, encoding=en_encoding or encoding, skip_bad=skip_bad,
                                       on_profile=add, progress=lambda n: report("reading English", n, len(en_paths)))
    except BaseException:
        if embedder is not None:
            embedder.cancel()
        raise
    if embedder is not None:
        embedder.finish(lambda done, total: report("embedding sentences", done, total))
    for side, profiles, folder in (("Chinese", zh, zh_dir), ("English", en, en_dir)):
        if not profiles:
            raise InputError(f"{folder}: no readable {side} document (every file was skipped)")
    pairs = pair_profiles(zh, en, profiler.size, fast=fast, progress=report, model=model, key_name=profiler.key_name)
    paired_zh = {p.zh_path for p in pairs if p.paired}
    paired_en = {p.en_path for p in pairs if p.paired}
    return Pairing(pairs, len(zh), len(en), [str(p.path) for p in zh if p.path not in paired_zh],
                   [str(p.path) for p in en if p.path not in paired_en], zh_skipped + en_skipped, fast)


def _drop_texts(profile) -> None:
    profile.sample_texts = []  # only the embedding needs them


def _embedder():
    from align.job.pairing.embedding import SampleEmbedder

    return SampleEmbedder()
