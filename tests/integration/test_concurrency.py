"""Many requests at once, through the running portal: 100 identical submits make one application and one answer;
100 submits with different keys (a page reloaded between double clicks) still make one; two staff members of
the same office deciding at once: one decision, the other told; payment callbacks replayed and reordered in a
crowd: applied once."""
from __future__ import annotations

import random
import secrets
from concurrent.futures import ThreadPoolExecutor

import httpx
from support.applying import HOSTS, candidate, fill_in, ok, staff, submit
from support.portal_client import serving

from functions.common.audit_log import entries
from functions.common.dynamo import keys

OFFICE = "420100"


def ready(portal, table, office=OFFICE, province="hubei"):
    me = candidate(portal, table, office, province=province)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, province)
    # A crowd queues behind the portal's 16 Lambda workers: on a loaded 2-core CI machine its last answers came after
    # more than the usual minute. These tests count applications and answers; speed is the benchmarks' business.
    me.timeout = httpx.Timeout(300)
    return me


def logged(table, me, *actions) -> list[str]:
    return [e["action"] for e in entries(table, f"CAND#{me.who['exam_no']}") if e["action"] in actions]


def crowd(action, count: int = 100) -> list[httpx.Response]:
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda i: action(i), range(count)))


def test_a_hundred_identical_submits_make_one_application_and_one_answer(portal, table):
    me = ready(portal, table)
    key = secrets.token_urlsafe(16)
    answers = crowd(lambda _: submit(me, key))
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1
    assert logged(table, me, "submitted") == ["submitted"]


def test_a_hundred_submits_with_different_keys_still_make_one_application(portal, table):
    me = ready(portal, table)
    answers = crowd(lambda _: submit(me))
    assert sorted(a.status_code for a in answers) == [200] + [409] * 99
    assert logged(table, me, "submitted") == ["submitted"]


def test_two_staff_members_deciding_at_once_make_one_decision(portal, table):
    me = ready(portal, table)
    ok(submit(me))
    first, second = (staff(portal, table, f"crowd-city-{n}", "city", offices=(OFFICE,)) for n in (1, 2))
    path = f"/api/apply/staff/applications/{me.who['exam_no']}"
    ok(first.post(path + "/onsite"))
    bodies = [{"stage": "city_review", "decision": "approve"},
              {"stage": "city_review", "decision": "reject", "reason": "成绩与档案不符"}]
    answers = crowd(lambda i: (first, second)[i % 2].post(path + "/decision", json=bodies[i % 2]), 20)
    assert sorted(a.status_code for a in answers) == [200] + [409] * 19
    assert len(logged(table, me, "approved", "rejected")) == 1


def test_payment_callbacks_replayed_and_reordered_in_a_crowd_are_applied_once(portal, table):
    with serving("apply", "chongqing") as app, serving("photo", "chongqing"):
        me = ready(portal, table, "500103", "chongqing")
        ok(submit(me))
        university = staff(portal, table, "crowd-university", "university", universities=HOSTS)
        ok(university.post(f"/api/apply/staff/applications/{me.who['exam_no']}/decision",
                           json={"stage": "university_review", "decision": "approve"}))
        order = ok(me.get("/api/apply/application/payment"))
        sandbox = app.state.services.payments.provider("sandbox")
        bodies = [sandbox.callback_body(order["order_id"], 6000, outcome) for outcome in ("paid", "failed")] * 25
        random.Random(7).shuffle(bodies)
        anyone = httpx.Client(base_url=portal.url, timeout=60)
        answers = crowd(lambda i: anyone.post("/api/apply/payments/sandbox/callback", content=bodies[i],
                                              headers={"Content-Type": "application/json"}), len(bodies))
        assert {a.status_code for a in answers} == {200}
        assert table.get_item(Key=keys.order(order["order_id"]))["Item"]["status"] == "paid"
        assert logged(table, me, "paid") == ["paid"]
        assert ok(me.get("/api/apply/application"))["application"]["stage"] == "city_review"
