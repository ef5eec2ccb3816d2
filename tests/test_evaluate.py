"""Vecalign score.py semantics: strict/lax, omissions only in precision, micro-averaging, .align IO."""

from __future__ import annotations

import json

import pytest

from align.aligner.evaluate import evaluate_dirs, parse_align_lines, read_align, score
from align.core.errors import InputError

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3)), ((4,), ())]


def test_perfect_alignment_scores_one():
    s = score([GOLD], [GOLD])
    assert s["strict"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert s["lax"]["f1"] == 1.0


def test_strict_needs_exact_bead_lax_needs_overlap():
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((), (3,)), ((4,), ())]
    s = score([GOLD], [test])
    # precision counts all 6 test beads: (0)-(0) and (4)-() exact
    assert s["strict"]["precision"] == pytest.approx(2 / 6)
    # recall: gold without omissions (3 beads) against test without omissions (3 beads): 1 exact
    assert s["strict"]["recall"] == pytest.approx(1 / 3)
    # lax precision: (1)-(1) and (3)-(2) overlap gold on both sides; (2)-(), ()-(3) do not
    assert s["lax"]["precision"] == pytest.approx(4 / 6)
    assert s["lax"]["recall"] == pytest.approx(1.0)


def test_beads_empty_on_both_sides_are_ignored():
    assert score([GOLD], [GOLD + [((), ())]]) == score([GOLD], [GOLD])


def test_micro_average_over_files():
    half = [((0,), (0,)), ((1,), (1,))]
    gold2 = [((0,), (0,)), ((1,), (1,))]
    s = score([GOLD, gold2], [GOLD, half])
    assert s["strict"]["precision"] == 1.0
    assert s["strict"]["recall"] == 1.0
    bad = [((0, 1), (0, 1))]
    s = score([GOLD, gold2], [GOLD, bad])
    assert s["strict"]["precision"] == pytest.approx(4 / 5)
    assert s["strict"]["recall"] == pytest.approx(3 / 5)


def test_read_align_and_dirs(tmp_path):
    gold_dir, auto_dir = tmp_path / "gold", tmp_path / "auto"
    gold_dir.mkdir()
    auto_dir.mkdir()
    (gold_dir / "001.align").write_text("[0]:[0]\n[1,2]:[1]\n[3]:[2,3]\n[4]:[]\n")
    (auto_dir / "001.align").write_text("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2,3]\n[4]:[]\n")
    assert read_align(gold_dir / "001.align") == GOLD
    result = evaluate_dirs(gold_dir, auto_dir)
    assert result["files"][0]["file"] == "001.align"
    assert result["overall"]["strict"]["precision"] == pytest.approx(3 / 5)
    assert result["overall"]["strict"]["recall"] == pytest.approx(2 / 3)
    json.dumps(result)


def test_malformed_line_and_missing_file_are_input_errors(tmp_path):
    with pytest.raises(InputError, match=r"x.align: line 2: expected an alignment like \[0,1\]:\[2\]"):
        parse_align_lines(["[0]:[1]", "0 -> 1"], "x.align")
    (tmp_path / "g").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "g" / "001.align").write_text("[0]:[0]\n")
    with pytest.raises(InputError, match="no alignment for 001.align"):
        evaluate_dirs(tmp_path / "g", tmp_path / "a")


def test_evaluate_reads_vecalign_output_with_a_cost_column(tmp_path):
    """Vecalign and Bertalign write ``[0]:[0]:0.12``; evaluate and convert read it alike."""
    (tmp_path / "g").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "g" / "001.align").write_text("[0]:[0]\n[1,2]:[1]\n")
    (tmp_path / "a" / "001.align").write_text("[0]:[0]:0.12\n[1,2]:[1]:-0.5\n")
    result = evaluate_dirs(tmp_path / "g", tmp_path / "a")
    assert result["overall"]["strict"]["f1"] == pytest.approx(1.0)
    from align.formats import read_bitext

    assert [(b.zh_ids, b.en_ids) for b in read_bitext(tmp_path / "a" / "001.align")] == [((0,), (0,)), ((1, 2), (1,))]


def _write_align(path, beads):
    path.write_text("".join(f"[{','.join(map(str, s))}]:[{','.join(map(str, t))}]\n" for s, t in beads))


def test_bible_gold_is_english_first_swap_scores_it_and_a_warning_says_so(shared_dir, tmp_path, monkeypatch, capsys):
    import sys

    from align.cli import main

    gold_dir = shared_dir / "benchmarks" / "bible" / "gold"
    gold = read_align(gold_dir / "001.align")
    auto_dir = tmp_path / "auto"
    auto_dir.mkdir()
    # a perfect aligner's output, written the usual way: Chinese ids first
    _write_align(auto_dir / "001.align", [(en, zh) for zh, en in gold])
    plain = evaluate_dirs(gold_dir, auto_dir)
    assert plain["overall"]["strict"]["f1"] < 0.05
    assert any("English-first: try --swap" in w for w in plain["warnings"])
    fixed = evaluate_dirs(gold_dir, auto_dir, swap=True)
    assert fixed["overall"]["strict"]["f1"] == 1.0 and fixed["warnings"] == []

    def run(*args):
        monkeypatch.setattr(sys, "argv", ["bitext", "evaluate", "--gold", str(gold_dir), "--auto", str(auto_dir), *args])
        try:
            main()
        except SystemExit as exit:
            assert exit.code in (0, None)
        return capsys.readouterr()

    out, err = run()
    assert "warning:" in err and "--swap" in err
    out, err = run("--swap", "--json")
    assert json.loads(out)["overall"]["strict"]["f1"] == 1.0 and "warning" not in err


def test_warnings_for_ids_of_other_texts_and_a_zero_score(tmp_path):
    gold_dir, auto_dir = tmp_path / "gold", tmp_path / "auto"
    gold_dir.mkdir()
    auto_dir.mkdir()
    _write_align(gold_dir / "a.align", [((0,), (0,)), ((1,), (1,)), ((2,), (2,))])
    _write_align(auto_dir / "a.align", [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,)), ((4,), ())])
    result = evaluate_dirs(gold_dir, auto_dir)
    assert result["warnings"] == [
        "a.align: the ids do not fit: the gold covers 3 Chinese and 3 English sentences, the alignment 5 and 3"
    ]
    _write_align(auto_dir / "a.align", [((0,), (1,)), ((1,), (2,)), ((2,), (0,))])
    result = evaluate_dirs(gold_dir, auto_dir)
    assert result["overall"]["lax"]["f1"] == 0.0
    assert result["warnings"] and "the score is 0" in result["warnings"][-1]
    _write_align(auto_dir / "a.align", [((0,), (0,)), ((1, 2), (1, 2))])
    assert evaluate_dirs(gold_dir, auto_dir)["warnings"] == []
