"""HTTP request ⇄ API Gateway HTTP API (payload 2.0) event, as API Gateway builds them in front of Lambda."""
from __future__ import annotations

import base64
import json
import os
import time
import uuid
from urllib.parse import parse_qsl

from functions.common.origin import ORIGIN_HEADER

# API Gateway refuses bigger requests; Lambda refuses synchronous payloads over 6 MB (base64 counts).
MAX_EVENT_BYTES = 6 * 1024 * 1024
_TEXT_TYPES = ("application/json", "text/", "application/x-www-form-urlencoded")


# The address API Gateway sees calls from: CloudFront's edge (TEST-NET-2, never a viewer's).
EDGE_ADDRESS = "198.51.100.7"


def build_event(method: str, path: str, query: bytes, headers: list[tuple[bytes, bytes]], body: bytes,
                route_key: str, client_ip: str, host: str, origin_header: tuple[str, str] | None = None) -> dict:
    """The event API Gateway hands the function for a viewer at `client_ip` behind CloudFront: CloudFront appends
    the viewer's address to any X-Forwarded-For the viewer sent and sets its origin header (`origin_header`, over
    any the viewer sent); API Gateway appends the edge's address, its sourceIp."""
    joined: dict[str, str] = {}
    cookies: list[str] = []
    for raw_name, raw_value in headers:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        if name == "cookie":
            cookies += [c.strip() for c in value.split(";") if c.strip()]
        else:
            joined[name] = f"{joined[name]},{value}" if name in joined else value
    sent = joined.get("x-forwarded-for")
    joined["x-forwarded-for"] = ", ".join(([sent] if sent else []) + [client_ip, EDGE_ADDRESS])
    if origin_header:
        joined[origin_header[0]] = origin_header[1]
    joined["x-forwarded-proto"] = "https"  # CloudFront talks https to the API; the cookie code relies on it
    raw_query = query.decode("latin-1")
    params: dict[str, str] = {}
    for k, v in parse_qsl(raw_query, keep_blank_values=True):
        params[k] = f"{params[k]},{v}" if k in params else v
    is_text = any(joined.get("content-type", "").startswith(t) for t in _TEXT_TYPES)
    try:
        text = body.decode("utf-8") if is_text else None
    except UnicodeDecodeError:
        text = None
    now = time.time()
    return {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": path,
        "rawQueryString": raw_query,
        "cookies": cookies or None,
        "headers": joined,
        "queryStringParameters": params or None,
        "requestContext": {
            "accountId": "000000000000", "apiId": "local", "domainName": host, "domainPrefix": host.split(".")[0],
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": EDGE_ADDRESS,
                     "userAgent": joined.get("user-agent", "")},
            "requestId": str(uuid.uuid4()), "routeKey": route_key, "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)), "timeEpoch": int(now * 1000),
        },
        "body": (text if text is not None else base64.b64encode(body).decode()) if body else None,
        "isBase64Encoded": bool(body) and text is None,
    }


def origin_header() -> tuple[str, str] | None:
    """The secret header CloudFront adds to API requests (functions/common/origin.py), read from the running stack's
    SSM (a caller keeps it: each read is an AWS call)."""
    name = os.environ.get("BIYE_ORIGIN_SECRET_PARAMETER")
    if not name:
        return None
    from functions.common.aws import ssm_client
    return ORIGIN_HEADER, ssm_client().get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]


def invoke(handler, method: str, path: str, body: dict | None = None, headers: dict[str, str] | None = None,
           query: str = "", origin: tuple[str, str] | None = None) -> dict:
    """A function's handler called in this thread with the event the local router builds for a JSON request to
    `path` (/api/<function>/…): its answer, {"statusCode", "body", ...}. `headers` may carry a cookie."""
    payload = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
    raw = [(b"content-type", b"application/json")] + [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    route = f"ANY /api/{path.split('/')[2]}/{{proxy+}}"
    event = build_event(method, path, query.encode(), raw, payload, route, "127.0.0.1", "127.0.0.1:8000", origin)
    return handler(event, None)


def event_size(event: dict) -> int:
    return len(event["body"] or "") + sum(len(k) + len(v) for k, v in event["headers"].items())


def response_parts(result: dict) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Lambda's answer → status, headers, body, the way API Gateway turns it into HTTP."""
    status = int(result.get("statusCode", 200))
    headers = [(k.lower().encode("latin-1"), str(v).encode("latin-1"))
               for k, v in (result.get("headers") or {}).items()]
    for name, values in (result.get("multiValueHeaders") or {}).items():
        headers += [(name.lower().encode("latin-1"), str(v).encode("latin-1")) for v in values]
    headers += [(b"set-cookie", c.encode("latin-1")) for c in result.get("cookies") or []]
    body = result.get("body") or ""
    payload = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode("utf-8")
    return status, headers, payload
