"""Calling a function's real Lambda handler with the HTTP API event the local router would build."""
from __future__ import annotations

import json

from infra.local.lambda_event import build_event


def call(handler, function: str, method: str, path: str, body: dict | None = None,
         headers: dict[str, str] | None = None, query: str = "") -> dict:
    """The handler's answer to one request ({"statusCode", "body", ...}); `headers` may carry a cookie, `query` is
    the raw query string."""
    payload = json.dumps(body).encode() if body is not None else b""
    raw = [(b"content-type", b"application/json")] + [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    event = build_event(method, path, query.encode(), raw, payload, f"ANY /api/{function}/{{proxy+}}", "127.0.0.1",
                        "127.0.0.1:8000")
    return handler(event, None)
