"""The README's library example runs as written and aligns a real translation pair of the corpus."""

from __future__ import annotations

import re

from conftest import CORPUS, REPO


def test_the_library_example_aligns_the_bible_pair(tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    library = readme.split("## Library", 1)[1]
    code = re.search(r"```python\n(.*?)```", library, re.S).group(1)
    (tmp_path / "corpus").symlink_to(CORPUS)
    (tmp_path / "exports").mkdir()
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    bt = scope["bt"]
    assert bt.document_score is not None and bt.document_score >= 0.8  # a translation, not two related articles
    confident = [b for b in bt if b.zh_ids and b.en_ids and b.confidence >= 0.9]
    assert len(confident) >= 0.75 * len(bt)
    assert bt[0].zh_text == "起初神创造天地。" and bt[0].en_text.startswith("In the beginning God created the heaven")
    assert list(tmp_path.joinpath("exports").iterdir())  # the TMX it writes
