"""Chinese words for matching: rjieba segmentation (jieba as fallback)."""

from __future__ import annotations

from functools import lru_cache

from align.core.stopwords import ZH_FUNCTION_WORDS

# Function words whose dictionary glosses match almost any English sentence.
STOPWORDS = ZH_FUNCTION_WORDS


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
