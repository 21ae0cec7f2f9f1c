"""Issue 15 items 9-11, through the real handlers: nobody learns from the portal whether an e-mail or ID number has
an account (找回密码 asks for a code sent to the account's phone before it shows the security question; a second
registration is answered as a first, and the owner is told), common and personal passwords are refused by one rule
everywhere, and sessions: a new one at every sign-in (the old one ends), a password reset or change revokes the
trusted browsers, and 退出所有设备 ends every session of the account.
"""
from __future__ import annotations

import time

import pytest
from boto3.dynamodb.conditions import Key
from support.portal_client import PASSWORD, client, fresh_address, serving, sign_in_answer, signed_in, solved_captcha

from functions.apply.accounts.rules import password_problem
from functions.apply.accounts.store import NewAccount, create_account
from functions.apply.sms.store import SmsStore
from functions.common.audit_log import entries
from functions.common.dynamo import keys
from functions.common.dynamo.store import candidate_item
from functions.common.ids import id_check_digit
from functions.common.time import beijing_day

QUESTION, VERIFY, ANSWER = (f"/api/apply/password-reset/{step}" for step in ("question", "verify", "answer"))
HUBEI = {"security_question": "我的小学校名？", "security_answer": "红旗小学", "password": PASSWORD}
COMMON = ["woaini1314", "WoAiNi1314", "Aa123456", "aA123456!", "password1", "PASSWORD1"]


def register(http, **fields):
    return http.post("/api/apply/accounts", json={"agreement": True, **fields, **solved_captcha(http)})


def outbox(table, to: str, kind: str) -> list[dict]:
    today = beijing_day(int(time.time())).isoformat()
    sent = [m for m in SmsStore(table).day(today) if m["to"] == to and m.get("message_kind") == kind]
    return sorted(sent, key=lambda m: m["queued_at"])


def account_of(table, kind: str, value: str) -> str:
    return table.get_item(Key=keys.login(kind, value))["Item"]["account_id"]


def anhui_record(table, n: int, phone: str) -> dict:
    first17 = f"34010019900101{n:03d}"
    entry = {"exam_no": f"3401990{n:05d}", "name": f"皖考生{n}", "office": "340100", "phone": phone,
             "id_number": first17 + id_check_digit(first17), "passed": []}
    table.put_item(Item=candidate_item(entry))
    return entry


def trusted_browser(portal, email: str, password: str = PASSWORD) -> str:
    """Sign in once from a browser; its trusted-device cookie."""
    with client(portal, fresh_address()) as http:
        answer = sign_in_answer(http, "email", email, password)
        assert answer.status_code == 200, answer.text
        return answer.cookies["biye_device"]


def lock_out(portal, email: str) -> None:
    """Five wrong passwords from somewhere else: the account is locked for everyone but its trusted browsers."""
    with client(portal, fresh_address()) as http:
        codes = [sign_in_answer(http, "email", email, "Wrong-pass-9x").status_code for _ in range(5)]
    assert codes[-1] == 429, codes


def with_device(portal, email: str, password: str, device: str) -> int:
    with client(portal, fresh_address()) as http:
        http.cookies.set("biye_device", device)
        return sign_in_answer(http, "email", email, password).status_code


# -- item 9: enumeration ---------------------------------------------------------------------------------------------
def test_reset_answers_a_known_and_an_unknown_email_alike_and_asks_the_question_only_after_the_code(portal, table):
    phone, email = "13912340901", "known9@test.biye.cn"
    with client(portal, fresh_address()) as http:
        assert register(http, email=email, phone=phone, **HUBEI).status_code == 201
        known = http.post(QUESTION, json={"email": email, **solved_captcha(http)})
        unknown = http.post(QUESTION, json={"email": "nobody9@test.biye.cn", **solved_captcha(http)})
    assert known.status_code == unknown.status_code == 200, (known.text, unknown.text)
    assert set(known.json()) == set(unknown.json()) and known.json()["next"] == unknown.json()["next"]
    assert "小学" not in known.text and phone[-4:] not in known.text
    sent = outbox(table, phone, "reset_code")
    assert len(sent) == 1 and "1小时内有效" in sent[0]["text"]
    code = sent[0]["values"]["code"]
    with client(portal, fresh_address()) as http:
        # an e-mail without an account: its ticket takes no code at all (five tries, then gone)
        guesses = [http.post(VERIFY, json={"ticket": unknown.json()["ticket"], "code": code}) for _ in range(5)]
        assert [g.status_code for g in guesses] == [422] * 5 and "次数过多" in guesses[-1].json()["error"]["message"]
        ticket = known.json()["ticket"]
        # no answer before the code, and a wrong code shows nothing
        early = http.post(ANSWER, json={"ticket": ticket, "answer": "红旗小学", "new_password": "New-pass-2026"})
        assert early.status_code == 422 and "过期" in early.json()["error"]["message"]
        wrong = http.post(VERIFY, json={"ticket": ticket, "code": "000000" if code != "000000" else "111111"})
        assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "code" and "小学" not in wrong.text
        shown = http.post(VERIFY, json={"ticket": ticket, "code": code})
        assert shown.status_code == 200 and shown.json() == {"question": "我的小学校名？"}
        done = http.post(ANSWER, json={"ticket": ticket, "answer": "红旗小学", "new_password": "New-pass-2026"})
        assert done.status_code == 200, done.text
        assert sign_in_answer(http, "email", email, "New-pass-2026").status_code == 200
    actions = {e["action"] for e in entries(table, keys.account(account_of(table, "email", email))[keys.PK])}
    assert {"reset_code_sent", "reset_code_wrong", "password_reset_by_question"} <= actions


def test_registering_a_taken_email_answers_as_a_new_registration_and_warns_the_owner(portal, table):
    phone, email = "13912340902", "taken9@test.biye.cn"
    with client(portal, fresh_address()) as http:
        first = register(http, email=email, phone=phone, **HUBEI)
        again = register(http, email=email.upper(), **{**HUBEI, "password": "Other-pass-2026"})
        assert first.status_code == again.status_code == 201, again.text
        assert again.json() == first.json() and "已注册" not in again.text
        assert sign_in_answer(http, "email", email, "Other-pass-2026").status_code == 401   # nothing was changed
        assert sign_in_answer(http, "email", email).status_code == 200
    warned = outbox(table, phone, "register_attempt_warning")
    assert len(warned) == 1 and "再次注册" in warned[0]["text"]
    logged = entries(table, keys.account(account_of(table, "email", email))[keys.PK])
    assert "registration_refused_taken" in {e["action"] for e in logged}


def test_registering_a_taken_record_in_anhui_answers_as_a_new_one_and_tells_the_record(portal, table):
    who = anhui_record(table, 931, "13912340931")
    body = {"name": who["name"], "id_number": who["id_number"], "exam_no": who["exam_no"], "password": PASSWORD}
    with serving("apply", "anhui"), client(portal, fresh_address()) as http:
        first = register(http, **body)
        again = register(http, **{**body, "password": "Other-pass-2026"})
    assert first.status_code == again.status_code == 201 and again.json() == first.json(), again.text
    assert len(outbox(table, who["phone"], "register_attempt_warning")) == 1
    messages = table.query(KeyConditionExpression=Key(keys.PK).eq(keys.candidate(who["exam_no"])[keys.PK])
                           & Key(keys.SK).begins_with(keys.MESSAGE_PREFIX))["Items"]
    assert any(m["event"] == "register_attempt" for m in messages)


# -- item 10: passwords ----------------------------------------------------------------------------------------------
def test_the_list_of_common_passwords_is_large_and_the_demo_password_is_not_on_it():
    from functions.apply.accounts.common_passwords import common_passwords
    assert len(common_passwords()) >= 10_000
    assert password_problem(PASSWORD) is None


@pytest.mark.parametrize("password", COMMON)
def test_a_common_password_is_refused_at_registration_with_the_other_fields_problems(portal, password):
    with client(portal, fresh_address()) as http:
        answer = register(http, email="not-an-email", **{**HUBEI, "password": password})
    assert answer.status_code == 422, answer.text
    problems = {p["field"]: p["message"] for p in answer.json()["error"]["problems"]}
    assert set(problems) == {"email", "password"} and "密码" in problems["password"] and "常见" in problems["password"]


def test_a_password_with_the_id_number_or_exam_no_is_refused_at_registration_and_change(portal, table):
    who = anhui_record(table, 932, "13912340932")
    body = {"name": who["name"], "id_number": who["id_number"], "exam_no": who["exam_no"]}
    with serving("apply", "anhui"):
        with client(portal, fresh_address()) as http:
            for password in (f"Zz-{who['id_number'][-6:]}", f"Zz-{who['exam_no']}", f"Zz{who['id_number'][6:14]}!"):
                refused = register(http, **body, password=password)
                assert refused.status_code == 422 and refused.json()["error"]["field"] == "password", password
                assert "身份证号或准考证号" in refused.json()["error"]["message"]
            assert register(http, **body, password=PASSWORD).status_code == 201
        me = signed_in(portal, "id_number", who["id_number"])
        for new in ("Aa123456", f"Zz-{who['id_number'][-6:].lower()}"):
            changed = me.post("/api/apply/accounts/me/password", json={"password": PASSWORD, "new_password": new})
            assert changed.status_code == 422 and changed.json()["error"]["field"] == "new_password", changed.text
        both = me.post("/api/apply/accounts/me/password",
                       json={"password": "Wrong-pass-9x", "new_password": "Aa123456"})
        assert {p["field"] for p in both.json()["error"]["problems"]} == {"password", "new_password"}, both.text


def test_a_new_staff_members_first_password_obeys_the_same_rule(portal, table):
    login = f"pw-staff-{int(time.time()) % 100000}"
    create_account(table, NewAccount(kind="staff", display_name="管理员", logins={"staff": "pw-admin"},
                                     password=PASSWORD, role="admin"), int(time.time()))
    admin = signed_in(portal, "staff", "pw-admin")
    made = admin.post("/api/apply/staff/accounts", json={"login": login, "name": "新人", "role": "province"})
    assert made.status_code == 201, made.text
    with client(portal, fresh_address()) as http:
        refused = http.post("/api/apply/password-reset/code", json={
            "kind": "staff", "identifier": login, "code": made.json()["code"], "new_password": "Password1!",
            **solved_captcha(http)})
    assert refused.status_code == 422 and "常见" in refused.json()["error"]["message"], refused.text


# -- item 11: sessions -----------------------------------------------------------------------------------------------
def test_signing_in_again_ends_the_session_the_browser_held(portal, table):
    email = "fixation@test.biye.cn"
    create_account(table, NewAccount(kind="candidate", display_name=email, logins={"email": email},
                                     password=PASSWORD), int(time.time()))
    browser = signed_in(portal, "email", email)
    before = browser.cookies["biye_session"]
    again = sign_in_answer(browser, "email", email)          # the browser still carries its old cookie
    assert again.status_code == 200 and again.cookies["biye_session"] != before
    with client(portal, fresh_address()) as copied:
        copied.cookies.set("biye_session", before)
        assert copied.get("/api/apply/session").status_code == 401


def test_a_password_change_revokes_the_trusted_browsers(portal, table):
    email = "devices@test.biye.cn"
    create_account(table, NewAccount(kind="candidate", display_name=email, logins={"email": email},
                                     password=PASSWORD), int(time.time()))
    device = trusted_browser(portal, email)
    lock_out(portal, email)
    with client(portal, fresh_address()) as http:       # the owner's browser is not locked out, and changes it
        http.cookies.set("biye_device", device)
        answer = sign_in_answer(http, "email", email)
        assert answer.status_code == 200, answer.text
        http.cookies.clear()
        http.cookies.set("biye_session", answer.cookies["biye_session"])
        http.headers["X-CSRF-Token"] = answer.json()["csrf"]
        changed = http.post("/api/apply/accounts/me/password", json={"password": PASSWORD,
                                                                     "new_password": "Changed-pass-2026"})
        assert changed.status_code == 200, changed.text
    assert with_device(portal, email, "Changed-pass-2026", device) == 429   # no longer trusted: locked like others
    logged = entries(table, keys.account(account_of(table, "email", email))[keys.PK])
    assert any(e["action"] == "password_changed" and e["after"] == {"trusted_devices_revoked": 1} for e in logged)


def test_a_reset_by_security_question_revokes_the_trusted_browsers(portal, table):
    phone, email = "13912340912", "devices2@test.biye.cn"
    with client(portal, fresh_address()) as http:
        assert register(http, email=email, phone=phone, **HUBEI).status_code == 201
    device = trusted_browser(portal, email)
    lock_out(portal, email)
    with client(portal, fresh_address()) as http:
        ticket = http.post(QUESTION, json={"email": email, **solved_captcha(http)}).json()["ticket"]
        code = outbox(table, phone, "reset_code")[-1]["values"]["code"]
        assert http.post(VERIFY, json={"ticket": ticket, "code": code}).status_code == 200
        done = http.post(ANSWER, json={"ticket": ticket, "answer": "红旗小学", "new_password": "Reset-pass-2026"})
        assert done.status_code == 200, done.text
    assert with_device(portal, email, "Reset-pass-2026", device) == 429


def test_sign_out_everywhere_ends_every_session_this_one_too_and_names_who_did_it(portal, table):
    email = "everywhere@test.biye.cn"
    create_account(table, NewAccount(kind="candidate", display_name=email, logins={"email": email},
                                     password=PASSWORD), int(time.time()))
    here, there = signed_in(portal, "email", email), signed_in(portal, "email", email, address=fresh_address())
    done = here.delete("/api/apply/sessions")
    assert done.status_code == 200 and done.json()["sessions"] == 2, done.text
    assert here.get("/api/apply/session").status_code == 401 and there.get("/api/apply/session").status_code == 401
    account_id = account_of(table, "email", email)
    logged = [e for e in entries(table, keys.account(account_id)[keys.PK]) if e["action"] == "signed_out_everywhere"]
    assert len(logged) == 1 and logged[0]["actor"]["account_id"] == account_id
    assert logged[0]["actor"]["kind"] == "candidate"
