"""The editor's web server: the review page and its edit calls, on 127.0.0.1 only (standard library http.server).

``GET /?token=T`` serves the page (the token is printed by ``bitext review --serve``,
so another user of the machine cannot open the page); ``POST /api/edit``,
``/api/undo``, ``/api/redo``, ``/api/save`` change the session. Every request
must name this server in ``Host`` (so a DNS-rebinding page cannot reach it); every
write must carry the session token in ``X-Bitext-Token`` and, when the browser
sends an ``Origin``, come from this server's own origin. Answers are JSON:
``{"error": ...}`` with 400/403/409 when refused.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from align.core.errors import InputError, UsageError
from align.formats.html import page_row, render_html
from align.review.session import ReviewSession, StaleVersion

MAX_BODY = 1 << 20
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
}


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, session: ReviewSession, port: int = 0, bands: tuple[float, float] = (0.5, 0.9), title: str | None = None):
        self.session = session
        self.bands = bands
        self.title = title
        self.token = secrets.token_urlsafe(24)
        try:
            super().__init__(("127.0.0.1", port), _Handler)
        except OSError as error:
            raise UsageError(f"cannot listen on 127.0.0.1:{port}: {error.strerror or error} (give another --port, or none for a free one)") from None
        self.port = self.server_address[1]
        self.hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def page(self) -> str:
        session = self.session
        bitext = session.current()
        findings = [{**f, "bead": bead.id or str(n)} for n, bead in enumerate(bitext.beads, 1) for f in session.findings(bead, n)]
        return render_html(bitext, title=self.title, bands=self.bands, findings=findings,
                           editor={"token": self.token, "version": session.version})

    def rows(self, answer: dict[str, Any]) -> dict[str, Any]:
        beads = answer.pop("beads", None)
        if beads is not None:
            start = answer["start"]
            answer["rows"] = [
                page_row(bead, start + k + 1, self.bands, {bead.id or str(start + k + 1): self.session.findings(bead, start + k + 1)})
                for k, bead in enumerate(beads)
            ]
        return answer

    def start(self) -> threading.Thread:
        """Serve in a background thread (tests, and the CLI while it waits for Ctrl-C)."""
        thread = threading.Thread(target=self.serve_forever, name="bitext-review", daemon=True)
        thread.start()
        return thread


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "bitext-review"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002  (the base class's name) — quiet: the CLI prints what matters
        pass

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value: dict[str, Any]) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _refuse(self, status: int, message: str) -> None:
        self._json(status, {"error": message})

    def _host_ok(self) -> bool:
        if self.headers.get("Host", "") not in self.server.hosts:
            self._refuse(HTTPStatus.FORBIDDEN, "wrong Host: the editor answers only on 127.0.0.1")
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802  (http.server's naming)
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path != "/":
            self._refuse(HTTPStatus.NOT_FOUND, "not found")
            return
        token = parse_qs(url.query).get("token", [""])[0]
        if not hmac.compare_digest(token, self.server.token):
            self._refuse(HTTPStatus.FORBIDDEN, "open the address bitext review printed (it carries the session token)")
            return
        self._send(HTTPStatus.OK, self.server.page().encode("utf-8"), "text/html; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins:
            self._refuse(HTTPStatus.FORBIDDEN, f"refused a write from origin {origin}")
            return
        if self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            self._refuse(HTTPStatus.FORBIDDEN, "refused a cross-site write")
            return
        if not hmac.compare_digest(self.headers.get("X-Bitext-Token", ""), self.server.token):
            self._refuse(HTTPStatus.FORBIDDEN, "missing or wrong session token")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
            return
        try:
            payload = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(payload, dict):
                raise ValueError("not an object")
        except ValueError:
            self._refuse(HTTPStatus.BAD_REQUEST, "the request body is not a JSON object")
            return
        session, version = self.server.session, payload.get("version")
        actions = {
            "/api/edit": lambda: session.apply(payload, version),
            "/api/undo": lambda: session.undo(version),
            "/api/redo": lambda: session.redo(version),
            "/api/save": session.save,
        }
        action = actions.get(urlsplit(self.path).path)
        if action is None:
            self._refuse(HTTPStatus.NOT_FOUND, "not found")
            return
        try:
            answer = action()
        except StaleVersion as error:
            self._refuse(HTTPStatus.CONFLICT, str(error))
            return
        except InputError as error:
            self._refuse(HTTPStatus.BAD_REQUEST, str(error))
            return
        self._json(HTTPStatus.OK, self.server.rows(answer))
