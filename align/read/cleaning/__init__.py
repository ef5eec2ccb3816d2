"""Conservative, visible cleaning: what web pages wrap around an article.

``clean_text`` never changes the text; it returns the spans to leave out, each
with the rule that chose it, so ``bitext clean`` can show every removal and
``--keep-all`` can turn them off. Rules are small and named (see ``web.py``
and ``pinyin.py``); a rule that is unsure keeps the text.
"""

from __future__ import annotations

from align.core.document import Removal
from align.read.cleaning.pinyin import pinyin_annotations
from align.read.cleaning.web import web_boilerplate


def clean_text(text: str, lang: str, known: list[Removal] = ()) -> list[Removal]:
    """Removals in ``text``, sorted and without overlaps; ``known`` ones (an HTML page's ``<nav>``...) come first.

    The text rules do not see the known lines: a "related reading" heading inside an ``<aside>`` must not
    start a link list that runs on into the article after it.
    """
    unseen = list(text)
    for removal in known:
        unseen[removal.start : removal.end] = " " * (removal.end - removal.start)
    found = [*known, *web_boilerplate("".join(unseen) if known else text, lang)]
    if lang == "zh":
        found += pinyin_annotations(text)
    return merge_removals(found)


def merge_removals(removals: list[Removal]) -> list[Removal]:
    """Sorted removals, dropping any that lie inside one already kept."""
    kept: list[Removal] = []
    for removal in sorted(removals, key=lambda r: (r.start, -(r.end - r.start))):
        if kept and removal.start < kept[-1].end:
            if removal.end <= kept[-1].end:
                continue
            removal = Removal(kept[-1].end, removal.end, removal.rule, removal.text[kept[-1].end - removal.start :])
        kept.append(removal)
    return kept
