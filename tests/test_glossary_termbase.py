
import pytest

from align.core.errors import InputError, OutputExistsError, UsageError
from glossary import Concept, TermBase, load_default


def small() -> TermBase:
    return TermBase(
        [
            Concept(zh="产业互联网", en="industrial Internet", note="not 工业互联网", origin="seed 000", pos="noun", domain="ii"),
            Concept(zh="新型基础设施 | 新基建", en="new infrastructure", variants="new-type infrastructure"),
            Concept(zh="我国", en="China", forbidden="my country | our country", case="exact"),
            Concept(zh="工信部", en="Ministry of Industry and Information Technology (MIIT) | MIIT", traditional="工信部"),
        ],
        name="small",
    )


@pytest.mark.parametrize("suffix", [".tsv", ".csv", ".xlsx", ".tbx"])
def test_every_format_round_trips(tmp_path, suffix):
    original = small()
    path = tmp_path / f"terms{suffix}"
    original.write(path)
    again = TermBase.read(path)
    assert again.concepts == original.concepts


@pytest.mark.parametrize("suffix", [".tsv", ".csv", ".xlsx", ".tbx"])
def test_the_shipped_glossary_round_trips(tmp_path, suffix):
    shipped = load_default()
    path = tmp_path / f"shipped{suffix}"
    shipped.write(path)
    assert TermBase.read(path).concepts == shipped.concepts


def test_shipped_glossary_has_the_issue_examples_with_origins():
    tb = load_default()
    assert len(tb) >= 40
    assert all(c.origin for c in tb)
    assert tb.find("产业互联网")[0].en[0] == "industrial Internet"
    industrial = tb.find("工业互联网")[0]
    assert industrial.en[0] == "Industrial Internet" and "产业互联网" in industrial.note
    assert tb.find("新基建")[0].en[0] == "new infrastructure"
    assert "my country" in tb.find("我国")[0].forbidden
    assert tb.find("數據要素")[0].en[0] == "data as a factor of production"  # traditional lookup
    assert tb.find("工信部")[0].en[0] == "Ministry of Industry and Information Technology (MIIT)"


def test_tsv_is_omegat_compatible(tmp_path):
    path = tmp_path / "terms.tsv"
    small().write(path)
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    # OmegaT reads source, target, comment; a second Chinese form gets its own row
    assert rows[0][:3] == ["产业互联网", "industrial Internet", "not 工业互联网"]
    assert ["新基建", "new infrastructure"] == rows[2][:2]


def test_a_plain_omegat_glossary_reads_and_merges_synonyms(tmp_path):
    path = tmp_path / "omegat.txt"
    path.write_text("# my glossary\n产业互联网\tindustrial Internet\tTencent's term\n数字经济\tdigital economy\n数字经济\tdigitized economy\n", encoding="utf-8")
    tb = TermBase.read(path)
    assert len(tb) == 2
    assert tb[1].en == ("digital economy", "digitized economy")
    assert tb[0].note == "Tencent's term"
    assert tb[0].case == "exact"  # "Internet" has a capital: auto case rule


def test_traditional_forms_are_derived():
    assert Concept(zh="产业互联网", en="industrial Internet").traditional_forms == ("產業互聯網",)


def test_writing_never_overwrites_without_force(tmp_path):
    path = tmp_path / "terms.tbx"
    small().write(path)
    with pytest.raises(OutputExistsError):
        small().write(path)
    small().write(path, force=True)


def test_add_and_remove():
    tb = small()
    added = tb.add(Concept(zh="数字经济", en="digital economy"))
    assert added.id and tb.find("digital economy") == [added]
    with pytest.raises(UsageError):
        tb.add(Concept(zh="数字经济", en="digitized economy"))
    tb.add(Concept(zh="数字经济", en="digitized economy"), replace_existing=True)
    assert tb.find("数字经济")[0].en == ("digitized economy",)
    assert [c.en[0] for c in tb.remove("我国")] == ["China"]
    with pytest.raises(UsageError):
        tb.remove("我国")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.csv", "zh,note\n产业互联网,x\n", "missing column en"),
        ("onecolumn.tsv", "产业互联网\n", "line 1"),
        ("emptytarget.csv", "zh,en\n产业互联网,\n", "row 2"),
        ("bad.tbx", "<martif><text><body><termEntry>", "not well-formed"),
        ("notbx.tbx", "<html><body/></html>", "not a TBX file"),
        ("noterm.tbx", '<martif type="TBX-Basic"><text><body><termEntry id="x"><langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>', "no Chinese term"),
        ("empty.tsv", "", "empty"),
        ("comments.tsv", "# nothing\n", "no glossary entries"),
        ("bad.xlsx", "this is not a zip", "not a readable XLSX"),
    ],
)
def test_malformed_files_give_one_clear_input_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        TermBase.read(path)


def test_tbx_entities_are_not_expanded_and_nothing_external_is_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "evil.tbx"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<martif type="TBX-Basic"><text><body><termEntry id="e1">'
        '<langSet xml:lang="zh"><tig><term>我国</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>China&x;&b;</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    tb = TermBase.read(path)
    assert "SECRET" not in tb[0].en[0]
    assert "aaaaaaaaaa" not in tb[0].en[0]


def test_unknown_extension_is_a_usage_error(tmp_path):
    path = tmp_path / "terms.docx"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError):
        TermBase.read(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        TermBase.read(tmp_path / "nope.tsv")
