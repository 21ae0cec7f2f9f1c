"""Calling a function's real Lambda handler with the HTTP API event the local router would build."""
from __future__ import annotations

from functools import cache

from infra.local.lambda_event import invoke, origin_header


@cache
def _origin() -> tuple[str, str] | None:
    """A benchmark calls the handler as CloudFront would, with its secret header (read once: one stack a process)."""
    return origin_header()


def call(handler, method: str, path: str, body: dict | None = None, headers: dict[str, str] | None = None,
         query: str = "") -> dict:
    """The handler's answer to one request ({"statusCode", "body", ...}); `headers` may carry a cookie, `query` is
    the raw query string."""
    return invoke(handler, method, path, body, headers, query, _origin())
