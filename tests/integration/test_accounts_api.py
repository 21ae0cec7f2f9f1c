"""Accounts as candidates and offices use them: register, 在籍注册, the 3-account limit (a code to the record's phone
for a second account) and the office's lock and unlock, password
reset by security question and by a one-time code from staff, staff accounts made by the admin."""
from __future__ import annotations

import time

import httpx
import pytest
from support.portal_client import PASSWORD, client, fresh_address, serving, sign_in_answer, signed_in, solved_captcha

from functions.apply.accounts.store import NewAccount, create_account
from functions.apply.sms.store import SmsStore
from functions.common.audit_log import entries
from functions.common.dynamo import keys
from functions.common.dynamo.store import candidate_item
from functions.common.ids import id_check_digit
from functions.common.time import beijing_day
from infra.demo.generate import generate

DEMO = generate("hubei")


def person(n: int) -> dict:
    """A demo 湖北 candidate (imported by the portal fixture) nobody else's test uses."""
    return DEMO[100 + n]


def register(http, **fields):
    return http.post("/api/apply/accounts", json={"agreement": True, **fields, **solved_captcha(http)})


def hubei_account(http, email: str) -> None:
    made = register(http, email=email, security_question="我的小学校名？", security_answer="红旗小学",
                    password=PASSWORD)
    assert made.status_code == 201, made.text
    assert made.json()["activated"] is False


def activate(me, who: dict, **override):
    return me.post("/api/apply/accounts/me/activation", json={"name": who["name"], "id_number": who["id_number"],
                                                              "exam_no": who["exam_no"], **override})


def staff(portal, table, login: str, role: str, offices=()) -> httpx.Client:
    create_account(table, NewAccount(kind="staff", display_name=login, logins={"staff": login}, password=PASSWORD,
                                     role=role, offices=tuple(offices)), int(time.time()))
    return signed_in(portal, "staff", login)


def test_hubei_registration_checks_every_field_in_chinese(portal):
    with client(portal, fresh_address()) as http:
        cases = [({"email": "bad", "security_question": "问题？", "security_answer": "答案", "password": PASSWORD},
                  "email", "邮箱格式不正确"),
                 ({"email": "a@b.cn", "security_answer": "答案", "password": PASSWORD},
                  "security_question", "安全问题"),
                 ({"email": "a@b.cn", "security_question": "问题？", "security_answer": "答案", "password": "abcdefgh"},
                  "password", "至少两类"),
                 ({"email": "a@b.cn", "security_question": "问题？", "security_answer": "答案", "password": "Aa1"},
                  "password", "至少 8 位")]
        for body, field, words in cases:
            answer = register(http, **body)
            assert answer.status_code == 422, answer.text
            assert answer.json()["error"]["field"] == field and words in answer.json()["error"]["message"]
        hubei_account(http, "dup@test.biye.cn")
        again = register(http, email="DUP@test.biye.cn", security_question="问题？", security_answer="答案",
                         password=PASSWORD)      # answered as a new registration (test_account_integrity)
        assert again.status_code == 201 and "已注册" not in again.text


def test_activation_binds_the_matching_record_and_refuses_a_mismatch(portal, table):
    who = person(1)
    with client(portal, fresh_address()) as http:
        hubei_account(http, "activate@test.biye.cn")
    me = signed_in(portal, "email", "activate@test.biye.cn")
    assert me.get("/api/apply/session").json()["who"]["exam_no"] is None
    not_yet = me.get("/api/eligibility/majors")
    assert not_yet.status_code == 403 and "在籍注册" in not_yet.json()["error"]["message"]
    wrong_id = who["id_number"][:17] + ("0" if who["id_number"][17] != "0" else "1")
    assert "校验位" in activate(me, who, id_number=wrong_id).json()["error"]["message"]
    mismatch = activate(me, who, name="张冒名")
    assert mismatch.status_code == 422 and "不一致" in mismatch.json()["error"]["message"]
    done = activate(me, who)
    assert done.status_code == 200, done.text
    me.cookies.clear()
    me.cookies.set("biye_session", done.cookies["biye_session"])
    me.headers["X-CSRF-Token"] = done.json()["csrf"]
    mine = me.get("/api/apply/accounts/me").json()
    assert mine["exam_no"] == who["exam_no"] and mine["name"] == who["name"]
    assert me.get("/api/eligibility/majors").status_code == 200
    assert activate(me, who).status_code == 409
    # the log of the account says what happened, and never holds the ID number
    account_id = table.get_item(Key=keys.login("email", "activate@test.biye.cn"))["Item"]["account_id"]
    logged = entries(table, keys.account(account_id)[keys.PK])
    assert {"activation_failed", "activated"} <= {e["action"] for e in logged}
    assert who["id_number"] not in str(logged)


def test_a_fourth_account_is_refused_and_only_the_office_locks_and_unlocks_a_record(portal, table):
    who = person(2)
    with client(portal, fresh_address()) as http:
        for n in range(4):
            hubei_account(http, f"many{n}@test.biye.cn")
    for n in range(3):
        me = signed_in(portal, "email", f"many{n}@test.biye.cn")
        answer = activate(me, who)
        if n:                                  # a record with an account: the code sent to its phone
            assert answer.status_code == 202, answer.text
            answer = activate(me, who, code=binding_code(table, who["phone"], f"many{n}@test.biye.cn"))
        assert answer.status_code == 200, answer.text
    fourth = signed_in(portal, "email", "many3@test.biye.cn")
    refused = activate(fourth, who)
    assert refused.status_code == 403 and "最多绑定 3 个账号" in refused.json()["error"]["message"]
    with client(portal, fresh_address()) as http:
        assert sign_in_answer(http, "email", "many0@test.biye.cn").status_code == 200     # nobody locked out
    other_city = staff(portal, table, "unlock-other", "city", ["420100" if who["office"] != "420100" else "420200"])
    for action in ("lock", "unlock"):
        assert other_city.post(f"/api/apply/staff/candidates/{who['exam_no']}/{action}",
                               json={"reason": "考生来电"}).status_code == 404
    assert other_city.get(f"/api/apply/staff/candidates/{who['exam_no']}/accounts").status_code == 404
    office = staff(portal, table, "unlock-own", "city", [who["office"]])
    assert office.post(f"/api/apply/staff/candidates/{who['exam_no']}/lock",
                       json={"reason": "有人冒用考籍注册账号"}).status_code == 200
    with client(portal, fresh_address()) as http:
        locked = sign_in_answer(http, "email", "many0@test.biye.cn")
    assert locked.status_code == 403 and "考籍已被锁定" in locked.json()["error"]["message"]
    listed = office.get(f"/api/apply/staff/candidates/{who['exam_no']}/accounts").json()
    assert listed["locked"] is True and len(listed["accounts"]) == 3
    assert listed["accounts"][0]["logins"]["email"].startswith("m***@")
    assert office.post(f"/api/apply/staff/candidates/{who['exam_no']}/unlock",
                       json={"reason": "本人持身份证到场核实"}).status_code == 200
    assert office.post(f"/api/apply/staff/candidates/{who['exam_no']}/unlock",
                       json={"reason": "再次解锁"}).status_code == 409
    with client(portal, fresh_address()) as http:
        assert sign_in_answer(http, "email", "many0@test.biye.cn").status_code == 200
    logged = {e["action"] for e in entries(table, keys.candidate(who["exam_no"])[keys.PK])}
    assert {"record_locked", "record_unlocked", "account_bound"} <= logged


def binding_code(table, phone: str, email: str) -> str:
    """The latest binding code the outbox holds for `phone` asked by the account of `email` (what the candidate
    reads on their phone). By account: two accounts asking in the same second have no order by time."""
    account = table.get_item(Key=keys.login("email", email))["Item"]["account_id"]
    today = beijing_day(int(time.time())).isoformat()
    sent = [m for m in SmsStore(table).day(today)
            if m["to"] == phone and m.get("message_kind") == "binding_code" and m.get("account") == account]
    return max(sent, key=lambda m: m["queued_at"])["values"]["code"]


def test_reset_by_security_question_allows_three_answers_and_ends_old_sessions(portal, table):
    with client(portal, fresh_address()) as http:
        made = register(http, email="forgot@test.biye.cn", security_question="我的小学校名？",
                        security_answer="红旗小学", password=PASSWORD, phone="13912340140")
        assert made.status_code == 201, made.text
    old = signed_in(portal, "email", "forgot@test.biye.cn")

    def ticket_with_question(http) -> str:
        """Steps 1 and 2: the e-mail gives a ticket and an SMS; the code from it shows the question."""
        earlier = reset_codes(table, "13912340140")
        ticket = http.post("/api/apply/password-reset/question",
                           json={"email": "forgot@test.biye.cn", **solved_captcha(http)}).json()["ticket"]
        shown = http.post("/api/apply/password-reset/verify",
                          json={"ticket": ticket, "code": reset_code(table, "13912340140", earlier)})
        assert shown.json()["question"] == "我的小学校名？", shown.text
        return ticket
    with client(portal, fresh_address()) as http:
        ticket = ticket_with_question(http)
        guess = {"ticket": ticket, "answer": "育才小学", "new_password": "New-pass-2026"}
        wrong = [http.post("/api/apply/password-reset/answer", json=guess) for _ in range(3)]
        assert [w.status_code for w in wrong] == [422] * 3 and "次数已用完" in wrong[-1].json()["error"]["message"]
        burned = http.post("/api/apply/password-reset/answer", json={"ticket": ticket, "answer": "红旗小学",
                                                                     "new_password": "New-pass-2026"})
        assert burned.status_code == 422 and "过期" in burned.json()["error"]["message"]
        ticket = ticket_with_question(http)
        # width, case and spaces do not matter in the answer
        done = http.post("/api/apply/password-reset/answer", json={"ticket": ticket, "answer": " 红旗 小学 ",
                                                                   "new_password": "New-pass-2026"})
        assert done.status_code == 200, done.text
        assert sign_in_answer(http, "email", "forgot@test.biye.cn").status_code == 401
        assert sign_in_answer(http, "email", "forgot@test.biye.cn", "New-pass-2026").status_code == 200
    assert old.get("/api/apply/session").status_code == 401


def reset_codes(table, phone: str) -> dict[str, str]:
    """{message id: code} of the 找回密码 codes the outbox holds for `phone` today."""
    today = beijing_day(int(time.time())).isoformat()
    return {m["SK"]: m["values"]["code"] for m in SmsStore(table).day(today)
            if m["to"] == phone and m.get("message_kind") == "reset_code"}


def reset_code(table, phone: str, earlier: dict[str, str] | None = None) -> str:
    """The 找回密码 code sent to `phone` since `earlier` (reset_codes before the request): two codes queued in one
    second have no order by their time, and a second code for the same request may take the first one's item."""
    earlier = earlier or {}
    new = {k: v for k, v in reset_codes(table, phone).items() if earlier.get(k) != v}     # new, or sent again
    assert len(new) == 1, new
    return next(iter(new.values()))


def test_a_one_time_code_from_the_office_resets_once(portal, table):
    who = person(3)
    with client(portal, fresh_address()) as http:
        hubei_account(http, "code@test.biye.cn")
    me = signed_in(portal, "email", "code@test.biye.cn")
    assert activate(me, who).status_code == 200
    account_id = table.get_item(Key=keys.login("email", "code@test.biye.cn"))["Item"]["account_id"]
    stranger = staff(portal, table, "code-other", "city", ["420100" if who["office"] != "420100" else "420200"])
    assert stranger.post(f"/api/apply/staff/accounts/{account_id}/reset-code").status_code == 404
    office = staff(portal, table, "code-own", "city", [who["office"]])
    assert "code" not in office.post(f"/api/apply/staff/accounts/{account_id}/reset-code").json()
    today = beijing_day(int(time.time())).isoformat()
    code = next(m["values"]["code"] for m in SmsStore(table).day(today)
                if m["to"] == who["phone"] and m.get("message_kind") == "reset_code")
    with client(portal, fresh_address()) as http:
        def use(value, password="Code-pass-2026"):
            return http.post("/api/apply/password-reset/code", json={"kind": "email", "identifier": "code@test.biye.cn",
                                                                     "code": value, "new_password": password,
                                                                     **solved_captcha(http)})
        assert use("AAAAA-AAAAA").status_code == 422
        assert use(code, password="weak").status_code == 422          # refused before the code is used up
        assert use(code.lower().replace("-", " ")).status_code == 200
        reused = use(code, password="Again-pass-2026")
        assert reused.status_code == 422 and "只能使用一次" in reused.json()["error"]["message"]
        assert sign_in_answer(http, "email", "code@test.biye.cn", "Code-pass-2026").status_code == 200
    actions = [e["action"] for e in entries(table, keys.account(account_id)[keys.PK])]
    assert {"reset_code_sent", "reset_code_wrong", "password_reset_by_code"} <= set(actions)


def test_the_admin_makes_staff_who_set_their_own_password(portal, table):
    admin = staff(portal, table, "admin-test", "admin")
    county = staff(portal, table, "not-admin", "city", ["420100"])
    body = {"login": "Wuhan-Reviewer", "name": "武汉审核员", "role": "city", "offices": ["420100"]}
    assert county.post("/api/apply/staff/accounts", json=body).status_code == 403
    outside = admin.post("/api/apply/staff/accounts", json={**body, "offices": ["340100"]})
    assert outside.status_code == 422 and "340100" in outside.json()["error"]["message"]
    made = admin.post("/api/apply/staff/accounts", json=body)
    assert made.status_code == 201, made.text
    assert admin.post("/api/apply/staff/accounts", json=body).status_code == 409
    with client(portal, fresh_address()) as http:
        set_first = http.post("/api/apply/password-reset/code", json={"kind": "staff", "identifier": "wuhan-reviewer",
                                                                      "code": made.json()["code"],
                                                                      "new_password": "Staff-pass-2026",
                                                                      **solved_captcha(http)})
        assert set_first.status_code == 200, set_first.text
    reviewer = signed_in(portal, "staff", "wuhan-reviewer", "Staff-pass-2026")
    assert reviewer.get("/api/apply/session").json()["who"]["offices"] == ["420100"]
    listed = admin.get("/api/apply/staff/accounts").json()["accounts"]
    reviewer_row = next(a for a in listed if a["login"] == "wuhan-reviewer")
    assert {"login": "wuhan-reviewer", "role": "city"}.items() <= reviewer_row.items()
    assert admin.post(f"/api/apply/staff/accounts/{made.json()['account_id']}/disable",
                      json={"reason": "调离岗位"}).status_code == 200
    assert reviewer.get("/api/apply/session").status_code == 401
    with client(portal, fresh_address()) as http:
        refused = sign_in_answer(http, "staff", "wuhan-reviewer", "Staff-pass-2026")
        assert refused.status_code == 403 and refused.json()["error"]["message"] == "该账号已停用，请联系省自考办"


def _anhui_person(table, n: int) -> dict:
    first17 = f"34010019900101{n:03d}"
    entry = {"exam_no": f"3401990{n:05d}", "name": f"皖考生{n}", "office": "340100",
             "id_number": first17 + id_check_digit(first17), "passed": []}
    table.put_item(Item=candidate_item(entry))
    return entry


def test_anhui_registration_is_在籍注册_and_signs_in_by_id_number_or_exam_no(portal, table):
    who = _anhui_person(table, 901)
    with serving("apply", "anhui"), client(portal, fresh_address()) as http:
        base = {"name": who["name"], "id_number": who["id_number"], "exam_no": who["exam_no"], "password": PASSWORD}
        bad_digit = register(http, **{**base, "id_number": who["id_number"][:17] + "X"})
        assert bad_digit.status_code == 422 and "校验位" in bad_digit.json()["error"]["message"]
        bad_date = register(http, **{**base, "id_number": "340100199002301234"})
        assert "出生日期" in bad_date.json()["error"]["message"]
        assert register(http, **{**base, "name": "别人"}).status_code == 422
        made = register(http, **{**base, "id_number": who["id_number"].lower()})
        assert made.status_code == 201 and made.json()["activated"] is True
        assert register(http, **base).status_code == 201          # the same answer: the owner is told instead
        assert sign_in_answer(http, "id_number", who["id_number"]).status_code == 200
        by_exam_no = sign_in_answer(http, "exam_no", who["exam_no"])
        assert by_exam_no.status_code == 200 and by_exam_no.json()["who"]["exam_no"] == who["exam_no"]
        assert sign_in_answer(http, "email", "x@y.cn").status_code == 422
        no_question = http.post("/api/apply/password-reset/question", json={"email": "x@y.cn", **solved_captcha(http)})
        assert no_question.status_code == 422 and "一次性验证码" in no_question.json()["error"]["message"]


def test_registration_records_the_使用协议_and_without_it_names_it_with_the_other_problems(portal, table):
    """Issue 19 item 18: the agreement is the candidate's, kept with the account; not only a box on the page."""
    who = _anhui_person(table, 902)
    with serving("apply", "anhui"), client(portal, fresh_address()) as http:
        base = {"name": who["name"], "id_number": who["id_number"], "exam_no": who["exam_no"], "password": PASSWORD}
        refused = register(http, **{**base, "agreement": False, "password": "short1A"})
        assert refused.status_code == 422, refused.text
        problems = {p["field"]: p["message"] for p in refused.json()["error"]["problems"]}
        assert problems["agreement"] == "请阅读并同意使用协议" and "至少 8 位" in problems["password"]
        assert table.get_item(Key=keys.login("id_number", who["id_number"])).get("Item") is None   # nothing stored
        before = int(time.time())
        assert register(http, **base).status_code == 201
        login = table.get_item(Key=keys.login("id_number", who["id_number"]))["Item"]
        account = table.get_item(Key=keys.account(login["account_id"]))["Item"]
        assert before <= account["agreed_at"] <= int(time.time())


@pytest.mark.parametrize("password,words",
                         [("short1A", "至少 8 位"), ("alllowercase", "至少两类"), ("aaaa1111", "重复")])
def test_weak_passwords_are_refused_with_the_reason(password, words):
    from functions.apply.accounts.rules import password_problem
    assert words in (password_problem(password) or "")


def test_shanxi_accounts_show_the_identity_check_still_to_do(portal, table):
    first17 = "14010019900101902"
    who = {"exam_no": "140199000902", "name": "晋考生", "office": "140100",
           "id_number": first17 + id_check_digit(first17), "passed": []}
    table.put_item(Item=candidate_item(who))
    with serving("apply", "shanxi"), client(portal, fresh_address()) as http:
        made = register(http, name=who["name"], id_number=who["id_number"], exam_no=who["exam_no"], password=PASSWORD)
        assert made.status_code == 201, made.text
    with serving("apply", "shanxi"):
        me = signed_in(portal, "id_number", who["id_number"])
        assert me.get("/api/apply/accounts/me").json()["identity"]["status"] == "not_started"
