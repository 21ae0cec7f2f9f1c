"""moto's server (its own WSGI app and request handler) on connections that stay open between requests.

moto serves through werkzeug's development server, which closes the connection after every answer (werkzeug:
"This disables HTTP/1.1 keep-alive connections"), so each boto3 call opened a new TCP connection and the server
started a new thread for it. Kept open, 2,000 get_item and put_item calls cost 3.3 s of CPU instead of 4.7 s,
and tests/browser/test_application.py (2,958 calls) 3.5 s less of the test process's 24.8 s. What moto answers is
unchanged: its own app and handler build the same environ for each request.

A request whose body comes chunked (no Content-Length) is left to werkzeug's own handling, which closes the
connection after it: the next request cannot be told from the rest of an unread body otherwise.
"""
from __future__ import annotations

import io
import logging
import socket
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.exceptions import InternalServerError
from werkzeug.serving import make_server

log = logging.getLogger(__name__)


class KeepAliveMotoHandler(MotoRequestHandler):
    """One connection, many requests: each answer carries its length and goes out in one write."""

    def setup(self) -> None:
        super().setup()
        # the answer is one write, so Nagle's algorithm would only hold it back for the client's delayed ACK
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def run_wsgi(self) -> None:
        if "Transfer-Encoding" in self.headers:
            self.close_connection = True
            super().run_wsgi()
            return
        if self.headers.get("Expect", "").lower().strip(" \t") == "100-continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.environ = environ = self.make_environ()
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            status, headers, content = self._call(self.server.app, environ)
        except Exception:
            # as werkzeug answers an app that raised: its 500 page, and the connection closed after it
            log.exception("moto failed on %s %s", self.command, self.path)
            status, headers, content = self._call(InternalServerError(), environ)
            headers = [*headers, ("Connection", "close")]
            self.close_connection = True
        self._send(status, headers, content)

    @staticmethod
    def _call(app, environ: dict) -> tuple[str, list, bytes]:
        started: dict = {}

        def start_response(status: str, headers: list, exc_info=None):
            started.update(status=status, headers=headers)
            return lambda data: None
        answer = app(environ, start_response)
        try:
            content = b"".join(answer)
        finally:
            getattr(answer, "close", lambda: None)()
        return started["status"], started["headers"], content

    def _send(self, status: str, headers: list, content: bytes) -> None:
        code, _, message = status.partition(" ")
        self.send_response(int(code), message)
        named = set()
        for key, value in headers:
            self.send_header(key, value)
            named.add(key.lower())
        if "content-length" not in named and int(code) not in (204, 304) and not 100 <= int(code) < 200:
            self.send_header("Content-Length", str(len(content)))
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(content)
        self.flush_headers()


class MotoServer:
    """moto's DomainDispatcherApplication in a daemon thread, as moto's ThreadedMotoServer runs it."""

    def __init__(self, host: str, port: int):
        app = DomainDispatcherApplication(create_backend_app)
        self._server = make_server(host, port, app, threaded=True, request_handler=KeepAliveMotoHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def get_host_and_port(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join()
