"""Headers every response carries, pages and API alike: the local router sends these, and on AWS template.yaml's
CloudFront response headers policy (SecurityHeadersPolicy) sends the same (tests/infra compares the two)."""
from __future__ import annotations

from urllib.parse import urlsplit

CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data: blob: https:; style-src 'self'; "
                           "script-src 'self'; connect-src 'self' https:; form-action 'self' https:; "
                           "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
HSTS_SECONDS = 2 * 365 * 24 * 60 * 60
STRICT_TRANSPORT_SECURITY = f"max-age={HSTS_SECONDS}"   # browsers ignore it over http://127.0.0.1, as they should


def security_headers(s3_endpoint: str | None = None) -> list[tuple[bytes, bytes]]:
    """The headers; with `s3_endpoint` (moto's http:// origin locally) the browser may also send uploads there and
    show pictures from it, as it may from S3's https:// origins on AWS."""
    policy = CONTENT_SECURITY_POLICY
    if s3_endpoint:
        parts = urlsplit(s3_endpoint)
        origin = f"{parts.scheme}://{parts.netloc}"
        for directive in ("img-src", "connect-src"):
            policy = policy.replace(f"{directive} 'self'", f"{directive} 'self' {origin}")
    return [
        (b"content-security-policy", policy.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
        (b"permissions-policy", PERMISSIONS_POLICY.encode()),
        (b"strict-transport-security", STRICT_TRANSPORT_SECURITY.encode()),
    ]


SECURITY_HEADERS = security_headers()
