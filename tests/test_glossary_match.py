import pytest

from glossary import Concept, TermBase
from glossary.match_zh import zh_key


@pytest.fixture(scope="module")
def tb() -> TermBase:
    return TermBase(
        [
            Concept(zh="产业互联网", en="industrial Internet", case="exact"),
            Concept(zh="互联网", en="Internet", case="exact"),
            Concept(zh="工业互联网", en="Industrial Internet", case="exact"),
            Concept(zh="平台", en="platform"),
            Concept(zh="粤港澳大湾区", en="Guangdong-Hong Kong-Macao Greater Bay Area"),
            Concept(zh="电子商务", en="e-commerce"),
            Concept(zh="信息技术", en="IT"),
            Concept(zh="我国", en="China", forbidden="my country"),
            Concept(zh="工信部", en="Ministry of Industry and Information Technology (MIIT)"),
        ]
    )


def zh_hits(tb, text):
    return [(tb[m.concept].term, m.text, text[m.start:m.end]) for m in tb.zh_matcher.find(text)]


def test_a_longer_chinese_term_wins_over_a_shorter_one_inside_it(tb):
    hits = zh_hits(tb, "产业互联网不是工业互联网，互联网是基础")
    assert [h[0] for h in hits] == ["产业互联网", "工业互联网", "互联网"]


def test_traditional_text_matches_simplified_entries(tb):
    assert zh_hits(tb, "發展產業互聯網平臺") == [("产业互联网", "產業互聯網", "產業互聯網"), ("平台", "平臺", "平臺")]


def test_pinyin_artefacts_do_not_hide_a_term_and_spans_stay_in_the_original(tb):
    text = "關于“產業(yè)互聯(lián)網(wǎng)”,馬化騰"
    ((term, found, original),) = zh_hits(tb, text)
    assert term == "产业互联网"
    assert found == "產業(yè)互聯(lián)網" == original


def test_full_width_and_case_do_not_matter_in_chinese_keys():
    assert zh_key("５Ｇ網絡")[0] == "5g网络"


def en_hits(tb, text):
    return [(tb[m.concept].term, m.kind, m.text) for m in tb.en_matcher.find(text)]


def test_english_inflections_and_possessives_match(tb):
    hits = en_hits(tb, "China's platforms and the industrial Internet's growth")
    assert ("我国", "approved", "China's") in hits
    assert ("平台", "approved", "platforms") in hits
    assert ("产业互联网", "approved", "industrial Internet's") in hits


def test_english_matches_whole_words_only(tb):
    assert en_hits(tb, "platformer chinaware itemize") == []


def test_hyphen_space_and_joined_variants_match(tb):
    assert [h[0] for h in en_hits(tb, "the Guangdong Hong Kong Macao Greater Bay Area")] == ["粤港澳大湾区"]
    assert [h[0] for h in en_hits(tb, "ecommerce and e commerce")] == ["电子商务", "电子商务"]


def test_acronyms_are_case_sensitive(tb):
    assert en_hits(tb, "it is what it is") == []
    assert en_hits(tb, "the IT sector") == [("信息技术", "approved", "IT")]


def test_a_bracketed_abbreviation_is_optional(tb):
    assert [h[2] for h in en_hits(tb, "the MIIT said")] == ["MIIT"]
    assert [h[2] for h in en_hits(tb, "the Ministry of Industry and Information Technology said")] == ["Ministry of Industry and Information Technology"]


def test_forbidden_renderings_are_found_with_their_kind(tb):
    assert en_hits(tb, "my country's economy") == [("我国", "forbidden", "my country's")]


def test_matching_is_case_insensitive_so_case_can_be_judged(tb):
    kinds = {h[0] for h in en_hits(tb, "the INDUSTRIAL internet")}
    assert {"产业互联网", "工业互联网", "互联网"} <= kinds


def test_word_cache_stays_bounded_over_many_numbers_and_words():
    """A long corpus (a distinct number and name per sentence) does not grow the word cache without end."""
    from glossary import match_en

    for i in range(match_en.CACHE_WORDS + 5000):
        assert match_en.word_key(str(100000 + i)) == str(100000 + i)
        assert match_en.word_key(f"Qingyang{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676 % 26)}s") is not None
    assert len(match_en._LEMMAS) <= match_en.CACHE_WORDS
    assert not any(word.isdigit() for word in match_en._LEMMAS)
    assert match_en.word_key("platforms") == "platform"
