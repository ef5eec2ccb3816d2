import pytest

from align.core.numbers import compare_numbers, extract_numbers, find_numbers, numbers_agree
from align.core.numbers.zh_numeral import parse_zh_numeral


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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("成立于两千零五年", [2005]),  # 零 marks a gap: not 2000 and 5
        ("一百零五岁", [105]),
        ("三千零五", [3005]),
        ("三千五", [3500]),  # said the short way: the next place down
        ("一万五", [15000]),
        ("两万三", [23000]),
        ("一百五", [150]),
        ("两亿五", [2.5e8]),
        ("二〇二〇年", [2020]),
        ("二零零五年", [2005]),
        ("一九九八年", [1998]),
        ("百分之零点五", [0.5]),
        ("一点五万亿", [1.5e12]),
        ("1.5万亿元", [1.5e12]),
        ("2,000亿元", [2e11]),
        ("第十四届", [14]),
        ("第一百次", [100]),
        ("五月七日", [5, 7]),
        ("三至五年", [3, 5]),
        ("三至五万元", [30000, 50000]),  # the range shares its multiplier
        ("5–10万", [50000, 100000]),
        ("5至10万人", [50000, 100000]),
        ("一万一千", [11000]),  # no 万一 inside
        ("三千万", [3e7]),  # no 千万 inside
        ("三十分钟", [30]),  # no 十分 inside
    ],
)
def test_chinese_numerals_of_every_kind(text, expected):
    assert extract_numbers(text, "zh") == pytest.approx(expected)


@pytest.mark.parametrize("text", ["统一", "一些", "一样", "一直", "万一", "十分", "一五一十", "统一一些一样一直万一十分重要",
                                  "千千万万", "星期三", "乱七八糟"])
def test_words_that_contain_numerals_stay_words(text):
    assert extract_numbers(text, "zh") == []


@pytest.mark.parametrize(
    "text, low, high",
    [("三千多人", 3000, 4000), ("近万人", 8000, 10000), ("几十个", 20, 99), ("十几个", 10, 19), ("二十几两", 20, 29), ("20多万", 2e5, 3e5),
     ("数百家", 200, 999), ("上千人", 1000, 9999), ("约3000人", 2700, 3300), ("3000人左右", 2700, 3300)],
)
def test_chinese_approximations_are_ranges(text, low, high):
    (number,) = find_numbers(text, "zh")
    assert number.approximate and number.bounds == pytest.approx((low, high))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("fifty people", [50]),
        ("a dozen eggs", [12]),
        ("two hundred thousand troops", [200000]),
        ("1.5 trillion yuan", [1.5e12]),
        ("an hundred and five years", [105]),
        ("threescore and ten", [70]),
        ("forty and two months", [42]),
        ("six hundred thousand and three thousand and five hundred and fifty", [603550]),
        ("the fourteenth day", [14]),
        ("the twenty-first century", [21]),
        ("the six hundredth year", [600]),
        ("three and four", [3, 4]),
        ("fifteen percent", [15]),
        ("$5-10bn", [5e9, 1e10]),
        ("5-10 million", [5e6, 1e7]),
        ("up 13.2% to 200 billion", [13.2, 2e11]),  # "to" after a percentage is no range
        ("on 7 May", [7, 5]),
    ],
)
def test_english_numbers_in_words(text, expected):
    assert extract_numbers(text, "en") == pytest.approx(expected)


def test_english_vague_quantities_are_ranges_without_a_value():
    (number,) = find_numbers("hundreds of thousands of people", "en")
    assert number.vague and number.bounds == pytest.approx((1e5, 999e3))
    assert extract_numbers("dozens of firms", "en") == []


@pytest.mark.parametrize(
    "zh, en",
    [
        ("公司成立于两千零五年", "The company was founded in 2005."),
        ("员工一万五", "15,000 employees"),
        ("三千五百家企业", "3,500 companies"),
        ("三千多人", "more than 3,000 people"),
        ("三千多人", "some 3,400 people"),
        ("近万人", "nearly 10,000 people"),
        ("几十家企业", "dozens of companies"),
        ("数十万人", "hundreds of thousands of people"),
        ("二〇二〇年", "in 2020"),
        ("降低百分之零点五", "down 0.5%"),
        ("投资1.5万亿元", "1.5 trillion yuan invested"),
        ("三至五年", "three to five years"),
        ("5–10万元", "50,000 to 100,000 yuan"),
        ("第十四届", "the 14th session"),
        ("第十四届", "the fourteenth session"),
        ("五月七日", "on 7 May"),
        ("五十人", "fifty people"),
        ("十诫", "the Ten Commandments"),  # a lone 十 may serve as a counterpart
    ],
)
def test_translations_that_agree(zh, en):
    assert compare_numbers(zh, en).agree, compare_numbers(zh, en)


@pytest.mark.parametrize(
    "zh, en, missing",
    [
        ("公司成立于两千零五年", "The company was founded in 2006.", "2006"),
        ("三千多人", "some 5,000 people", "5,000"),
        ("五十人", "sixty people", "sixty"),
        ("他活到一百零五岁", "He lived an hundred and six years.", "an hundred and six"),
        ("他们统一了一些标准", "They unified 2 standards.", "2"),  # nothing in 统一/一些 is a number
        ("二〇二〇年", "in 2021", "2021"),
    ],
)
def test_translations_that_disagree_name_the_number(zh, en, missing):
    comparison = compare_numbers(zh, en)
    assert not comparison.agree
    assert [n.text for n in comparison.missing_in_zh] == [missing]


def test_chinese_numeral_reader_agrees_with_cn2an():
    """An independent reader (cn2an) writes numbers up to 10^15 as Chinese numerals: we read them back."""
    import random

    cn2an = pytest.importorskip("cn2an")
    rng = random.Random(14)
    values = list(range(1, 1200)) + [rng.randrange(10**k) + 1 for k in range(2, 16) for _ in range(80)]
    for value in values:
        numeral = cn2an.an2cn(value)
        assert [v for v, _, _ in parse_zh_numeral(numeral)] == [value], numeral
        if value >= 11:  # (a lone 一 or 十 is a number only where a measure word follows)
            assert extract_numbers(numeral + "人", "zh") == [value], numeral
    for colloquial in ("两千零五", "三千五", "一万五", "两万三", "一百五"):
        assert extract_numbers(colloquial, "zh") == [cn2an.cn2an(colloquial, "smart")]


@pytest.mark.parametrize(
    "zh, en",
    [
        ("约莫十四五岁年纪", "a boy of fourteen or fifteen"),  # two neighbouring digits: one or the other
        ("闹吵吵三二十个孩子", "some twenty or thirty noisy children"),
        ("约有一二十个妇人", "between ten and twenty women"),
        ("五十两本钱", "fifty taels"),  # 两 after a numeral is the tael, not 2
        ("若过一两天才死", "if he continue a day or two"),
        ("差十分钟凌晨一点", "at ten to one in the morning"),  # 十分钟 is no 十分 (very)
        ("伊法十分之三为素祭", "three tenth deals of fine flour"),
        ("韦小宝借了二十两给他们，温家兄弟又将这二十两银子输了。", "Trinket lent them another twenty, and that was all gone too."),
        ("拉吴活到三十二岁", "And Reu lived two and thirty years"),
        ("四十昼夜", "forty days and forty nights"),
        ("很可能王二不在山里", "maybe Wang Er was not in the mountains"),  # a name
        ("一双三寸金莲", "two three-inch golden lotuses"),
    ],
)
def test_how_translations_say_numbers(zh, en):
    assert compare_numbers(zh, en).agree, compare_numbers(zh, en)


@pytest.mark.parametrize(
    "zh, en",
    [
        ("摩西的岳父带着摩西的妻子和两个儿子来", "Jethro came with his sons and his wife"),  # a count left out
        ("说了这简短的三个字后，电话挂断了。", "She hung up."),
        ("比可见光大了七八个数量级", "five orders of magnitude longer"),
        ("四十昼夜", "sixty days and forty nights"),
    ],
)
def test_counts_left_out_or_changed_are_reported(zh, en):
    assert not compare_numbers(zh, en).agree
