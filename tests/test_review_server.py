"""The editor's server, with real HTTP requests on 127.0.0.1: token, Host and Origin checks, edits, save."""

from __future__ import annotations

import http.client
import json
import re

import pytest

from align.core.bitext import Bead, Bitext
from align.core.errors import UsageError
from align.formats import read_bitext
from align.review.start import open_editor


@pytest.fixture
def server(tmp_path):
    beads = [
        Bead((0,), (0,), "第一句。", "First.", 0.9, (), "1"),
        Bead((1, 2), (1, 2), "第二句。第三句！", "Second one. Third one!", 0.5, (), "2"),
        Bead((3,), (3,), "产业互联网。", "The <industrial> Internet.", 0.2, (), "3"),
    ]
    Bitext(beads, zh_name="a.zh").to_jsonl(str(tmp_path / "in.jsonl"))  # every bead, the 0.2 one too (a TMX would leave it out)
    running = open_editor(tmp_path / "in.jsonl", tmp_path / "fixed.tmx")
    running.start()
    yield running
    running.shutdown()
    running.server_close()


def _request(server, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    base = {"Host": f"127.0.0.1:{server.port}", "Content-Type": "application/json"}
    connection.request(method, path, body=None if body is None else json.dumps(body), headers={**base, **(headers or {})})
    response = connection.getresponse()
    data = response.read().decode("utf-8")
    connection.close()
    return response.status, data


def _post(server, path, body=None, **headers):
    status, data = _request(server, "POST", path, body or {}, {"X-Bitext-Token": server.token,
                                                               "Origin": f"http://127.0.0.1:{server.port}", **headers})
    return status, json.loads(data)


def test_the_page_needs_the_token_and_carries_it(server):
    status, _ = _request(server, "GET", "/")
    assert status == 403
    status, page = _request(server, "GET", f"/?token={server.token}")
    assert status == 200
    config = json.loads(re.search(r'id="bitext-config">(.*?)</script>', page).group(1))
    assert config == {"mode": "edit", "token": server.token, "version": 0}
    assert 'data-action="merge"' in page and "&lt;industrial&gt;" not in page  # texts only in the JSON blob
    status, _ = _request(server, "GET", f"/?token={server.token}", headers={"Host": "evil.example:80"})
    assert status == 403


def test_writes_without_the_token_or_from_another_origin_are_refused_and_change_nothing(server):
    edit = {"op": "merge", "index": 0}
    assert _post(server, "/api/edit", edit, **{"X-Bitext-Token": "guess"})[0] == 403
    assert _post(server, "/api/edit", edit, Origin="http://evil.example")[0] == 403
    assert _post(server, "/api/edit", edit, Origin="null")[0] == 403
    assert _post(server, "/api/edit", edit, **{"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert _post(server, "/api/save", {}, Host="attacker.example")[0] == 403
    assert [b.id for b in server.session.beads] == ["1", "2", "3"] and server.session.version == 0
    assert not (server.session.output).exists()


def test_merge_split_undo_save_round_trip_through_the_files(server, tmp_path):
    status, answer = _post(server, "/api/edit", {"op": "merge", "index": 0, "version": 0})
    assert status == 200 and answer["start"] == 0 and answer["remove"] == 2 and answer["rows"][0]["id"] == "1+2"
    assert answer["rows"][0]["zh"] == "第一句。第二句。第三句！" and answer["rows"][0]["conf"] is None
    status, answer = _post(server, "/api/edit", {"op": "split", "index": 0, "zh": 2, "en": 2, "version": 1})
    assert status == 200 and [row["id"] for row in answer["rows"]] == ["1+2a", "1+2b"]
    assert _post(server, "/api/undo", {"version": 2})[0] == 200
    status, answer = _post(server, "/api/edit", {"op": "mark", "index": 1, "value": "reviewed", "version": 3})
    assert status == 200
    # an edit sent from a stale page is refused, not applied on top
    status, answer = _post(server, "/api/edit", {"op": "merge", "index": 0, "version": 1})
    assert status == 409 and "reload" in answer["error"]
    status, answer = _post(server, "/api/edit", {"op": "merge", "index": 1, "version": 4})
    assert status == 400 and "last one" in answer["error"]
    status, answer = _post(server, "/api/save")
    assert status == 200 and answer["edits"] == 4
    for name in ("fixed.tmx", "fixed.jsonl"):
        back = read_bitext(tmp_path / name)
        assert [b.id for b in back] == ["1+2", "3"]
        assert back[0].zh_text == "第一句。第二句。第三句！" and back[0].en_text == "First. Second one. Third one!"
        assert back[1].meta["reviewed"] == "reviewed" and back[0].meta["edited"] == "merge"
    assert '<prop type="x-reviewed">reviewed</prop>' in (tmp_path / "fixed.tmx").read_text(encoding="utf-8")
    log = [json.loads(line)["op"] for line in (tmp_path / "fixed.edits.jsonl").read_text(encoding="utf-8").splitlines()]
    assert log == ["merge", "split", "undo", "mark"]


def test_a_port_in_use_is_a_clear_error(server, tmp_path):
    with pytest.raises(UsageError, match=f"cannot listen on 127.0.0.1:{server.port}"):
        open_editor(tmp_path / "in.jsonl", tmp_path / "other.tmx", port=server.port)


def test_the_input_is_never_the_output(tmp_path):
    Bitext([Bead((0,), (0,), "一。", "One.", None, (), "1")]).to_jsonl(str(tmp_path / "x.jsonl"))
    with pytest.raises(UsageError, match="is the input"):
        open_editor(tmp_path / "x.jsonl", tmp_path / "x.jsonl", force=True)
