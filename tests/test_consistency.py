"""Translation consistency (glossary.consistency), reference scores (glossary.metrics), ``bitext score``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.core.bitext import Bead, Bitext
from align.core.errors import InputError
from glossary import load_default
from glossary.consistency import consistency
from glossary.metrics import pair_segments, score_reference
from glossary.termbase import Concept, TermBase

runner = CliRunner()


def make_bitext(pairs: list[tuple[str, str]], name: str = "t") -> Bitext:
    beads = [
        Bead((n,) if zh else (), (n,) if en else (), zh, en, id=str(n + 1))
        for n, (zh, en) in enumerate(pairs)
    ]
    return Bitext(beads=beads, zh_name=name)


@pytest.fixture(scope="module")
def termbase() -> TermBase:
    return load_default()


INDUSTRY = make_bitext([
    ("产业互联网是未来。", "The industrial Internet is the future."),
    ("我们要发展产业互联网。", "We must develop the industrial Internet."),
    ("產業互聯網很重要。", "The industrial Internet matters."),
    ("我们看好产业互联网的前景。", "We are bullish on the prospects of the industry Internet."),
    ("今天天气很好。", "The weather is fine today."),
])


def concept(report, term):
    return next(c for c in report.concepts if c.term == term)


def test_index_counts_the_dominant_rendering_and_lists_every_rendering(termbase):
    report = consistency(INDUSTRY, termbase)
    industrial = concept(report, "产业互联网")
    assert industrial.beads == 4
    assert industrial.index == pytest.approx(0.75)
    seen = {(r.text, r.kind): r for r in industrial.renderings}
    assert seen[("industrial Internet", "approved")].count == 3
    assert seen[("industrial Internet", "approved")].examples == ["1", "2", "3"]
    # read off the glossary's 互联网 → Internet, one word wider: not in the glossary, still named
    assert seen[("industry Internet", "unlisted")].examples == ["4"]
    # the leftmost-longest match keeps 互联网 from being counted on its own
    assert all(c.term != "互联网" for c in report.concepts)
    assert report.to_dict()["concepts"][0]["index"] == 0.75


def test_traditional_form_counts_as_the_same_concept(termbase):
    report = consistency(INDUSTRY, termbase)
    industrial = concept(report, "产业互联网")
    assert industrial.forms == {"产业互联网": 3, "產業互聯網": 1}
    assert "3" in next(r for r in industrial.renderings if r.kind == "approved").examples


def test_reverse_view_flags_one_rendering_for_two_concepts(termbase):
    bitext = make_bitext([
        ("产业互联网是未来。", "The industrial Internet is the future."),
        ("发展产业互联网。", "Develop the industrial Internet."),
        ("工业互联网创新发展。", "The industrial Internet develops through innovation."),
    ])
    report = consistency(bitext, termbase)
    shared = [s for s in report.shared if s.text == "industrial Internet"]
    assert len(shared) == 1 and not shared[0].expected
    assert {c["term"] for c in shared[0].concepts} == {"产业互联网", "工业互联网"}
    programme = concept(report, "工业互联网")
    assert [(r.kind, r.of_concept) for r in programme.renderings] == [("other-concept", "ii001")]
    assert report.summary()["shared renderings"] == 1


def test_capital_mid_sentence_is_the_other_concepts_rendering(termbase):
    bitext = make_bitext([("我们发展产业互联网。", "We develop the Industrial Internet.")])
    rendering = concept(consistency(bitext, termbase), "产业互联网").renderings[0]
    assert (rendering.text, rendering.kind, rendering.of_concept) == ("Industrial Internet", "other-concept", "ii002")


def test_partial_and_missing_renderings():
    names = TermBase([Concept(("汪淼",), ("Wang Miao",))])
    bitext = make_bitext([
        ("汪淼驱车到密云。", "Wang Miao drove to Miyun."),
        ("汪淼看到了天线。", "Wang saw the antennas."),
        ("汪淼想起了照片。", "He remembered the photograph."),
    ])
    stat = consistency(bitext, names).concepts[0]
    assert [(r.text, r.kind, r.count) for r in stat.renderings] == [
        ("Wang Miao", "approved", 1), ("Wang", "partial", 1), ("", "none", 1)]
    assert stat.index == pytest.approx(1 / 3)


def test_segment_level_same_chinese_different_english(termbase):
    bitext = make_bitext([
        ("请确认订单。", "Please confirm the order."),
        ("請確認訂單。", "Please confirm your order."),  # traditional: the same Chinese
        ("请确认订单。", "please confirm the order."),  # case only: the same English
        ("谢谢。", "Thank you."),
        ("多谢。", "Thank you."),
    ])
    report = consistency(bitext, termbase)
    zh = [s for s in report.segments if s.side == "zh"]
    assert len(zh) == 1
    assert zh[0].count == 3
    assert [(v["count"], v["examples"]) for v in zh[0].variants] == [(2, ["1", "3"]), (1, ["2"])]
    en = [s for s in report.segments if s.side == "en"]
    assert [s.text for s in en] == ["Thank you."]
    assert {v["text"] for v in en[0].variants} == {"谢谢。", "多谢。"}


def test_rates_from_the_checks(termbase):
    bitext = make_bitext([
        ("投资5000万元发展产业互联网。", "50 million yuan invested in the industrial Internet."),
        ("覆盖3亿人。", "It covers 30 million people."),
        ("我们发展产业互联网。", "We develop the industry Internet."),
        ("这是一句话。", "这是一句话。"),
        ("另一句话。", ""),
    ])
    report = consistency(bitext, termbase)
    assert (report.adherence.hits, report.adherence.total) == (1, 2)
    assert (report.numbers.hits, report.numbers.total) == (1, 2)
    assert (report.untranslated.hits, report.untranslated.total) == (1, 5)
    assert (report.omitted.hits, report.omitted.total) == (1, 5)
    rates = report.to_dict()["rates"]
    assert rates["number_agreement"] == {"rate": 0.5, "count": 1, "of": 2}


def test_several_bitexts_prefix_bead_ids(termbase):
    one = make_bitext([("产业互联网。", "industrial Internet.")], name="a")
    two = make_bitext([("产业互联网。", "industry Internet.")], name="b")
    report = consistency([one, two], termbase)
    examples = [e for r in concept(report, "产业互联网").renderings for e in r.examples]
    assert sorted(examples) == ["a#1", "b#1"]
    assert report.bitexts == ["a", "b"]


def test_reference_equal_to_hypothesis_scores_perfectly():
    scores = score_reference(INDUSTRY, INDUSTRY)
    assert scores.bleu == pytest.approx(100.0)
    assert scores.ter == pytest.approx(0.0)
    assert scores.chrf == pytest.approx(100.0)
    assert scores.paired == 5 and scores.method == "chinese-text"
    assert scores.signatures["BLEU"].startswith("nrefs:1|") and "tok:13a" in scores.signatures["BLEU"]
    assert "version:" in scores.signatures["TER"]
    assert scores.worst == []


def test_changed_reference_lowers_the_scores():
    changed = make_bitext([(b.zh_text, b.en_text.replace("Internet", "network").replace("The ", "A "))
                           for b in INDUSTRY])
    scores = score_reference(INDUSTRY, changed)
    assert scores.bleu < 70
    assert scores.ter > 10
    assert scores.chrf < 100
    assert scores.worst and scores.worst[0]["chrF"] < 100


def test_pairing_follows_the_chinese_not_the_bead_boundaries():
    hypothesis = make_bitext([("第一句。", "First."), ("第二句。", "Second."), ("第三句。", "Third.")])
    reference = make_bitext([("第一句。第二句。", "First. Second."), ("第三句。", "Third.")])
    pairing = pair_segments(hypothesis, reference)
    assert pairing.method == "chinese-text"
    assert [(s.hypothesis, s.reference) for s in pairing.segments] == [("First. Second.", "First. Second."), ("Third.", "Third.")]
    assert score_reference(hypothesis, reference).bleu == pytest.approx(100.0)


def test_pairing_by_chinese_key_when_the_texts_differ():
    hypothesis = make_bitext([("第三句。", "Third."), ("第一句。", "First."), ("多出的句子。", "Extra.")])
    reference = make_bitext([("第一句。", "The first."), ("第三句。", "Third."), ("第二句。", "Second.")])
    pairing = pair_segments(hypothesis, reference)
    assert pairing.method == "chinese-key"
    assert [(s.hypothesis, s.reference) for s in pairing.segments] == [("Third.", "Third."), ("First.", "The first.")]
    assert (pairing.hypothesis_unpaired, pairing.reference_unpaired) == (1, 1)


def test_reference_without_common_chinese_is_an_input_error():
    with pytest.raises(InputError):
        score_reference(INDUSTRY, make_bitext([("别的。", "Other.")]))


def test_consistency_includes_reference_scores(termbase):
    report = consistency(INDUSTRY, termbase, reference=INDUSTRY)
    assert report.to_dict()["reference"]["BLEU"] == 100.0


def test_progress_has_the_library_shape_and_reaches_its_total(termbase):
    calls = []
    consistency(INDUSTRY, termbase, progress=lambda stage, done, total: calls.append((stage, done, total)))
    beads = len(INDUSTRY)
    assert calls[0] == ("checking", beads, 2 * beads)
    assert calls[-1] == ("renderings", 2 * beads, 2 * beads)


def test_signature_is_the_callers_and_names_no_count(termbase):
    data = consistency(INDUSTRY, termbase, signature={"bitext": "9.9", "mode": "fast"}).to_dict()
    assert data["signature"] == "bitext:9.9|mode:fast"
    assert data["glossary"] == termbase.signature and data["summary"]["beads"] == len(INDUSTRY)
    assert "beads" not in consistency(INDUSTRY, termbase).to_dict()["signature"]


# ------------------------------------------------------------------ CLI


def test_cli_json_round_trip(tmp_path):
    path = tmp_path / "x.jsonl"
    INDUSTRY.to_jsonl(str(path))
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["score", str(path), "--reference", str(path), "--json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == json.loads(out.read_text(encoding="utf-8"))
    industrial = next(c for c in printed["concepts"] if c["term"] == "产业互联网")
    assert industrial["index"] == 0.75 and industrial["dominant"] == "industrial Internet"
    assert printed["reference"]["TER"] == 0.0
    assert printed["summary"]["beads"] == 5
    assert printed["bitexts"] == ["x"]
    # an existing report is not overwritten without --force
    again = runner.invoke(app, ["score", str(path), "-o", str(out)])
    assert again.exit_code == 3
    assert runner.invoke(app, ["score", str(path), "-o", str(out), "--force"]).exit_code == 0


def test_cli_table_names_the_renderings(tmp_path):
    path = tmp_path / "x.tsv"
    INDUSTRY.to_tsv(str(path))
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 0, result.output
    assert "industry Internet" in result.stdout and "产业互联网" in result.stdout
    assert "0.75" in result.stdout


def test_cli_malformed_input_exits_2(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "1", "zh": "产业互联网", "en": \n', encoding="utf-8")
    result = runner.invoke(app, ["score", str(broken)])
    assert result.exit_code == 2
    assert "error:" in result.output
    assert runner.invoke(app, ["score", str(tmp_path / "missing.tmx")]).exit_code == 2


def test_rendering_inside_another_concepts_rendering_still_counts():
    terms = TermBase([
        Concept(("宇宙背景辐射",), ("cosmic background radiation",), variants=("cosmic microwave background radiation",)),
        Concept(("微波背景",), ("microwave background",)),
    ])
    bitext = make_bitext([("微波背景辐射频谱很精确。", "The cosmic microwave background radiation matched the spectrum.")])
    report = consistency(bitext, terms)
    assert [(c.term, c.renderings[0].text, c.renderings[0].kind) for c in report.concepts] == [
        ("微波背景", "microwave background", "approved")]
