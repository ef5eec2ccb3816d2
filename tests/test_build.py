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
    assert not (exports / "aligned").exists()


def test_glossary_scan_flags_my_country(built):
    exports, report = built
    texts = json.dumps(report.glossary, ensure_ascii=False).lower()
    assert "my country" in texts
    header, *findings = _jsonl(exports / "glossary" / "scan.jsonl")
    assert header["format"] == "bitext-scan" and header["glossary"]["glossary"] == "industrial_internet.tsv"
    assert findings == json.loads(json.dumps(report.glossary))
    assert json.loads((exports / "report.json").read_text(encoding="utf-8"))["documents"]


def test_term_consistency_is_scored_over_the_mined_pairs(built):
    exports, report = built
    consistency = json.loads((exports / "consistency.json").read_text(encoding="utf-8"))
    assert consistency["summary"]["bitexts"] == len(report.pairs)
    assert report.consistency["beads"] == sum(p["beads"] for p in report.pairs)
    assert "beads" not in Signature.parse(consistency["signature"])  # a count varies by run: it is in the body


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
    for jsonl in exports.glob("mined/*.jsonl"):
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
    assert len(found) == 2 * 5 + 2 + 5 + 1  # two mined pairs × (TMX, penalty TMX, JSONL, XLSX, HTML)
    assert set(found.values()) == {report.signature}, found
    signature = Signature.parse(report.signature)
    assert signature["mode"] == "fast" and signature["mining-threshold"] == "0.5" and "model" in signature
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
