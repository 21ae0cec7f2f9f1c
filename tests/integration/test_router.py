"""The local router: one origin, the site at /, each function's real Lambda handler under its template route."""
from __future__ import annotations

import httpx
from support import portal_client


def test_site_is_served_with_security_headers(portal):
    page = httpx.get(portal.url + "/")
    assert page.status_code == 200 and 'lang="zh-CN"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert httpx.get(portal.url + "/staff/index.html").status_code == 200
    assert httpx.get(portal.url + "/staff/").status_code == 404      # as S3 answers a folder: no index
    missing = httpx.get(portal.url + "/no-such-page.html")
    assert missing.status_code == 404 and "<h1>找不到该页面</h1>" in missing.text
    assert "content-security-policy" in missing.headers


def test_unknown_api_paths_get_a_chinese_404(portal):
    answer = httpx.get(portal.url + "/api/nowhere")
    assert answer.status_code == 404 and answer.json()["error"]["message"] == "找不到该接口"
    answer = httpx.get(portal.url + "/api/apply/no-such-route")
    assert answer.status_code == 404 and "找不到" in answer.json()["error"]["message"]


def _sign_in(portal, who: int = 0):
    login = portal.logins[who]
    kind = "staff" if login["who"].startswith("工作人员") else "email"
    with portal_client.client(portal) as http:
        return portal_client.sign_in_answer(http, kind, login["login"], login["password"])


def test_sign_in_sets_a_strict_cookie_and_csrf_guards_changes(portal):
    answer = _sign_in(portal)
    assert answer.status_code == 200, answer.text
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("biye_session="))
    for flag in ("httponly", "secure", "samesite=strict", "path=/api;"):
        assert flag in cookie.lower() + ";"
    csrf = answer.json()["csrf"]
    token = answer.cookies["biye_session"]
    cookies = {"biye_session": token}
    who = httpx.get(portal.url + "/api/apply/session", cookies=cookies)
    assert who.json()["who"]["kind"] == "candidate"
    refused = httpx.request("DELETE", portal.url + "/api/apply/session", cookies=cookies)
    assert refused.status_code == 403
    signed_out = httpx.request("DELETE", portal.url + "/api/apply/session", cookies=cookies,
                               headers={"X-CSRF-Token": csrf})
    assert signed_out.status_code == 200
    # the session record is gone: the same cookie no longer works
    assert httpx.get(portal.url + "/api/apply/session", cookies=cookies).status_code == 401


def test_wrong_password_and_hostile_bodies_get_clear_4xx(portal):
    with portal_client.client(portal, portal_client.fresh_address()) as http:
        bad = portal_client.sign_in_answer(http, "email", portal.logins[0]["login"], "wrong-password1")
    assert bad.status_code == 401 and bad.json()["error"]["message"] == "邮箱或密码不正确"
    cases = [
        (b'{"kind": "email"', 400, "JSON"),
        (b'{"kind": "email", "identifier": "\xff\xfe", "password": "x"}', 400, "UTF-8"),
        (b"[" * 100 + b"]" * 100, 400, "嵌套"),
        (b'{"kind": "wechat", "identifier": "a", "password": "b"}', 422, "kind"),
        (b'{"kind": "email", "identifier": ' + b'"' + b"a" * 300_000 + b'", "password": "b"}', 413, "过大"),
    ]
    for body, status, word in cases:
        answer = httpx.post(portal.url + "/api/apply/session", content=body,
                            headers={"content-type": "application/json"})
        assert answer.status_code == status, (body[:40], answer.text)
        assert word in answer.json()["error"]["message"] + answer.json()["error"].get("field", "")
        assert "Traceback" not in answer.text


def test_payloads_over_the_lambda_limit_are_refused_by_the_router(portal):
    answer = httpx.post(portal.url + "/api/photo/anything", content=b"x" * (7 * 1024 * 1024),
                        headers={"content-type": "application/octet-stream"})
    assert answer.status_code == 413 and "过大" in answer.json()["error"]["message"]
