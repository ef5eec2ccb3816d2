"""Screenshots for the README: the review editor (MAC-Dev chapter 001) and the consistency report (corpus 002/000).

    .venv/bin/python bench/screenshots.py      # writes docs/images/review-editor.png and docs/images/consistency-report.png

Needs Chromium and chromedriver (Debian ``chromium``, ``chromium-driver``), selenium, and a CJK font
(Debian ``fonts-wqy-zenhei`` or ``fonts-noto-cjk``) so the Chinese shows. The chapter is aligned in fast mode.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MAC = ROOT.parent / "shared" / "benchmarks" / "mac-dev"
IMAGES = ROOT / "docs" / "images"


def chapter():
    from align import read_document
    from align.aligner import align

    zh = read_document(MAC / "zh" / "001", "zh", presplit=True)
    en = read_document(MAC / "en" / "001", "en", presplit=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return align(zh, en, fast=True)


def ma_huateng():
    """Ma Huateng's article (corpus/002, Chinese) against the English web rendering of a related one (corpus/000):
    full of glossary terms, rendered in several ways."""
    from align import align, read_document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zh = read_document(ROOT / "corpus" / "002_692b37b96702f906.txt", "zh")
        en = read_document(ROOT / "corpus" / "000_0b1bca0a7bab6d19.txt", "en")
        return align(zh, en, fast=True)


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--hide-scrollbars"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def settle(chrome) -> None:
    chrome.execute_async_script("var done = arguments[0]; setTimeout(function () { requestAnimationFrame(function () { done(); }); }, 150);")


def main() -> None:
    from dataclasses import replace

    from align.review.start import open_editor
    from glossary import consistency, load_default
    from glossary.report_page import write_report_page

    bitext = chapter()
    IMAGES.mkdir(parents=True, exist_ok=True)
    chrome = browser()
    try:
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "chapter-001.jsonl"
            marked = [bead.with_(meta={**bead.meta, "reviewed": "reviewed"}) if k < 3 else bead for k, bead in enumerate(bitext.beads)]
            replace(bitext, beads=marked).to_jsonl(str(source))
            server = open_editor(source, Path(folder) / "fixed.jsonl", termbase=load_default())
            server.start()
            try:
                chrome.get(server.url + "#sort=conf-asc")
                settle(chrome)
                chrome.execute_script("document.querySelector('#beads tr').click();")
                settle(chrome)
                chrome.save_screenshot(str(IMAGES / "review-editor.png"))
            finally:
                server.shutdown()
                server.server_close()
            article = ma_huateng()
            report = consistency([article], load_default()).to_dict()
            page = Path(folder) / "report.html"
            write_report_page(report, page, beads=article.beads, title="Consistency: Ma Huateng, People's Daily 2020 (corpus 002 / 000)")
            chrome.set_window_size(1100, 1500)
            chrome.get(page.as_uri())
            settle(chrome)
            chrome.save_screenshot(str(IMAGES / "consistency-report.png"))
    finally:
        chrome.quit()
    print(f"wrote {IMAGES / 'review-editor.png'} and {IMAGES / 'consistency-report.png'}")


if __name__ == "__main__":
    main()
