"""Sentence embeddings of the profiles' samples (USE multilingual, ``align.aligner.resources.embeddings``).

Samples of many documents go through the network together, ``BATCH``
sentences at a time (one call per document would cost ten times as much on
short documents), in a second thread while the first one reads and
tokenises: the network's matrix products release the interpreter lock, so on
two cores the embedding costs little extra time. Each profile gets its
sample's unit vectors as float16 and drops the sample's text.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from align.job.pairing.profiles import Profile

BATCH = 2048  # sentences per submitted job


class SampleEmbedder:
    """``add(profile)`` as profiles are made; ``finish()`` waits until every added profile has its vectors."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bitext-pair-embed")
        self._waiting: list[Profile] = []
        self._size = 0
        self._jobs: list[tuple[Future, int]] = []

    def add(self, profile: Profile) -> None:
        self._waiting.append(profile)
        self._size += len(profile.sample_texts)
        if self._size >= BATCH:
            self._submit()

    def _submit(self) -> None:
        if self._waiting:
            self._jobs.append((self._pool.submit(_embed, self._waiting), self._size))
        self._waiting, self._size = [], 0

    def finish(self, progress=None) -> None:
        """Wait for every job; ``progress(done, total)`` in sentences as they end."""
        self._submit()
        total = sum(sentences for _, sentences in self._jobs)
        done = 0
        try:
            for job, sentences in self._jobs:
                job.result()
                done += sentences
                if progress is not None:
                    progress(done, total)
        finally:
            self._pool.shutdown(wait=True)
            self._jobs = []

    def cancel(self) -> None:
        """Drop the jobs not started (after an error)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._jobs = []


def _embed(profiles: list[Profile]) -> None:
    from threadpoolctl import threadpool_limits

    from align.aligner.resources import embeddings

    texts = [t for p in profiles for t in p.sample_texts]
    with threadpool_limits(limits=1, user_api="blas"):  # small matrices: more threads only spin
        sums = embeddings.sentence_sums(texts)
        vectors = embeddings.finish(sums.sums + sums.bos + sums.eos, sums.counts + 2) if texts else np.zeros((0, 512), np.float32)
    start = 0
    for profile in profiles:
        stop = start + len(profile.sample_texts)
        profile.vectors = vectors[start:stop].astype(np.float16)
        profile.sample_texts = []
        start = stop


def embed_profiles(profiles: list[Profile]) -> None:
    """Embed the samples of ``profiles`` now (in this thread)."""
    for start in range(0, len(profiles), 64):
        _embed(profiles[start:start + 64])
