"""Only CloudFront reaches the API: it adds a secret header to every request it sends to the API origin, and the
functions refuse a request without it (a direct call to the execute-api endpoint, which would skip the response
headers policy, the caching rules and the viewer's address CloudFront forwards).

The secret lives in SSM Parameter Store (template parameter OriginSecretName); CloudFormation reads it into the
distribution's origin header, and each function reads it once per container. The viewer's address for throttling
is then taken from what CloudFront forwards (`viewer_address`).
"""
from __future__ import annotations

import hmac
from collections.abc import Callable

ORIGIN_HEADER = "x-biye-origin"
NOT_VIA_SITE = "请通过本网站的网址访问：不接受绕过网站的直接请求"


class OriginSecret:
    """The secret, read from SSM on first use and kept for the container's life."""

    def __init__(self, read: Callable[[], str]):
        self._read, self._secret = read, None

    def admits(self, header: str | None) -> bool:
        if self._secret is None:
            self._secret = self._read()
        return bool(header) and hmac.compare_digest(header.encode(), self._secret.encode())


def from_ssm(ssm, name: str) -> OriginSecret:
    return OriginSecret(lambda: ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"])


def viewer_address(forwarded_for: str | None, source_ip: str) -> str:
    """The viewer's address behind CloudFront. CloudFront appends the address it was called from to the
    X-Forwarded-For a viewer sent (anything before that entry is the viewer's own say, and ignored); API Gateway
    then may append its own peer, CloudFront's edge, which is `source_ip`. So: the last entry, or the one before it
    when the last is the edge. Without the header (a direct call, refused anyway) the source address stands."""
    entries = [e.strip() for e in (forwarded_for or "").split(",") if e.strip()]
    if len(entries) >= 2 and entries[-1] == source_ip:
        return entries[-2]
    return entries[-1] if entries else source_ip
