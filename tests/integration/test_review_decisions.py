"""Decisions through the staff lists: bulk approval of clean applications (and what it skips, and why), two staff
approving at once, and each province's order of stages as the queues show it."""
from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.portal_client import serving
from support.review_world import (
    REFUSED_TRANSFER,
    approved_photo,
    candidate,
    import_extra,
    staff,
    submit,
    verify_identity,
    walk,
)

from functions.apply.application import lifecycle
from functions.common.audit_log import entries
from functions.common.dynamo import keys

LIST = "/api/apply/staff/applications"
BULK = f"{LIST}/bulk-approve"


@pytest.fixture(scope="module")
def world(portal, table):
    from functions.apply.app import app
    records = import_extra(table, 320, 56)
    # One spare record per province, for the walks through the stages.
    spare = dict(zip(["hubei", "anhui", "chongqing", "shanxi"], records[-4:], strict=True))
    mine = {r["exam_no"]: r for r in records[:-4] if submit(app, r)}
    here, there = [o for o, _ in Counter(r["office"] for r in mine.values()).most_common(2)]
    return {"app": app, "mine": mine, "spare": spare, "here": here, "there": there, "portal": portal, "table": table,
            "city": staff(portal, table, "rd-city", "city", [here]),
            "city2": staff(portal, table, "rd-city-2", "city", [here]),
            "university": staff(portal, table, "rd-university", "university",
                                universities=["南京航空航天大学", "南京财经大学", "南京师范大学", "南京农业大学"]),
            "province": staff(portal, table, "rd-province", "province")}


def in_office(world, office):
    return [e for e, r in world["mine"].items() if r["office"] == office]


def has_finding(record) -> bool:
    return REFUSED_TRANSFER in record["transfers"]


def test_bulk_approval_approves_the_clean_and_says_why_it_skipped_the_rest(world):
    city, here = world["city"], world["here"]
    ours = in_office(world, here)
    unconfirmed = next(e for e in ours if not has_finding(world["mine"][e]))       # clean, but not come in yet
    decided, *rest = [e for e in ours if e != unconfirmed]
    for exam_no in [decided, *rest]:
        assert city.post(f"{LIST}/{exam_no}/onsite").status_code == 200
    single = city.post(f"{LIST}/{decided}/decision", json={"stage": "city_review", "decision": "approve"})
    assert single.status_code == 200, single.text
    theirs = in_office(world, world["there"])[0]
    wrong_role = world["university"].post(BULK, json={"stage": "city_review", "exam_nos": ours})
    assert wrong_role.status_code == 403
    answer = city.post(BULK, json={"stage": "city_review", "exam_nos": [*ours, theirs]})
    assert answer.status_code == 200, answer.text
    skipped = {s["exam_no"]: s for s in answer.json()["skipped"]}
    clean = [e for e in rest if not has_finding(world["mine"][e])]
    assert answer.json()["approved"] == clean and clean
    assert skipped[decided]["code"] == "NOT_AT_STAGE" and "主考院校审核" in skipped[decided]["message"]
    assert skipped[theirs]["code"] == "NOT_FOUND"                     # another city's: as if it did not exist
    assert "现场确认" in skipped[unconfirmed]["message"]
    with_findings = [e for e in rest if has_finding(world["mine"][e])]
    assert with_findings and all(skipped[e]["code"] == "FINDINGS" and "TRANSFER_REJECTED" in skipped[e]["findings"]
                                 for e in with_findings)
    queue = {r["exam_no"] for r in walk(world["university"], LIST, stage="university_review")}
    assert set(clean) | {decided} <= queue


def test_two_staff_approving_in_bulk_at_once_decide_each_application_once(world):
    there = world["there"]
    both = [staff(world["portal"], world["table"], f"rd-there-{n}", "city", [there]) for n in (1, 2)]
    ours = [e for e in in_office(world, there) if not has_finding(world["mine"][e])]
    for exam_no in ours:
        assert both[0].post(f"{LIST}/{exam_no}/onsite").status_code == 200
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda http: http.post(BULK, json={"stage": "city_review", "exam_nos": ours}), both))
    assert all(a.status_code == 200 for a in answers)
    approved = [set(a.json()["approved"]) for a in answers]
    assert approved[0] | approved[1] == set(ours) and not approved[0] & approved[1]
    for answer in answers:
        assert all(s["code"] in ("CONFLICT", "TRANSITION_REFUSED", "NOT_AT_STAGE") for s in answer.json()["skipped"])
    for exam_no in ours:
        log = entries(world["table"], keys.candidate(exam_no)[keys.PK])
        assert [e["action"] for e in log].count("approved") == 1


@pytest.mark.parametrize("code", ["hubei", "anhui", "chongqing", "shanxi"])
def test_each_provinces_stages_come_in_its_order_through_the_queues(world, code):
    """At every stage of the province's order the application is in that stage's queue and no other, for the
    province and for the stage's own office; staff decide through the API. The candidate's side (sections,
    uploads, the sandbox payment page) is walked in test_province_walks: here the submit and the provider's
    confirmation go straight through the application store, the one write path."""
    app, record = world["app"], world["spare"][code]
    exam_no, office = record["exam_no"], record["office"]
    with serving("apply", code):
        data, store = app.state.profile.data, app.state.services.applications
        me = candidate(record)
        if data["login"]["identity_check"] == "photos":
            verify_identity(world["table"], me)
        if data["application"]["photo_review"]:
            approved_photo(world["table"], exam_no)
        app.state.services.submissions.choose(me, record["majors"][0], [])
        store.transition(store.mine(exam_no)[1], lifecycle.Submit(at=int(time.time())), me, "submitted")
        stages = data["review"]["stages"]

        def queues_holding(http) -> list[str]:
            return [s["id"] for s in stages if exam_no in {r["exam_no"] for r in walk(http, LIST, stage=s["id"])}]
        for stage in stages:
            assert queues_holding(world["province"]) == [stage["id"]]
            if stage["kind"] == "payment":
                paid = lifecycle.PaymentConfirmed(order_id=f"T{exam_no}", amount_fen=data["fee"]["amount_yuan"] * 100,
                                                  at=int(time.time()))
                store.transition(store.mine(exam_no)[1], paid, "sandbox", "paid")
                continue
            reviewer = reviewer_of(world, stage["role"], office)
            assert queues_holding(reviewer) == [stage["id"]]
            if data["application"]["onsite_confirmation"] and stage is stages[0]:
                assert reviewer.post(f"{LIST}/{exam_no}/onsite").status_code == 200
            if stage.get("joint_with"):                 # 安徽's 会审: the joint office's 同意 comes first
                joint = reviewer_of(world, stage["joint_with"], office)
                assert queues_holding(joint) == [stage["id"]]
                agreed = joint.post(f"{LIST}/{exam_no}/decision", json={"stage": stage["id"], "decision": "approve"})
                assert agreed.status_code == 200, agreed.text
            decided = reviewer.post(f"{LIST}/{exam_no}/decision", json={"stage": stage["id"], "decision": "approve"})
            assert decided.status_code == 200, decided.text
        assert queues_holding(world["province"]) == []
        assert exam_no in {r["exam_no"] for r in walk(world["province"], LIST, status="approved", office=office)}


def reviewer_of(world, role: str, office: str):
    if role in ("county", "city"):
        return staff(world["portal"], world["table"], f"rd-{role}-{office}", role, [office])
    return world["university"] if role == "university" else world["province"]


def test_an_exception_reaches_the_engine_within_my_jurisdiction_only(world):
    """Asked by one provincial officer, approved by another: the staff page's audit and history then show it; a
    city office may not ask (403), another city's finds no such application (404)."""
    exam_no = in_office(world, world["there"])[-1]
    plan = world["province"].get(f"{LIST}/{exam_no}").json()["application"]["plan_id"]
    full = world["province"].get(f"/api/eligibility/staff/candidates/{exam_no}/audits/{plan}").json()
    course = next(iter(full["course_status"]))
    body = {"kind": "force_complete", "target": course, "reason": "档案核对：成绩已复核"}
    path = f"{LIST}/{exam_no}/exceptions"
    assert world["city"].post(path, json=body).status_code == 404            # another city's candidate
    assert reviewer_of(world, "city", world["there"]).post(path, json=body).status_code == 403
    asked = world["province"].post(path, json=body)
    assert asked.status_code == 200, asked.text
    second = staff(world["portal"], world["table"], "rd-province-2", "province")
    request = asked.json()["requests"][-1]["id"]
    approved = second.post(f"{path}/{request}", json={"decision": "approve"})
    assert approved.status_code == 200, approved.text
    page = world["province"].get(f"{LIST}/{exam_no}").json()
    applied = page["audit"]["now"]["exceptions_applied"]
    assert [e["reason"] for e in applied] == ["档案核对：成绩已复核"]
    assert [h["action"] for h in page["history"] if h["action"].startswith("exceptions.")] == [
        "exceptions.request", "exceptions.approve"]
