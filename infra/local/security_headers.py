"""Headers every response carries, pages and API alike: the local router sends these, and on AWS template.yaml's
CloudFront response headers policy (SecurityHeadersPolicy) sends the same (tests/infra compares the two)."""
from __future__ import annotations

from urllib.parse import urlsplit

# Pictures and uploads come from, and go to, the uploads bucket only: its origins stand where `{uploads}` is (never a
# bare https:, which would let an injected script send data to any host).
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data: blob: {uploads}; style-src 'self'; "
                           "script-src 'self'; connect-src 'self' {uploads}; form-action 'self' {uploads}; "
                           "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
# What template.yaml puts there: the bucket's regional and global names (boto3 presigns with either, by region).
TEMPLATE_UPLOADS = "https://${UploadsBucket.RegionalDomainName} https://${UploadsBucket.DomainName}"


def content_security_policy(uploads: str = "") -> str:
    return " ".join(CONTENT_SECURITY_POLICY.format(uploads=uploads).replace(" ;", ";").split())


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
HSTS_SECONDS = 2 * 365 * 24 * 60 * 60
# Browsers ignore it over http://127.0.0.1, as they should.
STRICT_TRANSPORT_SECURITY = f"max-age={HSTS_SECONDS}; includeSubDomains"


def security_headers(s3_endpoint: str | None = None) -> list[tuple[bytes, bytes]]:
    """The headers; with `s3_endpoint` (moto's http:// origin locally) the browser may also send uploads there and
    show pictures from it, as it may from S3's https:// origins on AWS."""
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
