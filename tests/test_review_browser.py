"""The review page and the editor driven in real headless Chromium (selenium), on a MAC-Dev chapter.

Skipped when Chromium, chromedriver (Debian ``chromium``, ``chromium-driver``) or selenium is missing.
"""

from __future__ import annotations

import json
import shutil

import pytest

from align.core.bitext import Bitext
from align.formats import read_bitext

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver") if BROWSER and DRIVER else None
pytestmark = pytest.mark.skipif(webdriver is None, reason="chromium and chromedriver are not installed")


@pytest.fixture(scope="module")
def chapter(shared_dir) -> Bitext:
    from align import read_document
    from align.aligner import align
    from align.aligner.evaluate import read_align

    base = shared_dir / "benchmarks" / "mac-dev"
    gold = read_align(base / "gold" / "001.align")[:150]
    nz = max(i for s, _ in gold for i in s) + 1
    ne = max(j for _, t in gold for j in t) + 1
    zh = read_document("\n".join((base / "zh" / "001").read_text(encoding="utf-8").splitlines()[:nz]) + "\n", "zh", presplit=True)
    en = read_document("\n".join((base / "en" / "001").read_text(encoding="utf-8").splitlines()[:ne]) + "\n", "en", presplit=True)
    return align(zh, en, fast=True)


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    chrome = webdriver.Chrome(service=Service(DRIVER), options=options)
    chrome.set_script_timeout(30)
    yield chrome
    chrome.quit()


def _rows(browser) -> list[dict]:
    return browser.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#beads tr'), function (tr) {"
        " return {id: tr.querySelector('td.id').firstChild.textContent, cls: tr.className,"
        " conf: tr.querySelector('td.conf').textContent, zh: tr.querySelector('td.zh').textContent,"
        " background: getComputedStyle(tr.querySelector('td.conf')).backgroundColor}; });"
    )


def _settle(browser) -> None:
    browser.execute_async_script("var done = arguments[0]; setTimeout(function () { requestAnimationFrame(function () { done(); }); }, 80);")


def _key(browser, key: str, ctrl: bool = False, settle: bool = True) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    chain = ActionChains(browser)
    if ctrl:
        chain.key_down(Keys.CONTROL).send_keys(key).key_up(Keys.CONTROL).perform()
    else:
        chain.send_keys(key).perform()
    if settle:
        _settle(browser)


def test_static_page_shows_colours_filters_and_sorts(chapter, browser, tmp_path):
    page = tmp_path / "review.html"
    chapter.write(str(page))
    browser.get(page.as_uri())
    _settle(browser)
    rows = _rows(browser)
    assert len(rows) == min(50, len(chapter))
    assert [row["id"] for row in rows] == [bead.id for bead in chapter.beads[: len(rows)]]
    colours = {"high": "rgb(198, 239, 206)", "medium": "rgb(255, 235, 156)", "low": "rgb(255, 199, 206)", "unknown": "rgb(237, 237, 237)"}
    for row in rows:
        assert row["background"] == colours[row["cls"].split()[0]]
    # the threshold filter
    browser.execute_script("var b = document.getElementById('below'); b.value = '0.9'; b.dispatchEvent(new Event('input'));")
    _settle(browser)
    below = [b for b in chapter.beads if b.confidence is not None and b.confidence < 0.9]
    assert browser.find_element("id", "shown").text.startswith(f"{len(below)} of {len(chapter)}")
    assert all(float(row["conf"]) <= 0.9 for row in _rows(browser))  # shown rounded to 2 places
    # a bead-type counter filters; clicking it again shows all
    browser.find_element("id", "clear").click()
    chip = browser.find_element("css selector", '.chip[data-filter="kind"][data-value="1-1"]')
    chip.click()
    _settle(browser)
    ones = sum(1 for b in chapter.beads if b.kind == "1-1")
    assert browser.find_element("id", "shown").text.startswith(f"{ones} of")
    assert "#kind=1-1" in browser.current_url
    chip.click()
    _settle(browser)
    # sort by confidence, lowest first, by clicking the column head
    browser.find_element("id", "sort-conf").click()
    _settle(browser)
    shown = [float(row["conf"]) for row in _rows(browser) if row["conf"] != "—"]
    assert shown == sorted(shown) and shown[0] == round(min(b.confidence for b in chapter.beads if b.confidence is not None), 2)
    # search by a word of the Chinese, and j moves the current bead
    browser.find_element("id", "clear").click()
    word = chapter.beads[5].zh_text[:4]
    search = browser.find_element("id", "search")
    search.send_keys(word)
    _settle(browser)
    assert all(word in row["zh"] for row in _rows(browser)) and _rows(browser)
    browser.execute_script("document.activeElement.blur();")
    browser.find_element("id", "clear").click()
    _key(browser, "j")
    _key(browser, "j")
    assert "current" in _rows(browser)[1]["cls"]


def test_editor_merge_split_undo_save(chapter, browser, tmp_path):
    from align.review.start import open_editor

    source = tmp_path / "chapter.tmx"
    chapter.to_tmx(str(source))
    server = open_editor(source, tmp_path / "fixed.tmx")
    server.start()
    try:
        browser.get(server.url)
        _settle(browser)
        first, second = chapter.beads[0], chapter.beads[1]
        browser.find_elements("css selector", "#beads tr")[0].click()
        _key(browser, "m")
        rows = _rows(browser)
        assert rows[0]["id"] == f"{first.id}+{second.id}" and rows[0]["zh"] == first.zh_text + second.zh_text
        assert rows[0]["conf"] == "—"
        # split it back after the first bead's sentences (the prompt asks how many stay in the first part)
        browser.find_elements("css selector", "#beads tr")[0].click()
        _key(browser, "s", settle=False)
        alert = browser.switch_to.alert
        alert.send_keys(f"{len(first.zh_ids)} {len(first.en_ids)}")
        alert.accept()
        _settle(browser)
        rows = _rows(browser)
        assert [rows[0]["id"], rows[1]["id"]] == [f"{first.id}+{second.id}a", f"{first.id}+{second.id}b"]
        assert rows[0]["zh"] == first.zh_text and rows[1]["zh"] == second.zh_text
        _key(browser, "u")  # undo the split: the merged bead is back
        assert _rows(browser)[0]["id"] == f"{first.id}+{second.id}"
        browser.find_elements("css selector", "#beads tr")[2].click()
        _key(browser, "r")
        assert browser.find_element("css selector", '.chip[data-value="reviewed"]').text == "reviewed: 1"
        _key(browser, "s", ctrl=True)
        assert "saved" in browser.find_element("id", "dirty").text
    finally:
        server.shutdown()
        server.server_close()
    for name in ("fixed.tmx", "fixed.jsonl"):
        back = read_bitext(tmp_path / name)
        assert len(back) == len(chapter) - 1
        assert back[0].id == f"{first.id}+{second.id}" and back[0].zh_ids == first.zh_ids + second.zh_ids
        assert back[2].meta.get("reviewed") == "reviewed"
    log = [json.loads(line)["op"] for line in (tmp_path / "fixed.edits.jsonl").read_text(encoding="utf-8").splitlines()]
    assert log == ["merge", "split", "undo", "mark"]
