"""One origin for the browser, as CloudFront gives on AWS: /api/* to the functions, everything else to the site.

Each API request becomes the API Gateway event the template's routes would produce and goes through the
function's real Lambda handler (Mangum), in a worker thread as Lambda would run it.
"""
from __future__ import annotations

import asyncio
import contextvars
import importlib
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles

from . import template as tpl
from .lambda_event import MAX_EVENT_BYTES, build_event, event_size, origin_header, response_parts
from .security_headers import SECURITY_HEADERS, security_headers

_thread_state = threading.local()


# The logical id of the function whose handler is running (as a Lambda's role is its own): the tests' AWS call
# recorder (tests/support/aws_calls.py) reads it to check each call against that function's policies.
CURRENT_FUNCTION: contextvars.ContextVar[str | None] = contextvars.ContextVar("biye_function", default=None)


def init_worker() -> None:
    # Mangum drives the ASGI app with the thread's own event loop, as in a Lambda container.
    asyncio.set_event_loop(asyncio.new_event_loop())


class _LambdaContext:
    function_name, memory_limit_in_mb, aws_request_id = "local", 1024, "local"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def _load_handler(dotted: str):
    module, _, attribute = dotted.rpartition(".")
    return getattr(importlib.import_module(module), attribute)


async def _send_json(send, status: int, body: dict) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8")] + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": payload})


async def _send_html(send, status: int, html: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8")]})
    await send({"type": "http.response.body", "body": html.encode("utf-8")})


async def _send_text(send, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": text.encode("utf-8")})


# What S3 says of a file that a browser needs (CloudFront passes these on too).
_FILE_HEADERS = ("content-type", "content-length", "content-disposition", "cache-control", "etag", "last-modified",
                 "accept-ranges")


class LocalRouter:
    def __init__(self, site_dir: Path, sam: dict | None = None, workers: int = 16):
        self.routes = tpl.http_routes(sam or tpl.read_sam())
        self.handlers: dict[str, object] = {}
        self._origin: tuple[str, str] | None = None
        self.pool = ThreadPoolExecutor(max_workers=workers, initializer=init_worker, thread_name_prefix="lambda")
        # As S3 behind CloudFront's origin access identity serves it: the object a path names, "/" as the default
        # root object, and nothing else (no folder index, no rewriting: China has no CloudFront Functions).
        self.site_dir = site_dir
        self.site = StaticFiles(directory=str(site_dir), html=False, check_dir=False)
        # Pages may send uploads to the S3 endpoint the functions presign for.
        self.s3_endpoint = os.environ.get("AWS_ENDPOINT_URL", "").rstrip("/")
        self.site_headers = security_headers(self.s3_endpoint)
        # Download links name the bucket first (moto is addressed by path): those paths go on to S3, as CloudFront's
        # file behaviours send theirs to each bucket on AWS.
        buckets = (os.environ.get("BIYE_UPLOADS_BUCKET"), os.environ.get("BIYE_FORMS_BUCKET"))
        self.file_paths = tuple(f"/{name}/" for name in buckets if name)
        self._s3_http: httpx.AsyncClient | None = None

    def origin_header(self) -> tuple[str, str] | None:
        """The secret header CloudFront adds to API requests (common/origin.py), read once from the stack's SSM."""
        if self._origin is None:
            self._origin = origin_header()
        return self._origin

    def handler(self, route: tpl.Route):
        if route.handler not in self.handlers:  # imported on first use: a cold start, once per "container"
            self.handlers[route.handler] = _load_handler(route.handler)
        return self.handlers[route.handler]

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            message = await receive()
            await send({"type": f"{message['type']}.complete"})
            return
        if scope["type"] != "http":
            return
        path = scope["path"]
        if path == "/api" or path.startswith("/api/"):
            await self._api(scope, receive, send)
        elif self.s3_endpoint and path.startswith(self.file_paths):
            await self._file(scope, send)
        else:
            await self._site(scope, receive, send)

    async def _site(self, scope, receive, send):
        async def with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.site_headers
            await send(message)
        if scope["path"] == "/":
            scope = {**scope, "path": "/index.html"}
        try:
            await self.site(scope, receive, with_headers)
        except HTTPException as missing:   # a status, not a crash; the site's own Chinese page where it has one
            page = self.site_dir / "errors" / f"{missing.status_code}.html"
            if page.is_file():
                await _send_html(with_headers, missing.status_code, page.read_text(encoding="utf-8"))
                return
            text = "找不到该页面" if missing.status_code == 404 else "请求无法处理"
            await _send_text(with_headers, missing.status_code, text)

    async def _file(self, scope, send):
        """A download link (functions/common/links.py) passed on as CloudFront does: the signed query whole, Host the
        endpoint's own (the one the link was signed for), nothing cached; S3's answer with the security headers."""
        if scope["method"] not in ("GET", "HEAD"):
            await _send_text(send, 405, "请求无法处理")
            return
        self._s3_http = self._s3_http or httpx.AsyncClient(timeout=30)
        raw = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"")
        url = self.s3_endpoint + raw.decode("latin-1") + ("?" + query.decode("latin-1") if query else "")
        answer = await self._s3_http.request(scope["method"], url)
        kept = [(name.encode(), value.encode("latin-1")) for name, value in answer.headers.items()
                if name in _FILE_HEADERS]
        await send({"type": "http.response.start", "status": answer.status_code, "headers": kept + SECURITY_HEADERS})
        await send({"type": "http.response.body", "body": answer.content})

    async def _api(self, scope, receive, send):
        method, path = scope["method"], scope["path"]
        route = next((r for r in self.routes if r.matches(method, path)), None)
        if route is None:
            await _send_json(send, 404, {"error": {"code": "NOT_FOUND", "message": "找不到该接口"}})
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_EVENT_BYTES:
                await _send_json(send, 413, {"error": {"code": "TOO_LARGE", "message": "提交的内容过大"}})
                return
        client = (scope.get("client") or ("127.0.0.1", 0))[0]
        host = dict(scope["headers"]).get(b"host", b"localhost").decode("latin-1")
        event = build_event(method, path, scope.get("query_string", b""), scope["headers"], body,
                            f"{route.method} {route.path}", client, host, self.origin_header())
        if event_size(event) > MAX_EVENT_BYTES:
            await _send_json(send, 413, {"error": {"code": "TOO_LARGE", "message": "提交的内容过大"}})
            return
        handler = self.handler(route)
        invocation = contextvars.copy_context()
        invocation.run(CURRENT_FUNCTION.set, route.function)
        result = await asyncio.get_running_loop().run_in_executor(self.pool, invocation.run, handler, event,
                                                                  _LambdaContext())
        status, headers, payload = response_parts(result)
        await send({"type": "http.response.start", "status": status, "headers": headers + SECURITY_HEADERS})
        await send({"type": "http.response.body", "body": payload})
