import pytest

from align.core.numbers import compare_numbers, extract_numbers, find_numbers, numbers_agree


@pytest.mark.parametrize(
    "text, expected",
    [
        ("投资2,000亿元", [2e11]),
        ("5000万", [5e7]),
        ("1.5万", [15000]),
        ("1.5万亿元", [1.5e12]),
        ("三千五百", [3500]),
        ("两亿人", [2e8]),
        ("一万五千", [15000]),
        ("三万亿元", [3e12]),
        ("１２３４５", [12345]),  # full-width digits
        ("增长13.2%", [13.2]),
        ("增长１３.２％", [13.2]),
        ("百分之十三点二", [13.2]),
        ("二〇二〇年", [2020]),
        ("十四五规划", [14, 5]),
        ("三个平台", [3]),
        ("2020年3月5日", [2020, 3, 5]),
    ],
)
def test_chinese_numbers(text, expected):
    assert extract_numbers(text, "zh") == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["统一的市场", "一些企业", "一带一路", "进一步推动", "5G网络", "千万不要", "老百姓"],
)
def test_chinese_words_that_only_contain_numerals_are_not_numbers(text):
    assert extract_numbers(text, "zh") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("200 billion yuan", [2e11]),
        ("5 million users", [5e6]),
        ("1.5 trillion", [1.5e12]),
        ("up 13.2%", [13.2]),
        ("13.2 per cent", [13.2]),
        ("$5bn", [5e9]),
        ("$5m", [5e6]),
        ("2,000 firms", [2000]),
        ("three thousand five hundred", [3500]),
        ("twenty-one", [21]),
        ("the 14th Five-Year Plan", [14, 5]),
        ("in the 1990s", [1990]),
        ("on March 5, 2020", [3, 5, 2020]),
    ],
)
def test_english_numbers(text, expected):
    assert extract_numbers(text, "en") == pytest.approx(expected)


@pytest.mark.parametrize("text", ["COVID-19", "5G networks", "the G20 summit", "one of them", "thousands of firms", "you may go", "3K glasses"])
def test_english_names_and_pronouns_are_not_numbers(text):
    assert extract_numbers(text, "en") == []


def test_spans_point_into_the_original_text():
    text = "产值达到２,０００亿元"
    (number,) = find_numbers(text, "zh")
    assert text[number.start:number.end] == "２,０００亿"
    assert number.digits


def test_scaled_numbers_agree_across_languages():
    assert compare_numbers("投资2,000亿元", "an investment of 200 billion yuan").agree
    assert compare_numbers("用户达5000万", "50 million users").agree
    assert compare_numbers("三千五百家企业", "3,500 companies").agree


def test_a_wrong_scale_is_a_disagreement():
    comparison = compare_numbers("用户达5000万", "5 million users")
    assert not comparison.agree
    assert [n.text for n in comparison.missing_in_en] == ["5000万"]
    assert [n.text for n in comparison.missing_in_zh] == ["5 million"]


def test_only_digit_numbers_must_find_a_counterpart():
    # 一 is weak evidence: its absence in English is no finding, but it may serve as a counterpart
    assert compare_numbers("一个平台", "a platform").agree
    assert compare_numbers("三个平台", "3 platforms").agree
    assert not compare_numbers("三个平台", "4 platforms").agree


def test_numbers_agree_score():
    assert numbers_agree("增长13.2%，达到2,000亿元", "up 13.2% to 200 billion") == 1.0
    assert numbers_agree("没有数字", "no numbers") is None
    assert numbers_agree("增长13.2%", "up 12.2%") == 0.0
