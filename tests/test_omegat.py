"""A real CAT tool takes our TMX: OmegaT (Debian's ``omegat``, 3.6) fills a project from ``tm/auto/``.

Runs only when ``omegat`` is on PATH (``apt-get install omegat``; ``.ci/run`` installs it).
OmegaT runs headless in ``--mode=console-translate``: it loads the project, applies
exact matches from ``tm/auto/*.tmx`` to the source segments and writes ``target/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from align.formats import write_bitext

from exports_sample import sample_bitext

OMEGAT = shutil.which("omegat")
pytestmark = pytest.mark.skipif(OMEGAT is None, reason="omegat is not on PATH (apt-get install omegat)")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{source}</source_lang>
        <target_lang>en-US</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def make_project(root, tmx_options, source_lang="zh-CN"):
    for folder in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (root / folder).mkdir(parents=True)
    (root / "omegat.project").write_text(PROJECT.format(source=source_lang), encoding="utf-8")
    write_bitext(sample_bitext(), root / "tm" / "auto" / "bitext.tmx", **tmx_options)
    first = sample_bitext()[0].zh_text
    # one sentence the memory knows, one it does not (must stay untranslated)
    (root / "source" / "doc.txt").write_text(f"{first}\n\n今天天气很好。\n", encoding="utf-8")


def translate(root, tmp_path):
    env = dict(os.environ)
    env["JAVA_TOOL_OPTIONS"] = f"-Djava.awt.headless=true -Duser.home={tmp_path / 'home'}"
    result = subprocess.run(
        [OMEGAT, str(root), "--mode=console-translate"], capture_output=True, text=True, timeout=180, env=env
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Reading of TMX file complete" in result.stdout + result.stderr
    return (root / "target" / "doc.txt").read_text(encoding="utf-8")


def test_omegat_fills_a_segment_from_our_tmx(tmp_path):
    root = tmp_path / "project"
    make_project(root, {})
    target = translate(root, tmp_path).split("\n")
    assert target[0] == sample_bitext()[0].en_text
    assert target[2] == "今天天气很好。"


def test_omegat_matches_a_zh_tw_labelled_memory_in_a_traditional_project(tmp_path):
    root = tmp_path / "project"
    make_project(root, {"zh_output": "traditional", "zh_lang": "zh-TW"}, source_lang="zh-TW")
    (root / "source" / "doc.txt").write_text("工業互聯網是新一代信息技術與製造業深度融合的產物。\n", encoding="utf-8")
    target = translate(root, tmp_path)
    assert target.strip() == sample_bitext()[0].en_text


def misaligned_memory():
    """One right pair and one misalignment at confidence 0.20 (the issue's case)."""
    from align.core.bitext import Bead, Bitext

    right = sample_bitext()[0]
    wrong = Bead((1,), (1,), "今天天气很好。", "The factory closed in 2005.", 0.20, ("length",), "2")
    return Bitext(beads=[right, wrong, Bead((2,), (), "这句没有译文。", "", 0.9, ("omission",), "3")])


def penalty_project(root, **options):
    make_project(root, {})
    (root / "tm" / "auto" / "bitext.tmx").unlink()
    (root / "tm" / "penalty-30").mkdir()
    write_bitext(misaligned_memory(), root / "tm" / "auto" / "bitext.tmx", **options)
    first = sample_bitext()[0].zh_text
    (root / "source" / "doc.txt").write_text(f"{first}\n\n今天天气很好。\n\n这句没有译文。\n", encoding="utf-8")


def test_a_low_confidence_misalignment_is_offered_from_the_penalty_folder_never_inserted(tmp_path):
    root = tmp_path / "project"
    penalty_project(root, penalty=root / "tm" / "penalty-30" / "bitext.tmx")
    assert (root / "tm" / "penalty-30" / "bitext.tmx").is_file()
    target = translate(root, tmp_path).split("\n")
    assert target[0] == sample_bitext()[0].en_text  # the confident pair is still inserted
    assert target[2] == "今天天气很好。"  # the misalignment is not
    assert target[4] == "这句没有译文。"  # nor an empty translation from the omission


def test_the_same_misalignment_in_tm_auto_would_be_inserted(tmp_path):
    """What the safe default prevents (so the test above can fail): every bead in tm/auto/."""
    root = tmp_path / "project"
    penalty_project(root, min_confidence=0.0)
    target = translate(root, tmp_path).split("\n")
    assert target[2] == "The factory closed in 2005."
