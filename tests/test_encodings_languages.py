"""Per-side encodings and languages: what detection gets wrong, the user can say, side by side.

A legacy decoding that does not read as Chinese (Shift-JIS read as GB18030) is refused
with the likely encoding and the option that gives it; a Chinese manual full of shell
commands, which has more Latin letters than Han characters, aligns once ``--zh-lang``
vouches for it; a UTF-8 Chinese file aligns with a cp1252 English one.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from align import InputError, read_document
from align.cli import app
from align.read.intake.encoding import decode_bytes, implausible_chinese

from conftest import CORPUS

runner = CliRunner()
SIMPLIFIED = (CORPUS / "002_692b37b96702f906.txt").read_text(encoding="utf-8")
TRADITIONAL = (CORPUS / "003_d1ca78e905d0fb4b.txt").read_text(encoding="utf-8")
JAPANESE = ("吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"
            "何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。") * 4
COMMANDS = ["sudo apt-get install -y nginx-full libssl-dev build-essential", "systemctl restart nginx.service --no-block",
            "tar -xzvf archive-2024.tar.gz -C /opt/app/releases", "git clone https://github.com/example/project.git",
            "docker run --rm -it -v $PWD:/data ubuntu:22.04 bash"]
GUIDE_ZH = "\n".join(f"第{i + 1}步：运行命令。\n{c} --verbose --config /etc/app/config.yaml\n" for i, c in enumerate(COMMANDS))
GUIDE_EN = "\n".join(f"Step {i + 1}: run the command.\n{c} --verbose --config /etc/app/config.yaml\n" for i, c in enumerate(COMMANDS))


def _only(text: str, encoding: str) -> str:
    return "".join(c for c in text if c.encode(encoding, errors="ignore"))


@pytest.mark.parametrize("text, encoding", [(SIMPLIFIED, "gb18030"), (TRADITIONAL, "big5"), (TRADITIONAL, "gb18030")])
def test_real_chinese_in_a_legacy_encoding_reads_as_chinese(text, encoding):
    data = _only(text, encoding).encode(encoding)
    decoded, used = decode_bytes(data, "page.txt")
    assert used == encoding and implausible_chinese(decoded) is None


@pytest.mark.parametrize("text", [JAPANESE, SIMPLIFIED[:3000]])
def test_shift_jis_bytes_are_refused_with_the_likely_encoding(text):
    data = _only(text, "shift_jis").encode("shift_jis")
    assert implausible_chinese(data.decode("gb18030")) is not None  # what was read silently before
    with pytest.raises(InputError, match=r"unlikely.*cp932.*--zh-encoding cp932"):
        read_document(data, "zh", name="novel.txt")
    doc = read_document(data, "zh", encoding="cp932", name="novel.txt")
    assert doc.original == _only(text, "shift_jis") and doc.encoding == "cp932"


def test_english_in_latin_1_read_as_gb18030_is_refused():
    # every accented letter followed by a letter: the bytes are valid GB18030 and used to give "r閟um"
    data = "résumés naïve Müller façades crèmes ".encode("latin-1") * 20
    assert data.decode("gb18030")  # it does decode...
    with pytest.raises(InputError, match=r"--en-encoding cp1252"):
        read_document(data, "en", name="cv.txt")  # ...but not into anything readable


def test_the_error_names_the_option_of_the_side_read():
    data = _only(JAPANESE, "shift_jis").encode("shift_jis")
    with pytest.raises(InputError, match="--encoding"):
        read_document(data, name="x.txt")  # `bitext info`: one file, one --encoding


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "guide.zh.txt").write_text(GUIDE_ZH, encoding="utf-8")
    (tmp_path / "guide.en.txt").write_text(GUIDE_EN, encoding="utf-8")
    return tmp_path


def test_a_chinese_manual_full_of_commands_aligns_once_zh_lang_says_it_is_chinese(files):
    args = ["align", str(files / "guide.zh.txt"), str(files / "guide.en.txt"), "--fast", "-q"]
    refused = runner.invoke(app, [*args, "-o", str(files / "g.tmx")])
    assert refused.exit_code == 2 and "both English" in refused.stderr and "--zh-lang zh" in refused.stderr
    assert not (files / "g.tmx").exists()
    result = runner.invoke(app, [*args, "-o", str(files / "g.tmx"), "--zh-lang", "zh_cn", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["beads"] >= len(COMMANDS)
    tmx = (files / "g.tmx").read_text(encoding="utf-8")
    assert 'xml:lang="zh-CN"' in tmx and "第1步：运行命令。" in tmx  # the code canonicalised, the Chinese kept


def test_mine_takes_the_same_language_option(files):
    args = ["mine", str(files / "guide.zh.txt"), str(files / "guide.en.txt"), "--fast", "-q", "-o"]
    assert runner.invoke(app, [*args, str(files / "m.tsv")]).exit_code == 2
    result = runner.invoke(app, [*args, str(files / "m.tsv"), "--zh-lang", "zh"])
    assert result.exit_code == 0, result.output


def test_each_side_has_its_own_encoding(files):
    english = GUIDE_EN.replace("run the command", "run the command (café, naïve)")
    (files / "guide.en.txt").write_bytes(english.encode("cp1252"))
    (files / "guide.zh.txt").write_bytes(GUIDE_ZH.encode("gb18030"))
    args = ["align", str(files / "guide.zh.txt"), str(files / "guide.en.txt"), "--fast", "-q", "--zh-lang", "zh"]
    both = runner.invoke(app, [*args, "-o", str(files / "a.tsv"), "--encoding", "gb18030"])
    assert both.exit_code == 2 and "guide.en.txt" in both.stderr  # one encoding cannot be right for both
    result = runner.invoke(app, [*args, "-o", str(files / "a.tsv"), "--encoding", "gb18030", "--en-encoding", "cp1252"])
    assert result.exit_code == 0, result.output
    written = (files / "a.tsv").read_text(encoding="utf-8")
    assert "café, naïve" in written and "第1步" in written


def test_a_batch_passes_each_side_its_encoding(files):
    for side, text, encoding in (("zh", GUIDE_ZH, "utf-8"), ("en", GUIDE_EN.replace("command", "commandé"), "cp1252")):
        (files / side).mkdir()
        (files / side / "guide.txt").write_bytes(text.encode(encoding))
    args = ["align", str(files / "zh"), str(files / "en"), "--fast", "-q", "-j", "1", "--zh-lang", "zh", "-o"]
    failed = runner.invoke(app, [*args, str(files / "out1")])
    assert failed.exit_code == 2 and "--en-encoding" in failed.stdout
    result = runner.invoke(app, [*args, str(files / "out2"), "--en-encoding", "cp1252"])
    assert result.exit_code == 0, result.output
    assert "commandé" in (files / "out2" / "guide.tmx").read_text(encoding="utf-8")


def test_the_library_takes_declared_languages():
    from align import align

    zh, en = read_document(GUIDE_ZH, "zh"), read_document(GUIDE_EN, "en")
    with pytest.raises(InputError, match="both English"):
        align(zh, en, fast=True)
    assert len(align(zh, en, fast=True, declared=("zh",)).beads) >= len(COMMANDS)


@pytest.mark.parametrize("english", [
    (CORPUS / "001_c1337831e128b1af.txt").read_text(encoding="utf-8"),  # “ ” ’ are its only non-ASCII characters
    "From 1990 – 2000 the mill – the last one – closed. Workers – some 300 – left. " * 12,  # – is 每 in Big5
])
def test_english_with_curly_quotes_or_dashes_in_gb18030_keeps_them(english):
    data = _only(english, "gb18030").encode("gb18030")  # Big5 decodes these bytes too
    text, used = decode_bytes(data, "en.txt")
    assert used == "gb18030" and text == _only(english, "gb18030")


def test_pair_takes_each_sides_encoding(tmp_path):
    zh_text = (CORPUS / "002_692b37b96702f906.txt").read_text(encoding="utf-8")
    en_text = (CORPUS / "000_0b1bca0a7bab6d19.txt").read_text(encoding="utf-8").replace("Internet", "Internét")
    (tmp_path / "zh").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "zh" / "a.txt").write_text(zh_text, encoding="utf-8")
    (tmp_path / "en" / "b.txt").write_bytes(_only(en_text, "cp1252").encode("cp1252"))
    args = ["pair", str(tmp_path / "zh"), str(tmp_path / "en"), "--fast", "-q", "--json"]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2 and "--en-encoding" in refused.stderr
    result = runner.invoke(app, [*args, "--en-encoding", "cp1252"])
    assert result.exit_code == 0, result.output
