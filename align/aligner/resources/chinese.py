"""Chinese words for matching: rjieba segmentation (jieba as fallback)."""

from __future__ import annotations

from functools import lru_cache

# Function words whose dictionary glosses match almost any English sentence.
STOPWORDS = frozenset("的 了 着 过 是 在 和 与 及 也 都 就 又 还 而 把 被 让 给 对 这 那 个 之 么 吗 呢 吧 啊 呀 么 得 地 一 有 不 没 我 你 他 她 它 们 我们 你们 他们 她们 这个 那个 什么 怎么 自己 一个 就是 可是 但是 因为 所以 如果 这样 那样 已经".split())


@lru_cache(maxsize=1)
def _cutter():
    try:
        import rjieba

        return rjieba.cut
    except ImportError:  # pragma: no cover - rjieba is a dependency, jieba the safety net
        import jieba

        jieba.setLogLevel(60)
        return lambda text: list(jieba.cut(text))


def segmenter_name() -> str:
    try:
        import rjieba  # noqa: F401

        return "rjieba"
    except ImportError:  # pragma: no cover
        return "jieba"


def words(text: str) -> list[str]:
    return [w for w in _cutter()(text) if w.strip()]
