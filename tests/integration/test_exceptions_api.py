"""Staff exceptions with four eyes, through the running portal (湖北, the provincial office): one member of staff
asks to force-complete, waive or substitute with a written reason and sees the verdict it would give; nothing
changes until a second, different member of the office approves it; then the engine applies it, the candidate's
audit shows it, and the audit log names both people. A rejected or withdrawn request changes nothing; the wrong role
is refused (403), another office finds no such application (404), a second decision is a 409, every bad input a
Chinese message naming the field; an application with an exception is never approved in bulk.

Before this change one member of staff of any role applied an exception alone and at once
(POST /api/eligibility/staff/candidates/{准考证号}/exceptions/{plan}: test_review_decisions' city reviewer did).
"""
from __future__ import annotations

import pytest
from support.applying import OFFICES, fill_in, ok, refused, short_of_one_course, staff, submit

from functions.common.audit_log import entries
from functions.common.dynamo import keys

OFFICE = OFFICES["hubei"]


@pytest.fixture(scope="module")
def team(portal, table):
    return {"asker": staff(portal, table, "exc-province-a", "province"),
            "second": staff(portal, table, "exc-province-b", "province"),
            "city": staff(portal, table, "exc-city", "city", offices=(OFFICE,)),
            "other_city": staff(portal, table, "exc-city2", "city", offices=("421000",))}


def path(me, rest: str = "") -> str:
    return f"/api/apply/staff/applications/{me.who['exam_no']}/exceptions{rest}"


def logged(table, me) -> list[dict]:
    return [e for e in entries(table, keys.candidate(me.who["exam_no"])[keys.PK])
            if e["action"].startswith("exceptions.")]


def test_an_exception_takes_effect_only_when_a_second_person_approves_it(portal, table, team):
    me, plan, course = short_of_one_course(portal, table)
    audit = f"/api/eligibility/audits/{plan}"
    asked = {"kind": "force_complete", "target": course, "reason": "档案核对：该课程成绩漏录"}

    preview = ok(team["asker"].post(path(me, "/preview"), json=asked))
    assert (preview["verdict_now"], preview["verdict_after"]) == ("暂不符合", "符合毕业条件")
    assert course in preview["what"] and preview["what"].startswith("认定")
    answer = ok(team["asker"].post(path(me), json=asked))
    request = answer["requests"][0]
    assert (request["status"], request["mine"], request["verdict_after"]) == ("pending", True, "符合毕业条件")
    assert ok(me.get(audit))["verdict"] == "NOT_ELIGIBLE"          # asked is not done

    # The one who asked cannot approve; the city is not the office that decides; another city sees nothing.
    decide = path(me, f"/{request['id']}")
    refused(team["asker"].post(decide, json={"decision": "approve"}), 403)
    refused(team["city"].post(decide, json={"decision": "approve"}), 403)
    refused(team["city"].post(path(me), json=asked), 403)
    refused(team["other_city"].post(decide, json={"decision": "approve"}), 404)
    refused(team["other_city"].get(path(me)), 404)
    assert ok(me.get(audit))["verdict"] == "NOT_ELIGIBLE"

    waiting = ok(team["second"].get("/api/apply/staff/exceptions/pending"))["requests"]
    assert [r["id"] for r in waiting if r["exam_no"] == me.who["exam_no"]] == [request["id"]]
    assert request["id"] not in [r["id"] for r in ok(team["asker"].get("/api/apply/staff/exceptions/pending"))
                                 ["requests"]]
    refused(team["city"].get("/api/apply/staff/exceptions/pending"), 403)

    approved = ok(team["second"].post(decide, json={"decision": "approve"}))["requests"][0]
    assert approved["status"] == "approved" and approved["decided_by_name"].startswith("exc-province-b")
    refused(team["second"].post(decide, json={"decision": "approve"}), 409)
    refused(team["asker"].post(decide, json={"decision": "withdraw"}), 409)
    now = ok(me.get(audit))
    assert now["verdict"] == "ELIGIBLE" and now["course_status"][course] == "认定合格"
    applied = now["exceptions_applied"][0]
    assert applied["reason"] == "档案核对：该课程成绩漏录" and applied["approved_by"] != applied["staff_id"]
    steps = logged(table, me)
    assert [e["action"] for e in steps] == ["exceptions.request", "exceptions.approve"]
    assert steps[0]["actor"]["account_id"] != steps[1]["actor"]["account_id"]
    assert all(e["reason"] == "档案核对：该课程成绩漏录" and e["at"] for e in steps)
    assert steps[1]["after"]["what"] == preview["what"]
    assert request["id"] not in [r["id"] for r in ok(team["second"].get("/api/apply/staff/exceptions/pending"))
                                 ["requests"]]

    # Now eligible, the candidate submits; bulk approval leaves the application for a person to look at.
    fill_in(me, "hubei")
    ok(submit(me))
    bulk = ok(team["city"].post("/api/apply/staff/applications/bulk-approve",
                                json={"stage": "city_review", "exam_nos": [me.who["exam_no"]]}))
    assert bulk["approved"] == [] and bulk["skipped"][0]["code"] == "EXCEPTIONS"


def test_a_rejected_or_withdrawn_request_changes_nothing(portal, table, team):
    me, plan, course = short_of_one_course(portal, table)
    audit = f"/api/eligibility/audits/{plan}"
    first = ok(team["asker"].post(path(me), json={"kind": "waive", "target": course, "reason": "课程已停考"}))
    request = first["requests"][0]
    decide = path(me, f"/{request['id']}")
    refused(team["second"].post(decide, json={"decision": "reject", "reason": "  "}), 422, "reason")
    refused(team["second"].post(decide, json={"decision": "withdraw"}), 403)
    rejected = ok(team["second"].post(decide, json={"decision": "reject", "reason": "停考课程有顶替规则，不应免除"}))
    assert rejected["requests"][0]["status_name"] == "未批准，不生效"
    refused(team["asker"].post(decide, json={"decision": "approve"}), 409)

    again = ok(team["asker"].post(path(me), json={"kind": "waive", "target": "total", "reason": "老计划学分"}))
    second = next(r for r in again["requests"] if r["status"] == "pending")
    ok(team["asker"].post(path(me, f"/{second['id']}"), json={"decision": "withdraw"}))
    refused(team["second"].post(path(me, f"/{second['id']}"), json={"decision": "approve"}), 409)

    now = ok(me.get(audit))
    assert now["verdict"] == "NOT_ELIGIBLE" and now["exceptions"] == []
    assert [e["action"] for e in logged(table, me)] == [
        "exceptions.request", "exceptions.reject", "exceptions.request", "exceptions.withdraw"]
    assert table.get_item(Key=keys.candidate_exceptions(me.who["exam_no"], plan)).get("Item") is None


def test_every_bad_request_names_its_field_and_stores_nothing(portal, table, team):
    me, plan, course = short_of_one_course(portal, table)
    asker = team["asker"]
    error = refused(asker.post(path(me), json={"kind": "force_complete", "reason": " "}), 422)
    assert {p["field"] for p in error["problems"]} == {"reason", "target"}
    refused(asker.post(path(me), json={"kind": "force_complete", "target": "99999", "reason": "核对"}), 422, "target")
    refused(asker.post(path(me), json={"kind": "force_complete", "target": "total", "reason": "核对"}), 422, "target")
    error = refused(asker.post(path(me), json={"kind": "substitute", "reason": "课程替代"}), 422)
    assert {p["field"] for p in error["problems"]} == {"use", "replace"}
    refused(asker.post(path(me), json={"kind": "substitute", "use": "99999", "replace": course, "reason": "替代"}),
            422, "use")
    refused(asker.post(path(me), json={"kind": "forget", "target": course, "reason": "x"}), 422)
    refused(asker.post(path(me), json={"kind": "waive", "target": "<script>", "reason": "x"}), 422)
    refused(asker.post(path(me), json={"kind": "waive", "target": course, "reason": "长" * 201}), 422)
    refused(asker.post(path(me, "/0123456789abcdef"), json={"decision": "approve"}), 404)
    refused(asker.post(path(me, "/0123456789abcdef"), json={"decision": "maybe"}), 422)
    ok(asker.post(path(me), json={"kind": "waive", "target": course, "reason": "课程停考"}))
    refused(asker.post(path(me), json={"kind": "force_complete", "target": course, "reason": "成绩漏录"}),
            422, "target")                                     # the same requirement twice
    assert [e["action"] for e in logged(table, me)] == ["exceptions.request"]
    # The old way, one person of any role at once, is gone.
    gone = team["city"].post(f"/api/eligibility/staff/candidates/{me.who['exam_no']}/exceptions/{plan}",
                             json={"kind": "waive", "target": course, "reason": "课程停考"})
    assert gone.status_code in (404, 405)
    assert ok(me.get(f"/api/eligibility/audits/{plan}"))["exceptions"] == []
