"""The application through 湖北's stages on the embedded stack: choose a major (the engine's gates), submit exactly
once, withdraw, on-site confirmation, decisions by city, host university and province, the window."""
from __future__ import annotations

import secrets
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from portal_client import PASSWORD, serving, signed_in

from functions.apply.accounts import NewAccount, create_account
from functions.common import keys
from functions.common.audit_log import entries
from functions.common.profiles import load_profile
from infra.demo.generate import generate

DEMO = generate("hubei")
ELIGIBLE = [c for c in DEMO if c["demo_case"] == "eligible"]


@pytest.fixture(scope="module")
def clients(portal, table):
    """Eligible demo candidates 1–4 (0 is the portal's own demo login), and staff of each stage's role."""
    made, now = {}, int(time.time())
    for n in (1, 2, 3, 4):
        who = ELIGIBLE[n]
        email = f"app{who['exam_no']}@test.biye.cn"
        create_account(table, NewAccount(kind="candidate", display_name=who["name"], logins={"email": email},
                                         password=PASSWORD, exam_no=who["exam_no"]), now, max_per_record=3)
        made[n] = signed_in(portal, "email", email)
        made[n].who = who
    theirs = sorted({made[n].who["office"] for n in made})
    other = next(o["code"] for o in load_profile("hubei").data["offices"] if o["code"] not in theirs)
    hosts = ("南京航空航天大学", "南京财经大学", "南京师范大学", "南京农业大学")
    for login, role, offices, universities in (("app-city", "city", theirs, ()), ("app-other-city", "city", [other], ()),
                                               ("app-university", "university", (), hosts),
                                               ("app-province", "province", (), ())):
        create_account(table, NewAccount(kind="staff", display_name=login, logins={"staff": login}, password=PASSWORD,
                                         role=role, offices=tuple(offices), universities=universities), now)
        made[login] = signed_in(portal, "staff", login)
    return made


def choose(me):
    """Choose the major and fill in what 湖北 requires before a submit (the contact details)."""
    chosen = me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]})
    if chosen.status_code != 200:
        return chosen
    contact = me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "武汉市洪山区珞喻路1号"})
    assert contact.status_code == 200, contact.text
    return me.get("/api/apply/application").json()["application"] and _answer(me)


def _answer(me):
    class Answer:   # the application as the page reads it after choosing and filling in
        status_code = 200
        def json(self):
            return me.get("/api/apply/application").json()["application"]
    return Answer()


def submit(me, version: int, key: str | None = None):
    return me.post("/api/apply/application/submit", json={"version": version},
                   headers={"Idempotency-Key": key or secrets.token_urlsafe(16)})


def test_a_blocked_major_is_refused_with_the_engines_reason(portal, table):
    banned = next(c for c in DEMO if c["demo_case"] == "discipline_ban")
    create_account(table, NewAccount(kind="candidate", display_name="x", logins={"email": "banned@test.biye.cn"},
                                     password=PASSWORD, exam_no=banned["exam_no"]), int(time.time()), max_per_record=3)
    me = signed_in(portal, "email", "banned@test.biye.cn")
    refused = me.put("/api/apply/application/major", json={"plan_id": banned["majors"][0]})
    assert refused.status_code == 409 and "不符合毕业申请条件" in refused.json()["error"]["message"]
    assert me.get("/api/apply/application").json()["application"] is None


def test_double_and_concurrent_submits_make_one_application(clients, table):
    me = clients[1]
    chosen = choose(me)
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["status_text"] == "未提交" and chosen.json()["actions"] == ["submit"]
    key, version = secrets.token_urlsafe(16), chosen.json()["version"]
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: submit(me, version, key), range(20)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.json()["reference"] for a in answers}) == 1
    assert submit(me, version, key).json() == answers[0].json()      # a retry later gets the same answer
    other_key = submit(me, version)                                    # a second submit is not a second application
    assert other_key.status_code == 409
    logged = [e["action"] for e in entries(table, keys.candidate(me.who["exam_no"])[keys.PK]) if e["action"] == "submitted"]
    assert logged == ["submitted"]
    mine = me.get("/api/apply/application").json()["application"]
    assert mine["status_text"] == "待现场确认" and "现场确认" in mine["next_step"]


def test_withdraw_before_anyone_decides_and_not_after(clients):
    me = clients[2]
    version = choose(me).json()["version"]
    submitted = submit(me, version).json()["application"]
    assert "withdraw" in submitted["actions"]
    back = me.post("/api/apply/application/withdraw", json={"version": submitted["version"]})
    assert back.status_code == 200 and back.json()["status"] == "draft"
    # a decision on the withdrawn application is refused and changes nothing
    city = clients["app-city"]
    late = city.post(f"/api/apply/staff/applications/{me.who['exam_no']}/decision",
                     json={"stage": "city_review", "decision": "approve"})
    assert late.status_code == 409
    again = submit(me, back.json()["version"]).json()["application"]
    assert city.post(f"/api/apply/staff/applications/{me.who['exam_no']}/onsite").status_code == 200
    assert me.post("/api/apply/application/withdraw", json={"version": again["version"] + 1}).status_code == 409


def test_hubei_city_university_province_to_approved_and_jurisdiction(clients):
    me, exam_no = clients[3], clients[3].who["exam_no"]
    submit(me, choose(me).json()["version"])
    path = f"/api/apply/staff/applications/{exam_no}"
    assert clients["app-other-city"].post(path + "/onsite").status_code == 404
    early = clients["app-city"].post(path + "/decision", json={"stage": "city_review", "decision": "approve"})
    assert early.status_code == 409 and "现场确认" in early.json()["error"]["message"]
    assert clients["app-city"].post(path + "/onsite").status_code == 200
    wrong_role = clients["app-university"].post(path + "/decision", json={"stage": "city_review", "decision": "approve"})
    assert wrong_role.status_code == 403
    steps = [("app-city", "city_review"), ("app-university", "university_review"), ("app-province", "province_review")]
    for login, stage in steps:
        answer = clients[login].post(path + "/decision", json={"stage": stage, "decision": "approve"})
        assert answer.status_code == 200, answer.text
    assert me.get("/api/apply/application").json()["application"]["status_text"] == "审核通过"
    stale = clients["app-province"].post(path + "/decision", json={"stage": "province_review", "decision": "approve"})
    assert stale.status_code == 409


def test_two_staff_deciding_at_once_one_wins_and_the_other_is_told(clients):
    me, exam_no = clients[4], clients[4].who["exam_no"]
    submit(me, choose(me).json()["version"])
    path = f"/api/apply/staff/applications/{exam_no}"
    clients["app-city"].post(path + "/onsite")
    bodies = [{"stage": "city_review", "decision": "approve"},
              {"stage": "city_review", "decision": "reject", "reason": "成绩与档案不符"}] * 4
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda b: clients["app-city"].post(path + "/decision", json=b), bodies))
    assert sorted(a.status_code for a in answers) == [200] + [409] * 7
    no_reason = clients["app-university"].post(path + "/decision", json={"stage": "university_review", "decision": "reject"})
    assert no_reason.status_code in (409, 422)


def test_the_window_closed_is_said_with_its_dates(clients, portal):
    from functions.apply.app import app
    me = clients[1]
    before = app.state.clock
    app.state.clock = lambda: int(time.mktime((2027, 2, 1, 0, 0, 0, 0, 0, 0)))
    try:
        closed = me.get("/api/apply/application").json()["window_closed"]
        refused = me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]})
    finally:
        app.state.clock = before
    assert "已经结束" in closed and "2027-01-15 17:00" in closed
    assert refused.status_code == 409 and "已经结束" in refused.json()["error"]["message"]


def test_shanxi_candidates_apply_only_after_the_identity_check(clients):
    with serving("apply", "shanxi"):
        refused = clients[2].put("/api/apply/application/major", json={"plan_id": clients[2].who["majors"][0]})
    assert refused.status_code == 409 and "身份认证" in refused.json()["error"]["message"]
