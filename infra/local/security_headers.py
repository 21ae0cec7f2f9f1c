"""Headers every response carries locally; template.yaml's CloudFront policy carries the same on AWS."""
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data: blob: https:; style-src 'self'; "
                           "script-src 'self'; connect-src 'self' https:; form-action 'self' https:; "
                           "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")

SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
