"""read_document on strings, presplit benchmark files, and the matching key."""

from __future__ import annotations

import pytest

from align import InputError, matching_key, read_document


def test_presplit_gives_exactly_the_line_count_of_every_mac_dev_file(shared_dir):
    files = sorted((shared_dir / "benchmarks" / "mac-dev").glob("[ze][hn]/*"))
    assert len(files) == 12
    for path in files:
        lang = path.parent.name
        doc = read_document(path, lang, presplit=True)
        with path.open(encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        assert len(doc.sentences) == len(lines), path
        assert [s.text for s in doc.sentences] == lines
        assert [s.id for s in doc.sentences] == list(range(len(lines)))


def test_matching_key_normalises_for_comparison_only():
    assert matching_key("產業互聯網", "zh") == "产业互联网"
    assert matching_key("ＡＢＣ１２３，“引号”", "zh") == 'ABC123,"引号"'
    assert matching_key("The Industrial INTERNET", "en") == "the industrial internet"
    doc = read_document("產業互聯網是數字經濟的高級階段。", "zh")
    assert doc.sentences[0].text == "產業互聯網是數字經濟的高級階段。"
    assert doc.sentences[0].key == "产业互联网是数字经济的高级阶段。"


def test_paragraphs_follow_blank_lines_and_hard_wraps_are_joined():
    text = (
        "Title line\n\n"
        "This is a long English paragraph that was wrapped by an editor at a fixed\n"
        "width so that it spans two lines but is one paragraph. It has two sentences.\n\n"
        "Second paragraph.\n"
    )
    doc = read_document(text, "en")
    assert len(doc.paragraphs) == 3
    assert doc.paragraph_text(doc.paragraphs[1]).startswith("This is a long")
    assert "fixed width" in doc.paragraph_text(doc.paragraphs[1]).replace("\n", " ")


def test_text_without_chinese_or_english_is_refused():
    with pytest.raises(InputError):
        read_document("12345 67890 !!!")


def test_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


def test_fast_path_of_simplification_agrees_with_opencc(shared_dir):
    from opencc import OpenCC

    from align.core.normalize import to_simplified

    converter = OpenCC("t2s")
    bible = (shared_dir / "benchmarks" / "bible" / "zh" / "001").read_text(encoding="utf-8").splitlines()[:3000]
    samples = bible + ["摩西就将百姓的话回覆耶和华。", "產業互聯網", "乾隆皇帝", "我们一起去吃饭"]
    assert [to_simplified(s) for s in samples] == [converter.convert(s) for s in samples]
