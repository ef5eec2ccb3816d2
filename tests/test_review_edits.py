"""Edit operations and the review session, without a server: texts kept, ids in order, undo/redo, saves."""

from __future__ import annotations

import json
import threading

import pytest

from align.core.bitext import Bead, Bitext
from align.core.errors import InputError, OutputExistsError
from align.formats import read_bitext
from align.review import ReviewSession, check_editable, edits


def _beads() -> list[Bead]:
    return [
        Bead((0,), (0,), "第一句。", "First.", 0.9, ("lexical",), "1"),
        Bead((1, 2), (1, 2), "第二句。第三句！", "Second one. Third one!", 0.8, ("length",), "2", {"note": "look"}),
        Bead((3,), (), "第四句。", "", 0.3, ("omission",), "3"),
        Bead((), (3,), "", "Fourth.", None, ("omission",), "4"),
    ]


def _texts(beads):
    return [(b.id, b.zh_ids, b.en_ids, b.zh_text, b.en_text) for b in beads]


def _all_text(beads, side):
    return [getattr(b, f"{side}_text") for b in beads if getattr(b, f"{side}_ids")]


def test_split_cuts_at_the_sentence_boundary_and_merge_gives_the_original_back():
    beads = _beads()
    cut = edits.split(beads, 1, 1, 1)
    assert _texts(cut[1:3]) == [("2a", (1,), (1,), "第二句。", "Second one."), ("2b", (2,), (2,), "第三句！", "Third one!")]
    assert cut[1].confidence is None and "edited" in cut[1].reasons and cut[1].meta["edited"] == "split"
    joined = edits.merge(cut, 1)
    assert _texts(joined)[1] == ("2a+2b", (1, 2), (1, 2), "第二句。第三句！", "Second one. Third one!")
    assert joined[1].meta["edited"] == "merge" and joined[1].confidence is None
    assert beads[1].zh_text == "第二句。第三句！"  # pure: the input list and beads are untouched


def test_split_can_leave_one_side_empty_but_not_a_whole_bead():
    cut = edits.split(_beads(), 1, 2, 1)
    assert _texts(cut[1:3]) == [("2a", (1, 2), (1,), "第二句。第三句！", "Second one."), ("2b", (), (2,), "", "Third one!")]
    with pytest.raises(InputError, match="empty bead"):
        edits.split(_beads(), 1, 0, 0)
    with pytest.raises(InputError, match="cannot keep 3"):
        edits.split(_beads(), 1, 3, 0)


def test_moving_boundary_sentences_keeps_every_sentence_once_and_in_order():
    beads = edits.move(_beads(), 1, "en", "previous")
    assert _texts(beads)[:2] == [("1", (0,), (0, 1), "第一句。", "First. Second one."), ("2", (1, 2), (2,), "第二句。第三句！", "Third one!")]
    beads = edits.move(beads, 1, "zh", "next")
    assert beads[2].zh_ids == (2, 3) and beads[2].zh_text == "第三句！第四句。"
    check_editable(Bitext(beads))
    # moving the last sentence of a one-sentence bead away empties it: the bead goes
    gone = edits.move(_beads(), 3, "en", "previous")
    assert [b.id for b in gone] == ["1", "2", "3"] and gone[2].kind == "1-1" and gone[2].en_text == "Fourth."
    assert "".join(_all_text(gone, "zh")) == "".join(_all_text(_beads(), "zh"))


def test_merge_refuses_the_last_bead_and_move_refuses_an_empty_side():
    with pytest.raises(InputError, match="last one"):
        edits.merge(_beads(), 3)
    with pytest.raises(InputError, match="no English sentence"):
        edits.move(_beads(), 2, "en", "next")
    with pytest.raises(InputError, match="first one"):
        edits.move(_beads(), 0, "zh", "previous")


def test_marks_and_notes_are_meta_and_reach_the_exports(tmp_path):
    beads = edits.mark(_beads(), 0, "reviewed")
    beads = edits.mark(beads, 2, "rejected")
    beads = edits.note(beads, 0, " fine ")
    assert beads[0].meta == {"reviewed": "reviewed", "note": "fine"} and beads[0].confidence == 0.9
    Bitext(beads).to_tmx(str(tmp_path / "x.tmx"))
    Bitext(beads).to_tsv(str(tmp_path / "x.tsv"))
    tmx = (tmp_path / "x.tmx").read_text(encoding="utf-8")
    # a memory carries the reviewed bead and never the rejected one; the TSV keeps both, marked
    assert '<prop type="x-reviewed">reviewed</prop>' in tmx and "rejected" not in tmx
    header = (tmp_path / "x.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert "reviewed" in header
    assert [b.meta.get("reviewed") for b in read_bitext(tmp_path / "x.tmx")] == ["reviewed", None]  # bead 4 is one-sided
    assert [b.meta.get("reviewed") for b in read_bitext(tmp_path / "x.tsv")] == ["reviewed", None, "rejected", None]
    with pytest.raises(InputError, match="mark must be"):
        edits.mark(beads, 0, "maybe")


def test_a_bitext_whose_ids_do_not_match_is_refused_with_the_bead_named():
    beads = _beads()
    beads[2] = beads[2].with_(zh_ids=(1,))
    with pytest.raises(InputError, match="bead 3: Chinese sentence 1 comes after sentence 2"):
        check_editable(Bitext(beads))
    with pytest.raises(InputError, match="bead 1: English text without sentence ids"):
        check_editable(Bitext([Bead((0,), (), "一。", "One.", None, (), "1")]))
    with pytest.raises(InputError, match="segmentation but 2 sentence ids"):
        edits.split([Bead((0, 1), (0,), "没有句号的一句", "x", None, (), "1")], 0, 1, 0)


def test_session_undo_redo_answer_with_only_the_beads_that_changed(tmp_path):
    session = ReviewSession(Bitext(_beads()), tmp_path / "out.tmx")
    answer = session.apply({"op": "merge", "index": 0})
    assert (answer["start"], answer["remove"], [b.id for b in answer["beads"]]) == (0, 2, ["1+2"])
    assert answer["version"] == 1 and answer["total"] == 3
    answer = session.undo()
    assert (answer["start"], answer["remove"], [b.id for b in answer["beads"]]) == (0, 1, ["1", "2"])
    answer = session.redo()
    assert [b.id for b in session.beads] == ["1+2", "3", "4"] and answer["undo"] == 1 and answer["redo"] == 0
    with pytest.raises(InputError, match="nothing to redo"):
        session.redo()
    with pytest.raises(InputError, match="reload the page"):
        session.apply({"op": "mark", "index": 0, "value": "reviewed"}, version=0)
    with pytest.raises(InputError, match="unknown edit"):
        session.apply({"op": "delete", "index": 0})


def test_save_writes_the_format_asked_plus_jsonl_and_appends_the_edit_log(tmp_path):
    session = ReviewSession(Bitext(_beads(), zh_name="a.zh.txt"), tmp_path / "out.tmx")
    session.apply({"op": "split", "index": 1, "zh": 1, "en": 1})
    session.apply({"op": "mark", "index": 0, "value": "reviewed"})
    saved = session.save()
    assert saved["edits"] == 2 and saved["unsaved"] == 0
    for name, ids in (("out.tmx", ["1", "2a", "2b"]), ("out.jsonl", ["1", "2a", "2b", "3", "4"])):  # a memory: no omission
        back = read_bitext(tmp_path / name)
        assert [b.id for b in back] == ids
        assert back[0].meta["reviewed"] == "reviewed" and back[1].meta["edited"] == "split" and back[1].confidence is None
        assert back.zh_name == "a.zh.txt"
    session.apply({"op": "merge", "index": 1})
    session.save()
    log = [json.loads(line) for line in (tmp_path / "out.edits.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [entry["op"] for entry in log] == ["split", "mark", "merge"] and [e["version"] for e in log] == [1, 2, 3]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.edits.jsonl", "out.jsonl", "out.tmx"]  # nothing else


def test_session_refuses_an_existing_output_and_a_read_only_folder(tmp_path):
    (tmp_path / "out.tmx").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        ReviewSession(Bitext(_beads()), tmp_path / "out.tmx")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        import os

        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(InputError, match="cannot write there"):
            ReviewSession(Bitext(_beads()), locked / "out.tmx")
    finally:
        locked.chmod(0o700)


def test_concurrent_edits_and_saves_lose_nothing(tmp_path):
    beads = [Bead((i,), (i,), f"第{i}句。", f"Sentence {i}.", 0.9, (), str(i)) for i in range(60)]
    session = ReviewSession(Bitext(beads), tmp_path / "out.jsonl")

    def marker(start):
        for index in range(start, 60, 3):
            session.apply({"op": "mark", "index": index, "value": "reviewed"})

    def saver():
        for _ in range(10):
            session.save()

    threads = [threading.Thread(target=marker, args=(k,)) for k in range(3)] + [threading.Thread(target=saver)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    session.save()
    back = read_bitext(tmp_path / "out.jsonl")
    assert all(b.meta.get("reviewed") == "reviewed" for b in back)
    log = (tmp_path / "out.edits.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(log) == 60 and sorted(json.loads(line)["version"] for line in log) == list(range(1, 61))


def test_a_failed_save_says_why_and_keeps_the_edits_for_the_next_save(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    session = ReviewSession(Bitext(_beads()), folder / "fixed.jsonl")
    session.apply({"op": "merge", "index": 0})
    folder.rmdir()
    folder.write_text("a file where the folder was", encoding="utf-8")
    with pytest.raises(InputError, match="could not save .* the edits are still in this session"):
        session.save()
    assert session.state()["unsaved"] == 1
    folder.unlink()
    folder.mkdir()
    session.save()
    assert [b.id for b in read_bitext(folder / "fixed.jsonl")] == ["1+2", "3", "4"]
