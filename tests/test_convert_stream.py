"""``convert`` streams a TMX: the units flow to the output as they are read, with progress, and atomically.

The memory figures (a 300 MB and a 1 GB TMX) are bench/convert.py's; these tests
check what streaming must not change: the same output as a full read, a failure
late in the file leaving nothing behind, and the progress the CLI's bar shows.
"""

from __future__ import annotations

import pytest

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from align.formats import convert, read_bitext, write_bitext
from align.formats.tmx import TmxStream, stream_tmx, write_tmx

UNITS = 1000


@pytest.fixture(scope="module")
def big_tmx(tmp_path_factory):
    path = tmp_path_factory.mktemp("stream") / "big.tmx"

    def beads():
        for i in range(UNITS):
            yield Bead((i,), (i,), f"第{i}句，含\t制表符。", f"Sentence {i}.", (i % 10) / 10, ("length",), str(i + 1),
                       {"zh-paragraph": str(i // 7)} | ({"note": f"n{i}"} if i % 100 == 0 else {}))

    write_tmx(Bitext(beads=beads(), signature={"s": "1"}, zh_name="a.zh"), path, min_confidence=None)
    return path


def test_the_stream_reads_the_header_now_and_the_units_on_each_pass(big_tmx):
    bitext = stream_tmx(big_tmx)
    assert isinstance(bitext.beads, TmxStream) and bitext.signature == {"s": "1"} and bitext.zh_name == "a.zh"
    assert sum(1 for _ in bitext.beads) == UNITS == sum(1 for _ in bitext.beads)


@pytest.mark.parametrize("ext", ["tsv", "csv", "jsonl", "tmx"])
def test_streamed_output_is_the_output_of_a_full_read(tmp_path, big_tmx, ext):
    convert(big_tmx, tmp_path / f"streamed.{ext}", min_confidence=0.3)
    write_bitext(read_bitext(big_tmx), tmp_path / f"whole.{ext}", min_confidence=0.3)
    streamed, whole = (tmp_path / f"streamed.{ext}").read_text(encoding="utf-8"), (tmp_path / f"whole.{ext}").read_text(encoding="utf-8")
    if ext == "tmx":  # the header's creation date may differ by a second
        streamed, whole = (text.split("</header>")[1] for text in (streamed, whole))
    assert streamed == whole
    assert len(read_bitext(tmp_path / f"streamed.{ext}")) == UNITS * 7 // 10


def test_moses_streams_too(tmp_path, big_tmx):
    assert convert(big_tmx, tmp_path / "train", fmt="moses") == UNITS
    assert (tmp_path / "train.en").read_text(encoding="utf-8").splitlines()[-1] == f"Sentence {UNITS - 1}."


def test_progress_counts_the_bytes_read_up_to_the_whole_file(tmp_path, big_tmx, monkeypatch):
    monkeypatch.setattr("align.formats.tmx.read.PROGRESS_EVERY", 200)
    seen = []
    convert(big_tmx, tmp_path / "x.jsonl", progress=lambda done, total: seen.append((done, total)))
    size = big_tmx.stat().st_size
    assert len(seen) >= 3 and seen[-1] == (size, size)
    assert all(total == size for _, total in seen) and [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize("target", ["out.tmx", "out.tsv", "out.jsonl", "out"])
def test_an_error_late_in_the_file_leaves_no_output(tmp_path, big_tmx, target):
    text = big_tmx.read_text(encoding="utf-8")
    cut = text.rindex("<tu ")  # the last unit broken: thousands already written when it is met
    broken = tmp_path / "broken.tmx"
    broken.write_text(text[:cut] + "<tu><tuv xml:lang='zh-CN'><seg>坏</tuv></tu></body></tmx>\n", encoding="utf-8")
    with pytest.raises(InputError, match="malformed TMX at line"):
        convert(broken, tmp_path / target, fmt="moses" if target == "out" else None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.tmx"]  # no output, no temporary file


def test_a_memory_found_to_lack_english_at_its_end_leaves_no_output(tmp_path):
    path = tmp_path / "zh-only.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
                    'segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>'
                    + '<tu><tuv xml:lang="zh-CN"><seg>一。</seg></tuv><tuv xml:lang="fr"><seg>Un.</seg></tuv></tu>' * 3
                    + "</body></tmx>", encoding="utf-8")
    with pytest.raises(InputError, match="no English <tuv> in 3 units"):
        convert(path, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()


def test_the_cli_converts_with_a_penalty_memory(tmp_path, big_tmx, monkeypatch, capsys):
    from align.cli import main

    monkeypatch.setattr("sys.argv", ["bitext", "convert", str(big_tmx), str(tmp_path / "auto.tmx"),
                                     "--penalty-tmx", str(tmp_path / "penalty.tmx"), "--min-confidence", "0.8"])
    with pytest.raises(SystemExit) as exit:
        main()
    out, err = capsys.readouterr()
    assert exit.value.code in (0, None) and f"({UNITS // 5} units)" in out
    assert f"left out of the memory {UNITS * 4 // 5} below confidence 0.8 (written to" in err
    assert len(read_bitext(tmp_path / "penalty.tmx")) == UNITS * 4 // 5
    assert all(b.confidence < 0.8 for b in read_bitext(tmp_path / "penalty.tmx"))


def test_tmx_options_on_other_formats_and_a_penalty_onto_itself_are_usage_errors(tmp_path, big_tmx):
    from align.core.errors import UsageError

    with pytest.raises(UsageError, match="--penalty-tmx is for TMX output, not jsonl"):
        convert(big_tmx, tmp_path / "x.jsonl", penalty=tmp_path / "p.tmx")
    with pytest.raises(UsageError, match="penalty memory must be another file"):
        convert(big_tmx, tmp_path / "x.tmx", penalty=tmp_path / "x.tmx")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("processes", ["1", "2"])
def test_glossary_check_streams_a_tmx_and_finds_what_a_full_read_finds(tmp_path, monkeypatch, capsys, processes):
    import json

    from align.cli import main
    from glossary import load_default
    from glossary.checks import check

    def beads():
        for i in range(1200):
            if i % 2:
                yield Bead((i,), (i,), "我国工业互联网发展迅速。", "My country's industrial Internet grows fast.", 0.9, (), str(i + 1))
            else:
                yield Bead((i,), (i,), "产值增长3%。", "Output grew by 5%.", 0.9, (), str(i + 1))

    path = tmp_path / "c.tmx"
    write_tmx(Bitext(beads=beads()), path)
    expected = check(read_bitext(path), load_default())
    assert len(expected) >= 1200
    monkeypatch.setattr("sys.argv", ["bitext", "glossary", "check", str(path), "--json", "--fail-on", "never", "-p", processes])
    with pytest.raises(SystemExit) as exit:
        main()
    printed = json.loads(capsys.readouterr().out)
    assert exit.value.code in (0, None)
    assert printed["beads"] == 1200 and printed["count"] == len(expected)
    assert printed["findings"] == [f.to_dict() for f in expected]


def test_the_library_streams_a_tmx_through_bitext_stream(big_tmx, tmp_path):
    bitext = Bitext.stream(str(big_tmx))
    assert isinstance(bitext.beads, TmxStream)
    assert bitext.to_jsonl(str(tmp_path / "x.jsonl")) == UNITS
    assert [b.id for b in read_bitext(tmp_path / "x.jsonl")][:3] == ["1", "2", "3"]


def test_score_streams_a_tmx_and_reports_what_a_full_read_reports(tmp_path, monkeypatch, capsys):
    import json

    from align.cli import main
    from glossary import load_default
    from glossary.consistency import consistency

    renderings = ["The industrial Internet grows.", "The industry Internet grows.", "My country's industrial Internet grows."]
    beads = (Bead((i,), (i,), "工业互联网发展。" if i % 4 else f"第{i}句。", renderings[i % 3], 0.9, (), str(i + 1)) for i in range(900))
    path = tmp_path / "s.tmx"
    write_tmx(Bitext(beads=beads, zh_name="s"), path)
    expected = consistency([read_bitext(path)], load_default(), chunk_size=900).to_dict()
    streamed = consistency([Bitext.stream(str(path))], load_default(), chunk_size=250).to_dict()
    assert streamed == expected and expected["segments"] and expected["concepts"]
    monkeypatch.setattr("sys.argv", ["bitext", "score", str(path), "--json"])
    with pytest.raises(SystemExit) as exit:
        main()
    printed = json.loads(capsys.readouterr().out)
    assert exit.value.code in (0, None) and printed["summary"]["beads"] == 900
    assert printed["segments"] == expected["segments"] and printed["concepts"] == expected["concepts"]
