import pytest

from align.core.errors import UsageError
from align.formats.langcodes import chinese_code, is_chinese, is_english, is_traditional, normalize_lang


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("zh_CN", "zh-CN"), ("ZH-cn", "zh-CN"), ("zh-cn", "zh-CN"), ("zh-CHS", "zh-Hans"), ("zh-CHT", "zh-Hant"),
        ("zh_TW", "zh-TW"), ("zh-hans", "zh-Hans"), ("ZH-HANT-tw", "zh-Hant-TW"), ("zh_CN.UTF-8", "zh-CN"),
        ("EN-us", "en-US"), ("en_GB", "en-GB"), ("es-419", "es-419"), ("cmn-Hans", "zh-Hans"),
    ],
)
def test_input_spellings_become_bcp47(raw, canonical):
    assert normalize_lang(raw) == canonical


def test_classification():
    assert is_chinese("zh_TW") and is_chinese("ZH-CHS") and not is_chinese("ja")
    assert is_english("EN-gb") and not is_english("de")
    assert is_traditional("zh-TW") and is_traditional("zh-Hant") and is_traditional("zh-HK")
    assert not is_traditional("zh-CN") and not is_traditional("zh-Hans-TW")


def test_zh_lang_option_refuses_non_chinese():
    assert chinese_code(None) == "zh-CN"
    assert chinese_code("zh_tw") == "zh-TW"
    with pytest.raises(UsageError, match="not a Chinese language code"):
        chinese_code("ja-JP")
    with pytest.raises(UsageError):
        chinese_code("zh CN!")
