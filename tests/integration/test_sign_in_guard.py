"""Sign-in under attack: captchas that cannot be replayed, lockout that tells when it ends and spares the owner's
browser, throttling per client address, sessions that expire, revoke and answer only for their own account."""
from __future__ import annotations

import base64
import time

import pytest
from support.portal_client import PASSWORD, client, fresh_address, sign_in_answer, signed_in, solved_captcha

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.audit_log import entries
from functions.common.dynamo import keys


def _account(table, email: str, who: str = "candidate", **extra) -> str:
    login_kind = "email" if who == "candidate" else "staff"
    return create_account(table, NewAccount(kind=who, display_name=email, logins={login_kind: email},
                                            password=PASSWORD, **extra), int(time.time()))


def _post_sign_in(http, identifier, password=PASSWORD, kind="email", **captcha):
    return http.post("/api/apply/session",
                     json={"kind": kind, "identifier": identifier, "password": password, **captcha})


def test_a_captcha_is_an_image_used_once_and_only_with_its_answer(portal, table):
    _account(table, "captcha@test.biye.cn")
    with client(portal, fresh_address()) as http:
        fresh = http.get("/api/apply/captcha")
        assert fresh.headers["cache-control"] == "no-store"
        png = base64.b64decode(fresh.json()["image"].split(",", 1)[1])
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        solved = solved_captcha(http)
        assert _post_sign_in(http, "captcha@test.biye.cn", **solved).status_code == 200
        replayed = _post_sign_in(http, "captcha@test.biye.cn", **solved)
        assert replayed.status_code == 422 and replayed.json()["error"]["field"] == "captcha"
        assert "失效" in replayed.json()["error"]["message"]
        # a wrong guess uses the captcha up: the right answer afterwards no longer works
        other = solved_captcha(http)
        wrong = _post_sign_in(http, "captcha@test.biye.cn", captcha_id=other["captcha_id"], captcha="0000")
        assert wrong.status_code == 422 and "不正确" in wrong.json()["error"]["message"]
        assert _post_sign_in(http, "captcha@test.biye.cn", **other).status_code == 422
        # an expired captcha is refused even with the right answer
        late = solved_captcha(http)
        table.update_item(Key=keys.captcha(late["captcha_id"]), UpdateExpression="SET expires_at = :t",
                          ExpressionAttributeValues={":t": int(time.time()) - 1})
        assert _post_sign_in(http, "captcha@test.biye.cn", **late).status_code == 422


def test_five_wrong_passwords_lock_the_identifier_and_say_until_when(portal, table):
    account_id = _account(table, "guessed@test.biye.cn")
    with client(portal, fresh_address()) as attacker:
        answers = [sign_in_answer(attacker, "email", "guessed@test.biye.cn", f"Wrong-{n}-pass") for n in range(5)]
        assert [a.status_code for a in answers] == [401, 401, 401, 401, 429]
        assert "再错 2 次" in answers[2].json()["error"]["message"]
        locked = answers[-1].json()["error"]
        assert "暂停登录至" in locked["message"] and "北京时间" in locked["message"]
        assert abs(locked["retry_at"] - (time.time() + 15 * 60)) < 60
    # the right password from a browser that never signed in is still refused while the lock lasts
    with client(portal, fresh_address()) as stranger:
        assert sign_in_answer(stranger, "email", "guessed@test.biye.cn").status_code == 429
    actions = [e["action"] for e in entries(table, keys.account(account_id)[keys.PK])]
    assert actions.count("sign_in_failed") == 5


def test_the_owners_browser_can_still_sign_in_while_an_attacker_keeps_the_account_locked(portal, table):
    _account(table, "owner@test.biye.cn")
    with client(portal, fresh_address()) as owner:
        first = sign_in_answer(owner, "email", "owner@test.biye.cn")
        device = first.cookies["biye_device"]
        device_cookie = next(c for c in first.headers.get_list("set-cookie") if c.startswith("biye_device="))
        assert "Path=/api/apply/session" in device_cookie and "HttpOnly" in device_cookie
    with client(portal, fresh_address()) as attacker:
        for n in range(5):
            sign_in_answer(attacker, "email", "owner@test.biye.cn", f"Guess-{n}-pass")
        assert sign_in_answer(attacker, "email", "owner@test.biye.cn").status_code == 429
    with client(portal, fresh_address()) as owner:
        owner.cookies.set("biye_device", device)
        assert sign_in_answer(owner, "email", "owner@test.biye.cn").status_code == 200
        # a stolen device cookie does not open the door to guessing: five misses revoke it
        for n in range(5):
            sign_in_answer(owner, "email", "owner@test.biye.cn", f"Guess-{n}-again")
        assert sign_in_answer(owner, "email", "owner@test.biye.cn").status_code == 429


def test_one_client_address_is_throttled_across_accounts_and_others_are_not(portal, table):
    _account(table, "bystander@test.biye.cn")
    noisy = fresh_address()
    with client(portal, noisy) as http:
        codes = [sign_in_answer(http, "email", f"nobody{n}@test.biye.cn", "Wrong-pass-1").status_code
                 for n in range(31)]
        assert codes[:30] == [401] * 30 and codes[30] == 429
        refused = sign_in_answer(http, "email", "bystander@test.biye.cn")
        assert refused.status_code == 429 and "来自您网络" in refused.json()["error"]["message"]
    with client(portal, fresh_address()) as elsewhere:
        assert sign_in_answer(elsewhere, "email", "bystander@test.biye.cn").status_code == 200
    # failures on unknown identifiers are logged, masked
    day = time.strftime("%Y-%m-%d", time.gmtime())
    logged = [e for e in entries(table, f"SECURITY#{day}", limit=1000) if e["action"] == "sign_in_failed"]
    assert any(e["after"]["identifier"] == "n***@test.biye.cn" for e in logged)


def test_identifiers_are_checked_and_the_province_decides_which_kinds_sign_in(portal):
    with client(portal, fresh_address()) as http:
        by_exam_no = sign_in_answer(http, "exam_no", "420121000001")
        assert by_exam_no.status_code == 422 and by_exam_no.json()["error"]["message"] == "本省考生请用邮箱登录"
        bad_email = sign_in_answer(http, "email", "not-an-email")
        assert bad_email.status_code == 422 and "邮箱格式不正确" in bad_email.json()["error"]["message"]


def test_a_session_answers_only_for_its_own_account_and_ends_when_revoked_or_expired(portal, table):
    _account(table, "alice@test.biye.cn")
    _account(table, "bob@test.biye.cn")
    alice, bob = signed_in(portal, "email", "alice@test.biye.cn"), signed_in(portal, "email", "bob@test.biye.cn")
    assert alice.get("/api/apply/accounts/me").json()["logins"] == {"email": "alice@test.biye.cn"}
    # Bob's CSRF token with Alice's cookie is refused, as is no token (a form posted from another origin)
    mixed = alice.post("/api/apply/accounts/me/password", headers={"X-CSRF-Token": bob.headers["X-CSRF-Token"]},
                       json={"password": PASSWORD, "new_password": "Another-pass-9"})
    assert mixed.status_code == 403
    del alice.headers["X-CSRF-Token"]
    assert alice.post("/api/apply/accounts/me/password", json={"password": PASSWORD,
                                                                "new_password": "Another-pass-9"}).status_code == 403
    # a candidate's session does not open staff endpoints
    assert bob.get("/api/apply/staff/accounts").status_code == 403
    assert bob.get("/api/eligibility/staff/candidates/420121000001/audits/JS-080901-2024R").status_code == 403
    # forged and expired cookies
    forged = client(portal)
    forged.cookies.set("biye_session", "x" * 43)
    assert forged.get("/api/apply/session").status_code == 401
    token = bob.cookies["biye_session"]
    from functions.common.session import token_hash
    table.update_item(Key=keys.session(token_hash(token)), UpdateExpression="SET expires_at = :t",
                      ExpressionAttributeValues={":t": int(time.time()) - 1})
    expired = bob.get("/api/apply/session")
    assert expired.status_code == 401 and "过期" in expired.json()["error"]["message"]


@pytest.mark.parametrize("body", [
    {"kind": "email", "identifier": "a@b.cn", "password": "x", "captcha_id": "{'$gt': ''}", "captcha": "AAAA"},
    {"kind": "email", "identifier": "a@b.cn' OR 1=1 --", "password": "x", "captcha_id": "../../etc", "captcha": "x"},
    {"kind": "email", "identifier": ["a@b.cn"], "password": "x", "captcha_id": "c", "captcha": "x"},
])
def test_hostile_sign_in_bodies_are_refused_in_chinese(portal, body):
    with client(portal, fresh_address()) as http:
        answer = http.post("/api/apply/session", json=body)
    assert answer.status_code == 422 and "Traceback" not in answer.text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in answer.json()["error"]["message"])
