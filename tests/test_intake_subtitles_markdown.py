"""Subtitles (cues as sentences, timings carried to TMX) and Markdown (markup off, headings kept)."""

from __future__ import annotations

import pytest

from align import read_document
from align.aligner import align
from align.core.errors import InputError
from align.formats import read_bitext, write_bitext

CUES = [
    ("00:00:01,000", "00:00:03,200", "你好，欢迎来到北京。", "Hello, and welcome to Beijing."),
    ("00:00:03,400", "00:00:06,000", "今天我们去参观故宫。", "Today we are visiting the Forbidden City."),
    ("00:00:06,500", "00:00:09,100", "故宫有六百多年的历史。", "The palace is more than six hundred years old."),
    ("00:00:09,300", "00:00:12,000", "这里曾经住过二十四位皇帝。", "Twenty-four emperors once lived here."),
    ("00:00:12,400", "00:00:15,800", "<i>请跟我来。</i>", "<i>Please follow me.</i>"),
    ("00:00:16,000", "00:00:19,500", "我们先看太和殿。", "First we will see the Hall of\nSupreme Harmony."),
]


def _srt(column: int) -> str:
    blocks = [f"{n}\n{start} --> {end}\n{cue[column]}\n" for n, (start, end, *cue) in enumerate(CUES, start=1)]
    return "\n".join(blocks)


def test_an_srt_pair_aligns_cue_to_cue_and_keeps_timings_in_the_tmx(tmp_path):
    (tmp_path / "film.zh.srt").write_text(_srt(0), encoding="utf-8")
    (tmp_path / "film.en.srt").write_text("\ufeff" + _srt(1).replace("\n", "\r\n"), encoding="utf-8")
    zh, en = read_document(tmp_path / "film.zh.srt"), read_document(tmp_path / "film.en.srt")
    assert zh.format == en.format == "srt"
    assert en.texts()[4:] == ["Please follow me.", "First we will see the Hall of Supreme Harmony."]  # tags off, lines joined
    assert [s.meta for s in zh.sentences][0] == {"start": "00:00:01,000", "end": "00:00:03,200"}
    bitext = align(zh, en, fast=True)
    assert [(b.zh_ids, b.en_ids) for b in bitext.beads] == [((k,), (k,)) for k in range(len(CUES))]
    write_bitext(bitext, tmp_path / "film.tmx")
    tmx = (tmp_path / "film.tmx").read_text(encoding="utf-8")
    assert '<prop type="x-zh-start">00:00:06,500</prop>' in tmx and '<prop type="x-en-end">00:00:19,500</prop>' in tmx
    back = read_bitext(tmp_path / "film.tmx")
    assert back.beads[2].meta["en-start"] == "00:00:06,500" and back.beads[2].meta["zh-end"] == "00:00:09,100"


def test_vtt_notes_and_styles_are_left_out(tmp_path):
    path = tmp_path / "talk.vtt"
    path.write_text(
        "WEBVTT - a talk\n\nNOTE recorded live\n\nSTYLE\n::cue { color: yellow }\n\n"
        "intro\n00:01.000 --> 00:04.000 align:start\n<v Ann>Welcome, everyone.</v>\n\n"
        "00:04.500 --> 00:07.000\nToday&apos;s topic is <b>rivers</b> &amp; lakes.\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.format == "vtt" and doc.texts() == ["Welcome, everyone.", "Today's topic is rivers & lakes."]
    assert doc.sentences[1].meta == {"start": "00:04.500", "end": "00:07.000"}
    assert doc.left_out == {"note": 1, "style": 1}


def test_a_subtitle_file_without_timings_is_refused(tmp_path):
    path = tmp_path / "broken.srt"
    path.write_text("1\nHello there.\n\n2\nGoodbye.\n", encoding="utf-8")
    with pytest.raises(InputError, match="broken.srt: malformed srt cue"):
        read_document(path)


MARKDOWN = """---
title: Release notes
---

# Release 2.0 {#top}

This release makes **alignment** faster and adds [Word support](https://example.com/docs).
It also fixes `bitext info` on empty files.

Setext heading
--------------

- First item with *emphasis*
- Second item, with an ![diagram](fig.png) inline

> A quoted remark.

| Format | Reader |
|--------|--------|
| docx   | lxml   |

```python
print("code is left out")
```

<!-- a comment -->
[docs]: https://example.com
"""


def test_markdown_markup_is_taken_off_and_headings_kept(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = read_document(path)
    blocks = [(p.role, doc.original[p.start : p.end]) for p in doc.paragraphs]
    assert blocks == [
        ("heading", "Release 2.0 {#top}"),
        ("", "This release makes alignment faster and adds Word support. It also fixes bitext info on empty files."),
        ("heading", "Setext heading"),
        ("list-item", "First item with emphasis"),
        ("list-item", "Second item, with an diagram inline"),
        ("", "A quoted remark."),
        ("table-row", "Format\tReader"),
        ("table-row", "docx\tlxml"),
    ]
    assert doc.left_out == {"front-matter": 1, "code-block": 1, "html-comment": 1, "link-reference": 1}
