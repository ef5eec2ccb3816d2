"""Every bad input a user or a hostile tester may hand the command line, and what bitext does with it.

Each case runs the CLI (in process through typer's runner; a subprocess where a signal
or the real exit path matters) and checks what a user sees: the documented exit code
(README "What bitext does with bad input"), one line on stderr and no traceback, no
output and no half-written file left behind, nothing existing overwritten. Files that
are fine in another encoding are read, or refused with the option that says how.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app

REPO = Path(__file__).resolve().parents[1]
ZH = ("工业互联网是新一代信息技术与制造业深度融合的产物。它连接人、机器和数据。\n\n"
      "我们在二〇二〇年建设了五个平台。每个平台服务一千家企业。\n\n"
      "未来三年，投资将继续增长。政府支持中小企业上云。\n")
EN = ("The industrial Internet is the product of deep integration of new-generation IT and manufacturing. "
      "It connects people, machines and data.\n\n"
      "In 2020 we built five platforms. Each platform serves a thousand companies.\n\n"
      "Over the next three years, investment will keep growing. The government helps small and medium firms move "
      "to the cloud.\n")
TMX_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'
TMX_BODY = (b'<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
            b'adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>'
            b'<tu><tuv xml:lang="zh-CN"><seg>%s\xe4\xbd\xa0\xe5\xa5\xbd</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>'
            b"</body></tmx>\n")

runner = CliRunner()


def bitext(*args) -> object:
    return runner.invoke(app, [str(a) for a in args])


def refused(result, code: int, *words: str) -> str:
    """The run ended with ``code``, one line on stderr naming ``words``, and no exception other than the exit."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:") and "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def nothing_left(folder: Path, *kept: str) -> None:
    """No output, no temporary ``.part``/``.probe`` file: only the inputs the test put there."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(kept)


@pytest.fixture()
def work(tmp_path):
    (tmp_path / "zh.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    return tmp_path


def align(work: Path, zh: str, en: str = "en.txt", out: str = "out.tsv", *options):
    return bitext("align", work / zh, work / en, "-o", work / out, "--fast", "-q", *options)


# ---------------------------------------------------------------- inputs that are not text

@pytest.mark.parametrize("name, data, words", [
    ("binary.txt", bytes(range(256)) * 40, ["binary"]),
    ("empty.txt", b"", ["empty"]),
    ("blank.txt", "  \n\t\n \r\n\u3000\n".encode(), ["empty"]),
    ("control.txt", ("工业\x01互联网\x02是\x1b[31m新一代\x07" * 30).encode(), ["binary", "control characters"]),
    ("renamed-zip.txt", None, ["zip archive"]),
])
def test_what_is_not_a_text_document_is_refused_with_exit_2(work, name, data, words):
    if data is None:  # a zip archive renamed .txt
        with zipfile.ZipFile(work / "a.zip", "w") as archive:
            archive.writestr("a.txt", ZH)
        data = (work / "a.zip").read_bytes()
        (work / "a.zip").unlink()
    (work / name).write_bytes(data)
    refused(align(work, name), 2, name, *words)
    nothing_left(work, "zh.txt", "en.txt", name)


def test_two_english_documents_are_refused_and_the_message_says_how_to_overrule(work):
    line = refused(align(work, "en.txt"), 2, "both English", "--zh-lang")
    assert "en.txt" in line
    nothing_left(work, "zh.txt", "en.txt")


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16-le", "utf-16-be"])
def test_the_same_chinese_in_another_encoding_aligns_the_same(work, encoding):
    assert align(work, "zh.txt", out="utf8.tsv").exit_code == 0
    text = "".join(c for c in ZH if c.encode(encoding, errors="ignore"))  # Big5 has no 〇
    (work / "utf8-safe.txt").write_text(text, encoding="utf-8")
    (work / f"zh.{encoding}.txt").write_bytes(text.encode(encoding))  # no byte-order mark
    assert align(work, "utf8-safe.txt", out="reference.tsv").exit_code == 0
    result = align(work, f"zh.{encoding}.txt", out="other.tsv")
    assert result.exit_code == 0, result.output
    assert (work / "other.tsv").read_text(encoding="utf-8") == (work / "reference.tsv").read_text(encoding="utf-8")


def test_shift_jis_is_not_read_as_gb18030_and_the_option_fixes_it(work):
    text = "".join(c for c in ZH if c.encode("shift_jis", errors="ignore"))
    (work / "sjis.txt").write_bytes(text.encode("shift_jis"))
    refused(align(work, "sjis.txt"), 2, "sjis.txt", "--zh-encoding", "unlikely")
    nothing_left(work, "zh.txt", "en.txt", "sjis.txt")
    fixed = align(work, "sjis.txt", "en.txt", "out.tsv", "--zh-encoding", "shift_jis")
    assert fixed.exit_code == 0, fixed.output
    assert text.split("\n")[0][:10] in (work / "out.tsv").read_text(encoding="utf-8")


def test_latin_1_english_is_refused_with_a_guess_and_read_with_en_encoding(work):
    english = EN.replace("IT and", "IT (café, naïve, résumé) and")
    (work / "latin1.txt").write_bytes(english.encode("latin-1"))
    refused(align(work, "zh.txt", "latin1.txt"), 2, "latin1.txt", "--en-encoding", "cp1252")
    fixed = align(work, "zh.txt", "latin1.txt", "out.tsv", "--en-encoding", "latin-1")
    assert fixed.exit_code == 0, fixed.output
    assert "café, naïve, résumé" in (work / "out.tsv").read_text(encoding="utf-8")


def test_two_encodings_in_one_file_are_named_as_such(work):
    half = len(ZH) // 2
    (work / "mixed.txt").write_bytes(ZH[:half].encode("utf-8") + ZH[half:].encode("gb18030"))
    refused(align(work, "mixed.txt"), 2, "mixed.txt", "UTF-8 for its first", "two encodings")
    nothing_left(work, "zh.txt", "en.txt", "mixed.txt")


# ---------------------------------------------------------------- sizes and shapes

def test_a_5_mb_line_without_punctuation_is_read_in_bounded_sentences(work):
    han = "工业互联网是新一代信息技术与制造业深度融合的产物它连接人机器和数据"
    line = (han * (5 * 2**20 // (3 * len(han)) + 1))[: 5 * 2**20 // 3]
    (work / "line.txt").write_text(line + "\n", encoding="utf-8")
    result = bitext("info", work / "line.txt", "--json")
    assert result.exit_code == 0, result.output
    import json

    info = json.loads(result.stdout)
    assert info["kept_characters"] == len(line) and info["sentences"] >= len(line) // 2000  # cut, not one 1.7M-char "sentence"
    refused(align(work, "line.txt"), 2, "line.txt", "bitext mine")  # against a short English page: not a translation
    nothing_left(work, "zh.txt", "en.txt", "line.txt")


def test_100k_tiny_lines_are_read(work):
    (work / "lines.txt").write_text("".join(("好。\n", "是。\n", "一\n", "OK\n")[i % 4] for i in range(100_000)), encoding="utf-8")
    result = bitext("info", work / "lines.txt", "--json")
    assert result.exit_code == 0, result.output
    import json

    info = json.loads(result.stdout)
    assert info["language"] == "zh" and info["paragraphs"] >= 50_000 and info["characters"] == 275_000


# ---------------------------------------------------------------- translation memories, glossaries, sheets

def _tmx(work: Path, name: str, data: bytes) -> Path:
    (work / name).write_bytes(data)
    return work / name


@pytest.mark.parametrize("name, data, words", [
    ("truncated.tmx", (TMX_HEAD + TMX_BODY % b"")[:200], ["malformed"]),
    ("wrong-root.tmx", TMX_HEAD + (TMX_BODY % b"").replace(b"<tmx ", b"<html ").replace(b"</tmx>", b"</html>"), ["<html>"]),
    ("xxe.tmx", TMX_HEAD + b'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' + TMX_BODY % b"&xxe;", []),
    ("laughs.tmx", TMX_HEAD + b'<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
     + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&%s;" % bytes([97 + i]) * 10) for i in range(9))
     + b"]>\n" + TMX_BODY % b"&j;", []),
])
def test_hostile_tmx_is_refused_or_read_without_expanding_anything(work, name, data, words):
    _tmx(work, name, data)
    started = time.perf_counter()
    result = bitext("convert", work / name, work / "out.tsv")
    assert time.perf_counter() - started < 20  # a billion laughs would take minutes and gigabytes
    if result.exit_code == 0:  # read with the entity left out: never its expansion
        written = (work / "out.tsv").read_text(encoding="utf-8")
        assert "root:" not in written and "aaaaaaaaaa" not in written
    else:
        refused(result, 2, name, *words)
        nothing_left(work, "zh.txt", "en.txt", name)


def test_a_three_language_tmx_keeps_chinese_and_english_and_says_what_it_ignored(work):
    three = TMX_HEAD + (TMX_BODY % b"").replace(b"</tu>", b'<tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu>')
    _tmx(work, "three.tmx", three)
    result = bitext("convert", work / "three.tmx", work / "out.tsv")
    assert result.exit_code == 0, result.output
    assert "fr" in result.stderr and "ignored" in result.stderr
    assert "你好\tHello" in (work / "out.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, data, words", [
    ("broken.tbx", b"<martif><text><body><termEntry><langSet xml:lang='zh'><tig><term>x</term>", ["TBX"]),
    ("xxe.tbx", b'<!DOCTYPE martif [<!ENTITY e SYSTEM "file:///etc/passwd">]><martif><text><body><termEntry>'
     b"<langSet xml:lang='zh'><tig><term>&e;</term></tig></langSet></termEntry></body></text></martif>", []),
    ("broken.csv", b'zh,en\n"unclosed,quote\n', []),
    ("nocolumns.csv", b"a,b\n1,2\n", ["zh"]),
])
def test_malformed_glossaries_are_refused_with_exit_2(work, name, data, words):
    (work / name).write_bytes(data)
    result = bitext("glossary", "show", "-g", work / name)
    if name == "xxe.tbx" and result.exit_code == 0:
        assert "root:" not in result.stdout
        return
    refused(result, 2, name, *words)


def test_a_malformed_bitext_csv_is_refused_and_nothing_written(work):
    (work / "broken.csv").write_bytes(b'id,zh,en\n1,"unclosed\n')
    refused(bitext("convert", work / "broken.csv", work / "out.tmx"), 2, "broken.csv", "malformed CSV")
    nothing_left(work, "zh.txt", "en.txt", "broken.csv")


def test_a_zip_renamed_xlsx_is_refused_by_convert_and_import(work):
    with zipfile.ZipFile(work / "sheet.xlsx", "w") as archive:
        archive.writestr("a.txt", ZH)
    refused(bitext("convert", work / "sheet.xlsx", work / "out.tmx"), 2, "sheet.xlsx", "XLSX")
    refused(bitext("import", work / "sheet.xlsx", "-o", work / "out.tmx"), 2, "sheet.xlsx", "XLSX")
    nothing_left(work, "zh.txt", "en.txt", "sheet.xlsx")


# ---------------------------------------------------------------- outputs

def _unwritable_folder(tmp_path: Path) -> Path:
    """A folder no file can be created in: read-only by mode, or (as root, which ignores modes) one the system keeps."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    for candidate in (folder, Path("/sys"), Path("/proc")):
        try:
            (candidate / ".bitext-test").touch()
        except OSError:
            return candidate
        (candidate / ".bitext-test").unlink()
    pytest.skip("no folder here refuses to be written to")


def test_outputs_that_cannot_be_written_are_refused_before_any_work(work):
    folder = _unwritable_folder(work)
    try:
        refused(align(work, "zh.txt", out=str(folder / "out.tsv")), 2, "cannot write")
        refused(align(work, "zh.txt", out="missing/out.tsv"), 2, "does not exist")
        (work / "a-folder.tsv").mkdir()
        refused(align(work, "zh.txt", out="a-folder.tsv"), 2, "is a folder")
        refused(bitext("convert", work / "x.jsonl", folder / "out.tmx"), 2, "cannot write")  # before reading the input
        refused(bitext("glossary", "convert", "-", work / "missing" / "g.tbx"), 2, "does not exist")
    finally:
        if folder.is_relative_to(work):
            folder.chmod(0o755)
    assert not (work / "missing").exists()


def test_an_existing_output_is_not_overwritten_without_force(work):
    (work / "out.tsv").write_text("a translator's work\n", encoding="utf-8")
    refused(align(work, "zh.txt"), 3, "exists", "--force")
    assert (work / "out.tsv").read_text(encoding="utf-8") == "a translator's work\n"
    assert align(work, "zh.txt", "en.txt", "out.tsv", "--force").exit_code == 0
    assert "工业互联网" in (work / "out.tsv").read_text(encoding="utf-8")


def test_an_output_folder_that_is_a_file_is_refused_for_a_batch(work):
    (work / "zh").mkdir()
    (work / "en").mkdir()
    (work / "zh" / "a.txt").write_text(ZH, encoding="utf-8")
    (work / "en" / "a.txt").write_text(EN, encoding="utf-8")
    (work / "out").write_text("not a folder", encoding="utf-8")
    result = bitext("align", work / "zh", work / "en", "-o", work / "out", "--fast", "-q", "-j", "1")
    refused(result, 4, "not a folder")
    assert (work / "out").read_text(encoding="utf-8") == "not a folder"


def test_sigint_during_a_long_write_leaves_no_partial_file(work):
    from align.core.bitext import Bead, Bitext
    from align.formats import write_bitext

    beads = [Bead((i,), (i,), f"第{i}句话，工业互联网。", f"Sentence {i}, industrial Internet.", 0.9, ("lexical",), str(i + 1), {})
             for i in range(60_000)]
    write_bitext(Bitext(beads=beads), work / "big.jsonl")
    process = subprocess.Popen([sys.executable, "-m", "align", "convert", str(work / "big.jsonl"), str(work / "big.tmx")],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 120
    while not list(work.glob(".big.tmx.*.part")):  # the temporary file beside the output: writing has begun
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    nothing_left(work, "zh.txt", "en.txt", "big.jsonl")
