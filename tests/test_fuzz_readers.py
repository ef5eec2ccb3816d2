"""Fuzzing every reader: whatever the bytes, a reader returns or raises one of bitext's own errors.

Each reader gets files derived from a valid one of its format (truncated, with bytes
flipped, inserted or deleted, lines shuffled, characters from the format's own syntax
spliced in) and plain random bytes. Any other exception (a KeyError, an IndexError,
lxml's or openpyxl's own errors, a RecursionError...) would reach a user as a
traceback instead of a one-line message with exit code 2, so it fails the test.

The budget is fixed and the search derandomized, so CI runs the same examples every
time (``max_examples`` per reader; a few seconds each).
"""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.core.errors import BitextError
from align.formats import read_bitext, write_bitext
from align.formats.review import import_review
from align.read.intake.encoding import decode_bytes
from align.read.reader import read_document
from glossary.termbase import TermBase

from exports_sample import sample_bitext

BUDGET = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FOLDER = Path(tempfile.mkdtemp(prefix="bitext-fuzz-"))  # one folder for every example (hypothesis and tmp_path disagree)
atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)


def _seed(fmt: str) -> bytes:
    """A valid file of ``fmt`` written by bitext itself."""
    path = FOLDER / f"seed.{fmt}"
    if not path.exists():
        write_bitext(sample_bitext(), path, fmt=fmt)
    return path.read_bytes()


def _glossary_seed(ext: str) -> bytes:
    path = FOLDER / f"glossary-seed.{ext}"
    if not path.exists():
        from glossary import load_default

        small = TermBase(list(load_default())[:6])
        small.write(path)
    return path.read_bytes()


SYNTAX = {
    "tmx": [b"<", b">", b"</tu>", b"<tuv xml:lang=\"zh\">", b"<seg>", b"</seg>", b"&amp;", b"&#0;", b"&#x110000;",
            b"<!DOCTYPE x [<!ENTITY a \"aa\">]>", b"&a;", b"<prop type=\"x-confidence\">", b"nan", b"-1e309", b"\"",
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", b"\x00", b"\xff\xfe", b"<tmx version=\"1.1\">", b"xml:lang",
            b"<header srclang=\"*all*\"/>", b"<body>", b"<ph>", b"<bpt i=\"1\">", b"tuid=\"\""],
    "jsonl": [b"{", b"}", b"[", b"]", b"\"", b":", b",", b"null", b"NaN", b"1e999", b"\"zh_ids\"", b"\"en_ids\"", b"[-1]",
              b"\"confidence\"", b"\"meta\"", b"{}", b"\n", b"\\u0000", b"\\ud800", b"true", b"\"id\": 3"],
    "tsv": [b"\t", b"\n", b"\r", b"\"", b"id", b"zh_ids", b"en_ids", b"confidence", b"-1", b"nan", b"1,2", b",", b"x",
            b"\xef\xbb\xbf", b"=SUM(A1)", b"\x00"],
    "align": [b"[", b"]", b":", b",", b"-1", b"99999999999999999999", b"\n", b"x", b" ", b"[0]:[1]", b"[]:[]", b":0.5"],
    "tbx": [b"<", b">", b"<termEntry>", b"<langSet xml:lang=\"zh\">", b"<tig>", b"<term>", b"</term>", b"&ent;",
            b"<!DOCTYPE martif [<!ENTITY ent SYSTEM \"file:///etc/passwd\">]>", b"<descrip type=\"x\">", b"\x00"],
    "text": [b"\t", b"\n", b"\"", b",", b"zh", b"en", b"#", b"\xef\xbb\xbf", b"\x00", b"\xff"],
}


@st.composite
def mutated(draw, seed: bytes, syntax: list[bytes]) -> bytes:
    """``seed`` changed in a few places: cut, bytes flipped/inserted/deleted, syntax spliced in, lines shuffled."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cut", "flip", "insert", "delete", "splice", "lines"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "cut":
            del data[at:]
        elif kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif kind == "splice":
            data[at:at] = draw(st.sampled_from(syntax))
        elif kind == "lines":
            lines = bytes(data).split(b"\n")
            data = bytearray(b"\n".join(draw(st.permutations(lines))))
    return bytes(data)


def _inputs(seed: bytes, syntax: list[bytes]):
    return st.one_of(mutated(seed, syntax), st.binary(max_size=300),
                     st.lists(st.sampled_from(syntax), max_size=30).map(b"".join))


def _only_our_errors(read, data: bytes, name: str) -> None:
    """Reading ``data`` returns or raises a one-line BitextError; what it returns, bitext's writers can write."""
    import warnings

    from align.core.bitext import Bitext

    path = FOLDER / name
    path.write_bytes(data)
    try:
        result = read(path)
    except BitextError as error:
        message = str(error)
        assert message and "\n" not in message.strip(), f"a multi-line error: {message!r}"
        return
    if isinstance(result, Bitext):  # a reader must not hand on what no writer can write (a lone surrogate...)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a writer's warnings (characters XML forbids, removed) are for users
            for fmt in ("tsv", "tmx", "jsonl"):
                try:
                    write_bitext(result, FOLDER / f"written.{fmt}", fmt=fmt, force=True)
                except BitextError:
                    pass


@pytest.mark.parametrize("fmt", ["tmx", "jsonl", "tsv", "csv", "align"])
def test_bitext_readers_raise_only_bitext_errors(fmt):
    seed = _seed(fmt)
    syntax = SYNTAX["tsv"] if fmt == "csv" else SYNTAX[fmt]

    @BUDGET
    @given(_inputs(seed, syntax))
    def check(data):
        _only_our_errors(lambda path: read_bitext(path, fmt), data, f"fuzz.{fmt}")

    check()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.just("\ud800"),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=6)
HEADER_KEYS = ["format", "signature", "zh_name", "en_name", "zh_lang", "en_lang", "document_score", "details"]
BEAD_KEYS = ["zh", "en", "zh_ids", "en_ids", "confidence", "reasons", "id", "meta"]


@st.composite
def jsonl_rows(draw) -> bytes:
    """Well-formed JSON whose fields hold any JSON value: the reader must check types, not trust them."""
    import json

    rows = []
    if draw(st.booleans()):
        header = draw(st.dictionaries(st.sampled_from(HEADER_KEYS), JSON_VALUES, max_size=5))
        rows.append({**header, "format": "bitext-jsonl"})
    for _ in range(draw(st.integers(1, 3))):
        bead = {"zh": "你好", "en": "Hello"}
        bead.update(draw(st.dictionaries(st.sampled_from(BEAD_KEYS), JSON_VALUES, max_size=4)))
        rows.append(bead)
    return "\n".join(json.dumps(row, ensure_ascii=True) for row in rows).encode()


@st.composite
def table_rows(draw, sep: str) -> bytes:
    """A header the reader knows and cells of any text: ids, confidences and reasons must be checked, not trusted."""
    import csv
    import io

    header = ["id", "zh_ids", "en_ids", "zh", "en", "confidence", "reasons"] + draw(st.lists(st.text(max_size=5), max_size=2))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)
    writer.writerow(header)
    cells = st.text(max_size=10) | st.sampled_from(["-1", "1e999", "nan", "0 1", "1,2", "", "0.5", "inf", "1.5", "9" * 30])
    for _ in range(draw(st.integers(1, 3))):
        writer.writerow(draw(st.lists(cells, min_size=len(header), max_size=len(header))))
    return out.getvalue().encode("utf-8", errors="surrogatepass")


def test_jsonl_fields_of_any_type_raise_only_bitext_errors():
    @BUDGET
    @given(jsonl_rows())
    def check(data):
        _only_our_errors(lambda path: read_bitext(path, "jsonl"), data, "typed.jsonl")

    check()


@pytest.mark.parametrize("fmt, sep", [("tsv", "\t"), ("csv", ",")])
def test_table_cells_of_any_text_raise_only_bitext_errors(fmt, sep):
    @BUDGET
    @given(table_rows(sep))
    def check(data):
        _only_our_errors(lambda path: read_bitext(path, fmt), data, f"typed.{fmt}")

    check()


def test_moses_reader_raises_only_bitext_errors():
    @BUDGET
    @given(st.binary(max_size=200), st.binary(max_size=200))
    def check(zh, en):
        (FOLDER / "moses.en").write_bytes(en)
        _only_our_errors(lambda path: read_bitext(path, "moses"), zh, "moses.zh")

    check()


def _zip_mutations(seed: bytes):
    """An XLSX is a zip of XML parts: mutate one part's XML, or the zip's bytes."""
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    names = sorted(parts)

    @st.composite
    def one_part(draw):
        victim = draw(st.sampled_from(names))
        changed = draw(mutated(parts[victim], SYNTAX["tmx"]))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for name in names:
                out.writestr(name, changed if name == victim else parts[name])
        return buffer.getvalue()

    return st.one_of(one_part(), mutated(seed, [b"PK\x03\x04", b"\x00" * 8]))


def test_xlsx_reader_and_review_import_raise_only_bitext_errors():
    seed = _seed("xlsx")

    @BUDGET
    @given(_zip_mutations(seed))
    def check(data):
        _only_our_errors(lambda path: read_bitext(path, "xlsx"), data, "fuzz.xlsx")
        out = FOLDER / "imported.jsonl"
        out.unlink(missing_ok=True)
        _only_our_errors(lambda path: import_review(path, out), data, "fuzz-review.xlsx")

    check()


@pytest.mark.parametrize("ext", ["tbx", "tsv", "csv"])
def test_glossary_readers_raise_only_bitext_errors(ext):
    seed = _glossary_seed(ext)
    syntax = SYNTAX["tbx"] if ext == "tbx" else SYNTAX["text"]

    @BUDGET
    @given(_inputs(seed, syntax))
    def check(data):
        _only_our_errors(TermBase.read, data, f"fuzz-glossary.{ext}")

    check()


def test_glossary_xlsx_reader_raises_only_bitext_errors():
    seed = _glossary_seed("xlsx")

    @BUDGET
    @given(_zip_mutations(seed))
    def check(data):
        _only_our_errors(TermBase.read, data, "fuzz-glossary.xlsx")

    check()


TEXT_SEEDS = ["工业互联网是新一代信息技术与制造业深度融合的产物。\n\n第二段。", "The industrial Internet.\n\nA second paragraph.",
              "<html><body><p>第一段。</p><p>第二段。</p></body></html>"]


@st.composite
def document_bytes(draw) -> bytes:
    text = draw(st.sampled_from(TEXT_SEEDS))
    encoding = draw(st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "gb18030", "big5", "utf-8-sig", "utf-16"]))
    data = text.encode(encoding, errors="ignore")
    return draw(st.one_of(st.just(data), mutated(data, SYNTAX["text"] + [b"<p>", b"</", b"<!--", b"<script>"])))


def test_intake_of_bytes_raises_only_bitext_errors():
    @BUDGET
    @given(st.one_of(document_bytes(), st.binary(max_size=400)), st.sampled_from([None, "zh", "en"]),
           st.booleans())
    def check(data, lang, presplit):
        try:
            text, _ = decode_bytes(data, "fuzz")
            assert isinstance(text, str)
        except BitextError:
            pass
        try:
            doc = read_document(data, lang, presplit=presplit, name="fuzz.txt")
            assert all(doc.original[s.start:s.end] for s in doc.sentences if s.text)
        except BitextError as error:
            assert "\n" not in str(error).strip()

    check()


@pytest.mark.parametrize("name, data, words", [
    ("deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested too deeply"),
    ("list.jsonl", b'{"zh": ["a"], "en": "b"}\n', '"zh" must be a string'),
    ("surrogate.jsonl", b'{"zh": "\\ud800", "en": "b"}\n', "lone surrogate"),
    ("reasons.jsonl", b'{"zh": "a", "en": "b", "reasons": 5}\n', '"reasons" must be a list'),
    ("meta.jsonl", b'{"zh": "a", "en": "b", "meta": [1, 2]}\n', '"meta" must be an object'),
    ("score.jsonl", b'{"format": "bitext-jsonl", "document_score": "high"}\n{"zh": "a", "en": "b"}\n', "must be a number"),
    ("lang.jsonl", b'{"format": "bitext-jsonl", "zh_lang": "\\udc00"}\n{"zh": "a", "en": "b"}\n', "lone surrogate"),
])
def test_what_fuzzing_found_in_jsonl_is_a_clear_error(name, data, words):
    from align.core.errors import InputError

    (FOLDER / name).write_bytes(data)
    with pytest.raises(InputError, match=words):
        read_bitext(FOLDER / name)
