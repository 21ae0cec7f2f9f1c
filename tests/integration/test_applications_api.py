"""The application on 湖北's stack: choosing a major behind the engine's gates, submitting exactly once, withdrawing,
decisions on a withdrawn or stale application, two staff at once, the window, and 山西's identity gate."""
from __future__ import annotations

import secrets
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.applying import candidate, ok, staff, submit
from support.portal_client import PASSWORD, serving, signed_in

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.audit_log import entries
from infra.demo.generate import generate

OFFICE, OTHER_OFFICE = "420100", "420200"
HOSTS = ("南京航空航天大学", "南京财经大学", "南京师范大学", "南京农业大学")


@pytest.fixture(scope="module")
def team(portal, table):
    return {"city": staff(portal, table, "app-city", "city", offices=(OFFICE,)),
            "other-city": staff(portal, table, "app-other-city", "city", offices=(OTHER_OFFICE,)),
            "university": staff(portal, table, "app-university", "university", universities=HOSTS),
            "province": staff(portal, table, "app-province", "province")}


def ready(portal, table):
    """A 湖北 candidate who chose a major and gave contact details: ready to submit."""
    me = candidate(portal, table, OFFICE)
    chosen = ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    assert chosen["status_text"] == "未提交" and chosen["actions"] == ["submit"]
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"]}))
    return me


def path(me) -> str:
    return f"/api/apply/staff/applications/{me.who['exam_no']}"


def application(me) -> dict:
    return ok(me.get("/api/apply/application"))["application"]


def test_a_blocked_major_is_refused_with_the_engines_reason(portal, table):
    banned = next(c for c in generate("hubei") if c["demo_case"] == "discipline_ban")
    create_account(table, NewAccount(kind="candidate", display_name="x", logins={"email": "banned@test.biye.cn"},
                                     password=PASSWORD, exam_no=banned["exam_no"]), int(time.time()), max_per_record=3)
    me = signed_in(portal, "email", "banned@test.biye.cn")
    refused = me.put("/api/apply/application/major", json={"plan_id": banned["majors"][0]})
    assert refused.status_code == 409 and "不符合毕业申请条件" in refused.json()["error"]["message"]
    assert ok(me.get("/api/apply/application"))["application"] is None


def test_double_and_concurrent_submits_make_one_application(portal, table):
    me = ready(portal, table)
    key = secrets.token_urlsafe(16)
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: submit(me, key), range(20)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.json()["reference"] for a in answers}) == 1
    assert submit(me, key).json() == answers[0].json()                 # a retry later gets the same answer
    assert submit(me).status_code == 409                               # a new key is not a second application
    logged = [e["action"] for e in entries(table, f"CAND#{me.who['exam_no']}") if e["action"] == "submitted"]
    assert logged == ["submitted"]
    assert application(me)["status_text"] == "待现场确认" and "现场确认" in application(me)["next_step"]


def test_withdraw_before_anyone_decides_and_a_decision_on_the_withdrawn_application(portal, table, team):
    me = ready(portal, table)
    submitted = ok(submit(me))["application"]
    assert "withdraw" in submitted["actions"]
    back = ok(me.post("/api/apply/application/withdraw", json={"version": submitted["version"]}))
    assert back["status"] == "draft" and back["status_text"] == "已撤回，未提交"
    late = team["city"].post(path(me) + "/decision", json={"stage": "city_review", "decision": "approve"})
    assert late.status_code == 409 and application(me)["version"] == back["version"]   # refused, nothing changed
    again = ok(submit(me))["application"]
    ok(team["city"].post(path(me) + "/onsite"))
    locked = me.post("/api/apply/application/withdraw", json={"version": again["version"] + 1})
    assert locked.status_code == 409 and "现场确认" in locked.json()["error"]["message"]


def test_hubei_city_university_province_to_approved_and_jurisdiction(portal, table, team):
    me = ready(portal, table)
    ok(submit(me))
    assert team["other-city"].post(path(me) + "/onsite").status_code == 404
    early = team["city"].post(path(me) + "/decision", json={"stage": "city_review", "decision": "approve"})
    assert early.status_code == 409 and "现场确认" in early.json()["error"]["message"]
    ok(team["city"].post(path(me) + "/onsite"))
    wrong_role = team["university"].post(path(me) + "/decision", json={"stage": "city_review", "decision": "approve"})
    assert wrong_role.status_code == 403
    for role, stage in (("city", "city_review"), ("university", "university_review"), ("province", "province_review")):
        ok(team[role].post(path(me) + "/decision", json={"stage": stage, "decision": "approve"}))
    assert application(me)["status_text"] == "审核通过"
    stale = team["province"].post(path(me) + "/decision", json={"stage": "province_review", "decision": "approve"})
    assert stale.status_code == 409


def test_two_staff_deciding_at_once_one_wins_and_the_other_is_told(portal, table, team):
    me = ready(portal, table)
    ok(submit(me))
    ok(team["city"].post(path(me) + "/onsite"))
    bodies = [{"stage": "city_review", "decision": "approve"},
              {"stage": "city_review", "decision": "reject", "reason": "成绩与档案不符"}] * 4
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda b: team["city"].post(path(me) + "/decision", json=b), bodies))
    assert sorted(a.status_code for a in answers) == [200] + [409] * 7
    decided = [e for e in entries(table, f"CAND#{me.who['exam_no']}") if e["action"] in ("approved", "rejected")]
    assert len(decided) == 1


def test_a_submit_after_the_window_closed_is_refused_with_its_dates_and_stores_nothing(portal, table):
    from functions.apply.app import app
    me = ready(portal, table)
    before_version, before = application(me)["version"], app.state.clock
    app.state.clock = lambda: int(time.mktime((2027, 2, 1, 0, 0, 0, 0, 0, 0)))
    try:
        closed = ok(me.get("/api/apply/application"))["window_closed"]
        refused = submit(me)
        choose = me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]})
    finally:
        app.state.clock = before
    assert "已经结束" in closed and "2027-01-15 17:00" in closed
    assert refused.status_code == 409 and "已经结束" in refused.json()["error"]["message"]
    assert choose.status_code == 409
    now = application(me)
    assert now["status"] == "draft" and now["version"] == before_version
    assert not [e for e in entries(table, f"CAND#{me.who['exam_no']}") if e["action"] == "submitted"]


def test_shanxi_candidates_apply_only_after_the_identity_check(portal, table):
    me = candidate(portal, table, OFFICE)
    with serving("apply", "shanxi"):
        refused = me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]})
    assert refused.status_code == 409 and "身份认证" in refused.json()["error"]["message"]
