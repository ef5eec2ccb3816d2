"""Reading bytes: encodings are detected and named; bad files exit 2 with one line, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from align import InputError, read_document

from conftest import CORPUS

TRADITIONAL = (CORPUS / "003_d1ca78e905d0fb4b.txt").read_text(encoding="utf-8")
SIMPLIFIED = (CORPUS / "002_692b37b96702f906.txt").read_text(encoding="utf-8")
ENGLISH = (CORPUS / "000_0b1bca0a7bab6d19.txt").read_text(encoding="utf-8")


def _big5_safe(text: str) -> str:
    # Big5 has no code for a few characters of the page (e.g. the pinyin tone marks); keep the rest.
    return "".join(c for c in text if _encodes(c, "big5"))


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("gb18030", "gb18030")],
)
def test_simplified_page_reads_the_same_in_every_encoding(tmp_path, encoding, expected):
    reference = read_document(SIMPLIFIED.encode("utf-8"))
    path = tmp_path / f"page.{encoding}.txt"
    path.write_bytes(SIMPLIFIED.encode(encoding))
    doc = read_document(path)
    assert doc.encoding == expected
    assert doc.original == reference.original
    assert [s.text for s in doc.sentences] == [s.text for s in reference.sentences]
    assert (doc.lang, doc.script) == ("zh", "Hans")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_traditional_text_reads_the_same_including_big5(tmp_path, encoding):
    text = _big5_safe(TRADITIONAL)
    reference = read_document(text.encode("utf-8"))
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_document(path)
    assert doc.original == reference.original
    assert doc.texts() == reference.texts()
    assert (doc.lang, doc.script) == ("zh", "Hant")
    assert doc.encoding.startswith(encoding.split("-sig")[0][:5]) or doc.encoding == encoding


def test_english_is_latin(tmp_path):
    doc = read_document(ENGLISH)
    assert (doc.lang, doc.script) == ("en", "Latn")


@pytest.mark.parametrize(
    "payload, reason",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x10IHDR" * 100, "binary"),
    ],
)
def test_bad_files_raise_a_clear_input_error(tmp_path, payload, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(payload)
    with pytest.raises(InputError, match=reason):
        read_document(path)


def test_undecodable_bytes_are_refused():
    # Neither UTF-8 nor GB18030 nor Big5 accept this sequence.
    with pytest.raises(InputError, match="not decodable|binary"):
        read_document(b"abc \x80\x80 def " * 50)


def test_binary_file_exits_2_with_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "image.bin"
    path.write_bytes(bytes(range(256)) * 50)
    result = subprocess.run(
        [sys.executable, "-c", "from align.cli import main; main()", "info", str(path)],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "binary" in lines[0]


def test_html_page_keeps_paragraphs_and_drops_scripts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><title>标题</title><script>var x = '不要';</script></head>"
        "<body><p>第一段第一句。第一段第二句。</p><p>第二段。</p></body></html>",
        encoding="utf-8",
    )
    doc = read_document(page)
    assert doc.format == "html"
    assert "不要" not in doc.original
    texts = [doc.paragraph_text(p) for p in doc.paragraphs]
    assert texts == ["标题", "第一段第一句。第一段第二句。", "第二段。"]
    assert [s.text for s in doc.sentences][1:3] == ["第一段第一句。", "第一段第二句。"]
