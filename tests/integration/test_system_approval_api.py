"""系统审核通过 through the running portal (山西, seed 004 step 5: 系统审核通过或招办全部审批通过后才可进行支付): a
clean application (audit without a finding, identity verified, photo passed) is passed by the system at submit, so the
fee is due at once and the county's queue never holds it, the history saying 系统审核通过 with no staff name; one
with its 前置学历 waiting for the county's 学信网 check stays in the county's queue, and the system passes it as soon
as the county records the 前置学历 verified (the last missing condition).
"""
from __future__ import annotations

import pytest
from support.applying import NO_PRIOR, candidate, fill_in, ok, pay, prior_pending, staff, submit, verify_identity
from support.portal_client import serving

OFFICE = "140105"
LIST = "/api/apply/staff/applications"


@pytest.fixture(scope="module")
def county(portal, table):
    with serving("apply", "shanxi"), serving("photo", "shanxi"):
        yield staff(portal, table, "system-county", "county", offices=(OFFICE,))


def applying(portal, table, **record):
    """A 山西 candidate with identity verified, the major chosen and everything asked filled in (photo approved)."""
    me = candidate(portal, table, OFFICE, province="shanxi", **record)
    verify_identity(me)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    return me


def queue(county) -> list[str]:
    return [r["exam_no"] for r in ok(county.get(LIST, params={"stage": "county_review", "limit": 100}))["items"]]


def history(county, me) -> list[dict]:
    return ok(county.get(f"{LIST}/{me.who['exam_no']}"))["history"]


def test_a_clean_application_is_passed_by_the_system_and_the_fee_is_due_at_once(portal, table, county):
    me = applying(portal, table)
    fill_in(me, "shanxi", reviewer=county)
    answer = ok(submit(me))["application"]
    assert (answer["stage"], answer["status_text"]) == ("fee", "系统审核通过，待网上缴费")
    assert "pay" in answer["actions"] and "缴纳毕业审核费 50 元" in answer["next_step"]
    order = ok(me.get("/api/apply/application/payment"))
    assert order["amount_fen"] == 5000
    assert me.who["exam_no"] not in queue(county)
    passed = [h for h in history(county, me) if h["action"] == "system_approved"]
    assert len(passed) == 1 and passed[0]["actor"] == {"kind": "system"}      # nobody's name: no person decided
    assert [m["status_text"] for m in ok(me.get("/api/apply/messages"))["messages"]] == ["系统审核通过，待网上缴费"]
    assert pay(me)["applied"] is True
    assert ok(me.get("/api/apply/application"))["application"]["stage"] == "registration_form"


def test_one_waiting_for_the_county_stays_in_its_queue_until_the_last_condition_holds(portal, table, county):
    me = applying(portal, table, like=NO_PRIOR)
    fill_in(me, "shanxi", reviewer=county)
    prior_pending(me)
    answer = ok(submit(me))["application"]
    assert (answer["stage"], answer["status_text"]) == ("county_review", "待县(市、区)招办审核")
    assert "pay" not in answer["actions"] and me.who["exam_no"] in queue(county)
    assert "system_approved" not in [h["action"] for h in history(county, me)]

    ok(county.post(f"{LIST}/{me.who['exam_no']}/prior-education", json={"decision": "verified"}))
    now = ok(me.get("/api/apply/application"))["application"]
    assert (now["stage"], now["status_text"]) == ("fee", "系统审核通过，待网上缴费") and "pay" in now["actions"]
    assert ok(me.get("/api/apply/application/payment"))["amount_fen"] == 5000       # the order is ready to pay
    assert me.who["exam_no"] not in queue(county)
    assert [h["actor"] for h in history(county, me) if h["action"] == "system_approved"] == [{"kind": "system"}]
