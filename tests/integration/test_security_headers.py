"""The security headers on every answer the portal gives (every built page, a missing page, API answers and
refusals), and the same headers in template.yaml's CloudFront response headers policy, which sends them on AWS."""
from __future__ import annotations

import httpx

from infra.local import security_headers as sh
from infra.local import template as tpl

EXPECTED = {"x-content-type-options": "nosniff", "x-frame-options": "DENY",
            "referrer-policy": "strict-origin-when-cross-origin", "permissions-policy": sh.PERMISSIONS_POLICY,
            "strict-transport-security": sh.STRICT_TRANSPORT_SECURITY}
STRICT = ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
          "object-src 'none'", "base-uri 'none'")


def assert_secure(answer: httpx.Response) -> None:
    for name, value in EXPECTED.items():
        assert answer.headers.get(name) == value, (answer.url, name)
    policy = answer.headers["content-security-policy"]
    assert all(part in policy for part in STRICT) and "unsafe" not in policy, (answer.url, policy)
    assert "https:" not in policy.split() and "http:" not in policy.split(), (answer.url, policy)


def test_every_page_and_a_missing_one_carry_the_headers(portal):
    http = httpx.Client(base_url=portal.url, timeout=60)
    pages = sorted(p.relative_to(portal.site_dir).as_posix() for p in portal.site_dir.rglob("*.html"))
    assert len(pages) >= 15
    for page in pages + ["static/js/core.js", "static/biye.css", "no/such/page.html"]:
        answer = http.get("/" + page)
        assert answer.status_code == (404 if page.startswith("no/") else 200), page
        assert_secure(answer)


def test_api_answers_and_refusals_carry_the_headers_and_are_never_cached(portal):
    http = httpx.Client(base_url=portal.url, timeout=60)
    answers = [http.get("/api/apply/captcha"), http.get("/api/apply/application"),          # 200, 401
               http.get("/api/apply/no-such-route"), http.get("/api/nowhere"),               # 404 (function, router)
               http.post("/api/apply/session", content=b"{" * 300_000,                       # 413 (body guard)
                         headers={"Content-Type": "application/json"})]
    assert [a.status_code for a in answers] == [200, 401, 404, 404, 413]
    for answer in answers:
        assert_secure(answer)
    for answer in answers[:3] + answers[4:]:                                                # the functions' own
        assert answer.headers["cache-control"] == "no-store", answer.url


def test_the_template_sends_the_same_headers_on_aws_for_pages_and_api():
    sam = tpl.read_sam()
    policy = sam["Resources"]["SecurityHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    security = policy["SecurityHeadersConfig"]
    csp = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    assert csp == {"Fn::Sub": sh.content_security_policy(sh.TEMPLATE_UPLOADS)}
    assert "https:" not in csp["Fn::Sub"].replace("https://", "")          # no bare https: source
    assert security["StrictTransportSecurity"]["IncludeSubdomains"] is True
    assert security["FrameOptions"]["FrameOption"] == EXPECTED["x-frame-options"]
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == EXPECTED["referrer-policy"]
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == sh.HSTS_SECONDS
    assert "ContentTypeOptions" in security
    custom = {h["Header"].lower(): h["Value"] for h in policy["CustomHeadersConfig"]["Items"]}
    assert custom == {"permissions-policy": sh.PERMISSIONS_POLICY}
    assert all(part["Override"] for part in (*security.values(), *policy["CustomHeadersConfig"]["Items"]))
    config = sam["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    for behaviour in [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]:
        assert behaviour["ResponseHeadersPolicyId"] == {"Ref": "SecurityHeadersPolicy"}
