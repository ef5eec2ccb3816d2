"""HTML pages: deep nesting read without loss, the page's own boilerplate recorded, shared site text not aligned as a translation."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from align import align, read_document
from align.aligner.same_text import NOT_A_TRANSLATION, untranslated_reason
from align.cli import app
from align.core.errors import InputError
from align.read.intake.html import read_html

runner = CliRunner()

ARTICLE = {
    "zh": ("绿色工厂建设指南", "2023年5月7日", [
        "绿色工厂是实现制造业高质量发展的重要载体。我们在过去三年中对十二条生产线进行了节能改造。",
        "改造后，单位产品能耗下降了百分之十八，每年减少二氧化碳排放约两万吨。",
        "下一步，公司将在全部工厂推广光伏发电和余热回收。",
    ], ("相关阅读", "智能制造白皮书", "工业互联网平台案例")),
    "en": ("A Guide to Building Green Factories", "7 May 2023", [
        "Green factories are an important vehicle for the high-quality development of manufacturing. "
        "Over the past three years we have retrofitted twelve production lines to save energy.",
        "After the retrofit, energy consumption per unit of product fell by 18 percent, cutting carbon dioxide "
        "emissions by about 20,000 tonnes a year.",
        "Next, the company will roll out solar power and waste-heat recovery in all its factories.",
    ], ("Related reading", "White paper on smart manufacturing", "Industrial Internet platform cases")),
}
MENU = ("Home", "Products", "About Us", "Contact")


def page(lang: str, semantic: bool = True) -> str:
    """A company news page as sites write them: the same English menu and copyright on the Chinese and English page."""
    title, date, paragraphs, related = ARTICLE[lang]
    tag = (lambda name: name) if semantic else (lambda name: "div")
    menu = "".join(f'<li><a href="/{item.lower()}">{item}</a></li>' for item in MENU)
    links = "".join(f'<li><a href="/r{n}">{item}</a></li>' for n, item in enumerate(related[1:]))
    body = "".join(f"<p>{text}</p>" for text in paragraphs[:2])
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>
<{tag("header")} class="site"><a href="/">Example Industrial Co., Ltd.</a>
<{tag("nav")}><ul>{menu}</ul></{tag("nav")}></{tag("header")}>
<main><article>
<header><h1>{title}</h1><p class="byline">{date}</p></header>
{body}
<{tag("aside")}><h2>{related[0]}</h2><ul>{links}</ul></{tag("aside")}>
<p>{paragraphs[2]}</p>
</article></main>
<{tag("footer")}><p>Copyright © 2024 Example Industrial Co., Ltd. All rights reserved.</p>
<p>Privacy Policy | Terms of Use | Sitemap</p></{tag("footer")}>
</body></html>
"""


@pytest.mark.parametrize("depth", [254, 255, 256, 300, 2000, 5000])
def test_deeply_nested_html_is_read_without_losing_a_paragraph(depth):
    nested = "<div>" * depth + "<p>Deep <b>paragraph</b>.</p><p>The next one &amp; more.</p>" + "</div>" * depth
    text, _ = read_html(f"<html><body><p>First.</p>{nested}<p>Last.</p></body></html>")
    assert text.split("\n\n") == ["First.", "Deep paragraph.", "The next one & more.", "Last.\n"]


def test_past_the_parser_depth_scripts_stay_out_and_blocks_stay_paragraphs(tmp_path):
    nested = "<div><span>" * 3000 + "<script>var x = '<p>not text</p>';</script><p>Deep paragraph.</p>" + "</span></div>" * 3000
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body><nav>首页</nav><p>First.</p>{nested}<p>Last.</p></body></html>", encoding="utf-8")
    doc = read_document(path, "en")
    assert doc.texts() == ["First.", "Deep paragraph.", "Last."]
    assert [(r.rule, r.text) for r in doc.removals] == [("html-nav", "首页")]
    result = runner.invoke(app, ["info", str(path), "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["sentences"] == 3


def test_html_the_parser_cannot_read_whole_is_refused_not_truncated(tmp_path, monkeypatch):
    import align.read.intake.html as intake

    monkeypatch.setattr(intake, "MAX_DEPTH", 10_000)  # a flattening that is not shallow enough: libxml2 still gives up
    nested = "<div>" * 5000 + "<p>Deep paragraph.</p>" + "</div>" * 5000
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body><p>First paragraph of the page.</p>{nested}</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="without losing text"):
        read_document(path)
    result = runner.invoke(app, ["info", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "without losing text" in " ".join(result.output.split())


def test_a_text_node_over_10_mb_is_read_whole():
    big = "Word " * (2_200_000)  # 11 MB: libxml2 drops it without its "huge" option
    text, _ = read_html(f"<html><body><p>{big}</p><p>After it.</p></body></html>")
    assert text.endswith("\n\nAfter it.\n") and len(text) > 10_000_000


def test_nav_header_footer_aside_are_recorded_removals_and_the_article_is_kept(tmp_path):
    path = tmp_path / "news.zh.html"
    path.write_text(page("zh"), encoding="utf-8")
    doc = read_document(path, "zh")
    removed = {(r.rule, r.text) for r in doc.removals}
    assert {("html-header", "Example Industrial Co., Ltd."), ("html-header", "Home"), ("html-aside", "相关阅读"),
            ("html-aside", "智能制造白皮书"), ("html-footer", "Privacy Policy | Terms of Use | Sitemap")} <= removed
    kept = doc.texts()
    assert kept[0] == "绿色工厂建设指南" and "2023年5月7日" in kept  # the article's own <header> stays
    assert kept[-1] == "下一步，公司将在全部工厂推广光伏发电和余热回收。"  # the paragraph after the <aside> too
    assert not any(item in text for text in kept for item in [*MENU, "Copyright", "白皮书"])
    assert kept.count("绿色工厂建设指南") == 1  # <title> and <h1> say the same: one paragraph
    # bitext clean lists them; --keep-all keeps them
    rows = [json.loads(line) for line in runner.invoke(app, ["clean", str(path), "--json"]).output.splitlines()]
    assert {"html-nav", "html-header", "html-aside", "html-footer"} & {row["rule"] for row in rows} == {"html-header", "html-aside", "html-footer"}
    assert all(row["rule"] != "html-nav" for row in rows)  # the <nav> lies in the page's <header>: marked with it
    assert "Home" in read_document(path, "zh", clean=False).texts()


def test_a_nav_of_its_own_is_recorded_as_nav():
    text, removals = read_html("<html><body><nav><a href='/'>首页</a> <a href='/n'>新闻</a></nav><p>正文第一段。</p></body></html>")
    assert [(r.rule, r.text) for r in removals] == [("html-nav", "首页 新闻")]
    assert text[removals[0].start : removals[0].end] == "首页 新闻"


def test_identical_site_text_on_both_pages_is_not_aligned_as_a_translation(tmp_path):
    # the same pages built with <div>s only: nothing in the markup says what is boilerplate
    (tmp_path / "zh.html").write_text(page("zh", semantic=False), encoding="utf-8")
    (tmp_path / "en.html").write_text(page("en", semantic=False), encoding="utf-8")
    bitext = align(read_document(tmp_path / "zh.html"), read_document(tmp_path / "en.html"), fast=True)
    shared = [b for b in bitext if b.zh_text in ("Example Industrial Co., Ltd.", *MENU, "Privacy Policy | Terms of Use | Sitemap")]
    assert len(shared) >= 5
    for bead in shared:
        assert bead.zh_text == bead.en_text and bead.reasons[0] == "same-text" and bead.confidence <= NOT_A_TRANSLATION
    translated = next(b for b in bitext if b.zh_text.startswith("绿色工厂是实现"))
    assert translated.en_text.startswith("Green factories") and translated.confidence >= 0.9
    # the article's last paragraph, after the "related reading" list, is aligned, not cleaned away
    assert any(b.zh_text.startswith("下一步") and b.en_text.startswith("Next, the company") for b in bitext)


def test_mining_leaves_out_text_both_pages_share(tmp_path):
    from align.aligner.mining import mine

    (tmp_path / "zh.html").write_text(page("zh", semantic=False), encoding="utf-8")
    (tmp_path / "en.html").write_text(page("en", semantic=False), encoding="utf-8")
    mined = mine(read_document(tmp_path / "zh.html"), read_document(tmp_path / "en.html"), threshold=0.0, fast=True)
    assert mined.beads and all(b.zh_text != b.en_text and not set(b.reasons) & {"same-text", "same-language"} for b in mined)


@pytest.mark.parametrize("zh, en, reason", [
    ("About Us", "About us", "same-text"),
    ("Copyright © 2024 Example Co.", "COPYRIGHT © 2024 EXAMPLE CO", "same-text"),
    ("首页", "首页", "same-text"),  # Chinese left on the English page
    ("Home | Products", "Home | Our products", "same-language"),
    ("2024", "2024", None),  # numbers are written alike in both languages
    ("3.5%", "3.5%", None),
    ("iPhone 15 发布", "iPhone 15 launched", None),
    ("绿色工厂", "Green factories", None),
])
def test_which_beads_are_marked_as_not_translations(zh, en, reason):
    assert untranslated_reason(zh, en) == reason
