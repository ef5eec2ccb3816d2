"""The main job over the corpus: outputs, re-runs, and never clobbering a user's file."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest

from align.core.errors import OutputExistsError
from align.core.signature import Signature
from align.job.build import build

from conftest import CORPUS

BIBLE = "005_genesis_1-3_cuv__006_genesis_1-3_kjv"


def _jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    exports = tmp_path_factory.mktemp("exports")
    report = build(CORPUS, exports, fast=True)
    return exports, report


def test_every_document_is_segmented(built):
    exports, report = built
    names = sorted(p.name for p in CORPUS.glob("0*.txt"))
    assert sorted(d["file"] for d in report.documents) == names
    for name in names:
        header, *rows = _jsonl(exports / "segmented" / name.replace(".txt", ".jsonl"))
        assert header["format"] == "bitext-sentences" and header["document"] == name
        assert rows and {"id", "start", "end", "text", "key"} <= set(rows[0])
    by_name = {d["file"]: d for d in report.documents}
    assert by_name["003_d1ca78e905d0fb4b.txt"]["script"] == "Hant"


def test_comparable_pairs_are_mined_not_aligned(built):
    exports, report = built
    pairs = {(p["zh"], p["en"]): p for p in report.pairs}
    pair = pairs[("002_692b37b96702f906.txt", "000_0b1bca0a7bab6d19.txt")]
    assert pair["relation"] == "comparable"
    # Mining keeps only the few sentences that correspond, not a full alignment of 62 × 54 sentences.
    assert 0 < pair["beads"] <= 15
    assert (exports / "mined" / "002_692b37b96702f906__000_0b1bca0a7bab6d19.tmx").is_file()
    assert sorted(p.name for p in (exports / "aligned").iterdir()) == [f"{BIBLE}.{ext}" for ext in ("html", "jsonl", "penalty.tmx", "tmx", "xlsx")]


def test_glossary_scan_flags_my_country(built):
    exports, report = built
    texts = json.dumps(report.glossary, ensure_ascii=False).lower()
    assert "my country" in texts
    header, *findings = _jsonl(exports / "glossary" / "scan.jsonl")
    assert header["format"] == "bitext-scan" and header["glossary"]["glossary"] == "industrial_internet.tsv"
    assert findings == json.loads(json.dumps(report.glossary))
    assert json.loads((exports / "report.json").read_text(encoding="utf-8"))["documents"]


def test_term_consistency_counts_only_the_confident_beads(built):
    exports, report = built
    consistency = json.loads((exports / "consistency.json").read_text(encoding="utf-8"))
    assert consistency["summary"]["bitexts"] == len(report.pairs)
    assert consistency["summary"]["min confidence"] == 0.9
    bible = next(p for p in report.pairs if p["relation"] == "translation")
    assert 0 < bible["confident"] < bible["beads"]  # the aligned pair has beads below 0.9: they are not counted
    assert report.consistency["beads"] == sum(p["confident"] for p in report.pairs)
    assert "beads" not in Signature.parse(consistency["signature"])  # a count varies by run: it is in the body
    page = (exports / "consistency.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page and consistency["signature"] in html.unescape(page)


def test_every_output_carries_the_one_signature_of_the_run(built):
    from openpyxl import load_workbook

    from align.formats.tmx import TmxReader

    exports, report = built
    found: dict[str, str] = {}
    for tmx in exports.glob("*/*.tmx"):
        reader = TmxReader(tmx)
        for _ in reader.beads():
            pass
        found[tmx.name] = reader.header_props["x-bitext-signature"]
    for jsonl in [*exports.glob("mined/*.jsonl"), *exports.glob("aligned/*.jsonl")]:
        found[jsonl.name] = str(Signature(_jsonl(jsonl)[0]["signature"]))
    for xlsx in exports.glob("*/*.xlsx"):
        about = {row[0]: row[1] for row in load_workbook(xlsx)["about"].iter_rows(min_row=2, values_only=True)}
        found[xlsx.name] = str(Signature(json.loads(about["signature"])))
    for page in exports.glob("*/*.html"):
        code = re.search(r'<code class="signature">([^<]*)</code>', page.read_text(encoding="utf-8"))
        found[page.name] = html.unescape(code.group(1))
    for name in ("report.json", "consistency.json"):
        found[name] = json.loads((exports / name).read_text(encoding="utf-8"))["signature"]
    for jsonl in [*exports.glob("segmented/*.jsonl"), exports / "glossary" / "scan.jsonl"]:
        found[jsonl.name] = _jsonl(jsonl)[0]["signature"]
    # three pairs (two mined, one aligned) × (TMX, penalty TMX, JSONL, XLSX, HTML), two reports, seven documents, the scan
    assert len(found) == 3 * 5 + 2 + 7 + 1
    assert set(found.values()) == {report.signature}, found
    signature = Signature.parse(report.signature)
    assert signature["mode"] == "fast" and signature["mining-threshold"] == "0.9" and "model" in signature
    assert json.loads((exports / "report.json").read_text(encoding="utf-8"))["settings"]["fast"] is True


def test_rerun_is_safe_but_a_user_edit_is_never_overwritten(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("manifest.csv", "001_c1337831e128b1af.txt", "004_ac438887a82c07fe.txt"):
        shutil.copy(CORPUS / name, corpus / name)
    manifest = (corpus / "manifest.csv").read_text(encoding="utf-8").splitlines()
    kept = [manifest[0]] + [line for line in manifest[1:] if line.startswith(("001_", "004_"))]
    (corpus / "manifest.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    exports = tmp_path / "exports"
    steps = []
    build(corpus, exports, fast=True, progress=lambda stage, done, total: steps.append((stage, done, total)))
    assert steps[:2] == [("reading 001_c1337831e128b1af.txt", 0, 2), ("reading 004_ac438887a82c07fe.txt", 1, 2)]
    build(corpus, exports, fast=True)  # a re-run replaces its own files
    edited = exports / "segmented" / "001_c1337831e128b1af.jsonl"
    edited.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        build(corpus, exports, fast=True)
    assert edited.read_text(encoding="utf-8") == "my notes\n"
    build(corpus, exports, fast=True, force=True)
    assert edited.read_text(encoding="utf-8") != "my notes\n"


def _chapters_with_verses(shared, lang: str, joiner: str) -> tuple[str, list[str | None]]:
    """Genesis 1-3 as the corpus holds it (one paragraph per chapter) and the verse of every character."""
    bible = shared / "benchmarks" / "bible"
    verses = (bible / f"{lang}.verse").read_text(encoding="utf-8").splitlines()
    lines = (bible / lang / "001").read_text(encoding="utf-8").splitlines()
    paragraphs: list[list[tuple[str, str]]] = []
    for verse, line in zip(verses, lines):
        chapter = verse.rsplit(":", 1)[0]
        if chapter not in ("Gen:1", "Gen:2", "Gen:3"):
            continue
        if not paragraphs or paragraphs[-1][0][0].rsplit(":", 1)[0] != chapter:
            paragraphs.append([])
        paragraphs[-1].append((verse, line.strip()))
    text, owner = "", []
    for number, paragraph in enumerate(paragraphs):
        if number:
            text, owner = text + "\n\n", owner + [None, None]
        for position, (verse, line) in enumerate(paragraph):
            if position:
                text, owner = text + joiner, owner + [None] * len(joiner)
            text, owner = text + line, owner + [verse] * len(line)
    return text + "\n", owner + [None]


def test_the_bible_pair_is_aligned_verse_for_verse(built, shared_dir):
    from align import read_document
    from align.formats import read_bitext

    exports, report = built
    zh_text, zh_verse = _chapters_with_verses(shared_dir, "zh", "")
    en_text, en_verse = _chapters_with_verses(shared_dir, "en", " ")
    # the corpus files are the benchmark's chapters, unchanged
    assert (CORPUS / "005_genesis_1-3_cuv.txt").read_text(encoding="utf-8") == zh_text
    assert (CORPUS / "006_genesis_1-3_kjv.txt").read_text(encoding="utf-8") == en_text
    zh_doc = read_document(CORPUS / "005_genesis_1-3_cuv.txt", "zh")
    en_doc = read_document(CORPUS / "006_genesis_1-3_kjv.txt", "en")
    bitext = read_bitext(exports / "aligned" / f"{BIBLE}.jsonl")

    def verses(doc, owner, ids):
        return {owner[k] for i in ids for k in range(doc.sentences[i].start, doc.sentences[i].end)} - {None}

    assert bitext[0].zh_text == "起初神创造天地。" and bitext[0].en_text.startswith("In the beginning God created")
    confident = [b for b in bitext if b.zh_ids and b.en_ids and b.confidence >= 0.9]
    assert len(confident) >= 0.75 * len(bitext)
    # every confident bead pairs sentences of a shared verse (the gold is verse-level)
    wrong = [b for b in confident if not verses(zh_doc, zh_verse, b.zh_ids) & verses(en_doc, en_verse, b.en_ids)]
    assert len(wrong) <= 0.02 * len(confident), wrong
    # every English sentence of the three chapters is in a bead
    assert sorted(i for b in bitext for i in b.en_ids) == list(range(len(en_doc.sentences)))


def test_mined_pairs_in_exports_are_at_or_above_the_threshold(built):
    from align.formats import read_bitext

    exports, report = built
    assert report.settings["mining_threshold"] == 0.9
    mined = [read_bitext(path) for path in sorted((exports / "mined").glob("*.jsonl"))]
    assert mined and all(b.confidence >= 0.9 for bitext in mined for b in bitext)
def test_the_memories_hold_the_safe_beads_and_the_penalty_memory_the_rest(built):
    from align.formats import read_bitext

    exports, _ = built
    memories = sorted(p for p in exports.glob("*/*.tmx") if not p.name.endswith(".penalty.tmx"))
    assert memories
    for memory in memories:
        every = read_bitext(memory.with_suffix(".jsonl"))  # the JSONL keeps every bead
        two_sided = [b for b in every if b.zh_text and b.en_text]
        safe = [b.id for b in two_sided if b.confidence is None or b.confidence >= 0.5]
        below = [b.id for b in two_sided if b.confidence is not None and b.confidence < 0.5]
        assert [b.id for b in read_bitext(memory)] == safe
        assert [b.id for b in read_bitext(memory.with_name(memory.stem + ".penalty.tmx"))] == below
