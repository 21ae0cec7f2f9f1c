"""Headers every response carries, pages and API alike: the local router sends these, and on AWS template.yaml's
CloudFront response headers policy (SecurityHeadersPolicy) sends the same (tests/infra compares the two)."""
from __future__ import annotations

from urllib.parse import urlsplit

# Uploads go to the uploads bucket only: its origin stands where `{uploads}` is (never a bare https:, which would let
# an injected script send data to any host). Pictures come from the site itself (functions/common/links.py).
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
                           "script-src 'self'; connect-src 'self' {uploads}; form-action 'self' {uploads}; "
                           "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
# What template.yaml puts there: the bucket's regional name, the one the functions' S3 client signs for on AWS.
TEMPLATE_UPLOADS = "https://${UploadsBucket.RegionalDomainName}"


def content_security_policy(uploads: str = "") -> str:
    return " ".join(CONTENT_SECURITY_POLICY.format(uploads=uploads).replace(" ;", ";").split())


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
HSTS_SECONDS = 2 * 365 * 24 * 60 * 60
# Browsers ignore it over http://127.0.0.1, as they should.
STRICT_TRANSPORT_SECURITY = f"max-age={HSTS_SECONDS}; includeSubDomains"


def security_headers(s3_endpoint: str | None = None) -> list[tuple[bytes, bytes]]:
    """The headers; with `s3_endpoint` (moto's http:// origin locally) the browser may also send uploads there, as
    it may to the bucket's https:// origin on AWS."""
    origin = ""
    if s3_endpoint:
        parts = urlsplit(s3_endpoint)
        origin = f"{parts.scheme}://{parts.netloc}"
    policy = content_security_policy(origin)
    return [
        (b"content-security-policy", policy.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
        (b"permissions-policy", PERMISSIONS_POLICY.encode()),
        (b"strict-transport-security", STRICT_TRANSPORT_SECURITY.encode()),
    ]


SECURITY_HEADERS = security_headers()
