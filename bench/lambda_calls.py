"""Calling a function's real Lambda handler with the HTTP API event the local router would build."""
from __future__ import annotations

import json
import os
from functools import cache

from functions.common.origin import ORIGIN_HEADER
from infra.local.lambda_event import build_event


@cache
def origin_header() -> tuple[str, str] | None:
    """The secret CloudFront adds (functions/common/origin.py): a benchmark calls the handler as CloudFront would."""
    name = os.environ.get("BIYE_ORIGIN_SECRET_PARAMETER")
    if not name:
        return None
    from functions.common.aws import ssm_client
    return ORIGIN_HEADER, ssm_client().get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]


def call(handler, function: str, method: str, path: str, body: dict | None = None,
         headers: dict[str, str] | None = None, query: str = "") -> dict:
    """The handler's answer to one request ({"statusCode", "body", ...}); `headers` may carry a cookie, `query` is
    the raw query string."""
    payload = json.dumps(body).encode() if body is not None else b""
    raw = [(b"content-type", b"application/json")] + [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    event = build_event(method, path, query.encode(), raw, payload, f"ANY /api/{function}/{{proxy+}}", "127.0.0.1",
                        "127.0.0.1:8000", origin_header())
    return handler(event, None)
