"""Function words of each language: the aligner's dictionary matching and the glossary's term extraction both leave them out.

Each user adds its own words to these sets (the aligner the dictionary's ``sb``/``sth``
placeholders, term extraction narrative verbs and the King James Version's archaic forms).
"""

from __future__ import annotations

# Chinese words whose dictionary glosses match almost any English sentence.
ZH_FUNCTION_WORDS = frozenset(
    "的 了 着 过 是 在 和 与 及 也 都 就 又 还 而 把 被 让 给 对 这 那 个 之 么 吗 呢 吧 啊 呀 得 地 一 有 不 没 "
    "我 你 他 她 它 们 我们 你们 他们 她们 这个 那个 什么 怎么 自己 一个 就是 可是 但是 因为 所以 如果 这样 那样 已经".split()
)

EN_FUNCTION_WORDS = frozenset(
    """a an the and or but if then so as at by for from in into of on onto to with without within
    be is am are was were been being have has had having do does did done doing will would shall should
    can could may might must i me my mine we us our ours you your yours he him his she her hers it its
    they them their theirs this that these those there here what which who whom whose when where why how
    not no nor all any some such than too very just also only own same other s t one ones up down out
    over under again further once about against between through during before after above below off
    each few more most both while because until get got let oneself something someone etc""".split()
)
