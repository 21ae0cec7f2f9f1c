"""Claims as review items, through the running portal (安徽: 免考 of 13000 英语（专升本） with a CET certificate):
the candidate claims with the certificate uploaded, the audit counts the pending claim at once (conditional, so they
can submit), the office the profile names (安徽: the city) verifies or refuses it with a reason, the audit log keeps
each change, the engine reads the outcome (refused: the course is missing again, with the reason the candidate
reads), and every refusal of the API is a clear 4xx naming the field.
"""
from __future__ import annotations

import pytest
from support.applying import OFFICES, WITHOUT_13000, candidate, fill_in, ok, refused, small_jpeg, staff, submit, upload
from support.portal_client import serving

from functions.common.audit_log import entries
from functions.common.dynamo import keys

COURSE = "13000"
CLAIMS = "/api/apply/application/claims"


@pytest.fixture(scope="module")
def anhui(portal, table):
    with serving("apply", "anhui"), serving("photo", "anhui"):
        office = OFFICES["anhui"]
        yield {"city": staff(portal, table, "claims-city", "city", offices=(office,)),
               "other_city": staff(portal, table, "claims-city2", "city", offices=("340200",)),
               "province": staff(portal, table, "claims-province", "province")}


def applicant(portal, table, team):
    me = candidate(portal, table, OFFICES["anhui"], like=WITHOUT_13000, province="anhui")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    return me


def audit(me) -> dict:
    return ok(me.get(f"/api/eligibility/audits/{me.who['majors'][0]}"))


def staff_claims(who, me) -> str:
    return f"/api/apply/staff/applications/{me.who['exam_no']}/claims"


def test_a_pending_claim_makes_the_verdict_conditional_and_a_refusal_makes_the_course_missing_again(
        portal, table, anhui):
    me = applicant(portal, table, anhui)
    assert audit(me)["verdict"] == "NOT_ELIGIBLE"
    offered = ok(me.get(CLAIMS))
    option = next(o for o in offered["options"] if o["course"] == COURSE)
    assert {c["id"] for c in option["certificates"]} == {"CET-4 certificate", "CET-6 certificate"}
    assert offered["claims"] == [] and offered["open"] is True

    upload(me, small_jpeg(), "certificate")
    made = ok(me.post(CLAIMS, json={"kind": "exemption", "course": COURSE, "certificate": "CET-4 certificate"}))
    claim = made["claims"][0]
    assert (claim["status"], claim["status_name"], claim["course_name"]) == ("pending", "待审核", "英语(专升本)")
    now = audit(me)
    assert now["verdict"] == "ELIGIBLE_CONDITIONAL"
    assert any(f["code"] == "EXEMPTION_PENDING" and f["subject"] == COURSE for f in now["findings"])

    # Only the city of the candidate's office decides; another city sees no such application.
    path = f"{staff_claims(anhui['city'], me)}/{claim['id']}"
    refused(anhui["province"].post(path, json={"decision": "verified"}), 403)
    refused(anhui["other_city"].post(path, json={"decision": "verified"}), 404)
    refused(anhui["other_city"].get(staff_claims(None, me)), 404)
    refused(anhui["city"].post(path, json={"decision": "refused", "reason": "  "}), 422, "reason")
    answer = ok(anhui["city"].post(path, json={"decision": "refused", "reason": "证书图片模糊，无法辨认姓名"}))
    assert answer["claims"][0]["status"] == "refused"
    refused(anhui["city"].post(path, json={"decision": "verified"}), 409)

    seen = ok(me.get(CLAIMS))["claims"][0]
    assert (seen["status_name"], seen["reason"]) == ("未通过", "证书图片模糊，无法辨认姓名")
    after = audit(me)
    assert after["verdict"] == "NOT_ELIGIBLE"
    assert any("证书图片模糊" in f["message"] for f in after["findings"] if f["subject"] == COURSE)
    assert any(f["code"] == "COURSE_MISSING" and f["subject"] == COURSE for f in after["findings"])
    logged = [e["action"] for e in entries(table, keys.candidate(me.who["exam_no"])[keys.PK])]
    assert {"claims.add", "claims.refused"} <= set(logged)


def test_a_verified_claim_counts_and_the_application_is_submitted_then_no_claim_can_change(portal, table, anhui):
    me = applicant(portal, table, anhui)
    upload(me, small_jpeg(), "certificate")
    claim = ok(me.post(CLAIMS, json={"kind": "exemption", "course": COURSE,
                                     "certificate": "CET-6 certificate"}))["claims"][0]
    fill_in(me, "anhui", reviewer=anhui["city"])
    ok(submit(me))   # the pending claim keeps the verdict submittable
    refused(me.post(CLAIMS, json={"kind": "exemption", "course": COURSE, "certificate": "CET-4 certificate"}),
            409, "course")
    refused(me.delete(f"{CLAIMS}/{claim['id']}"), 409)
    ok(anhui["city"].post(f"{staff_claims(None, me)}/{claim['id']}", json={"decision": "verified"}))
    now = audit(me)
    assert now["verdict"] == "ELIGIBLE" and now["course_status"][COURSE] == "免考"
    assert "claims.verified" in [e["action"] for e in entries(table, keys.candidate(me.who["exam_no"])[keys.PK])]


def test_each_refusal_names_the_field_and_stores_nothing(portal, table, anhui):
    me = applicant(portal, table, anhui)
    # No certificate uploaded and a certificate the rule does not accept: both problems at once.
    error = refused(me.post(CLAIMS, json={"kind": "exemption", "course": COURSE, "certificate": "NCRE 一级证书"}),
                    422, "certificate")
    assert {p["field"] for p in error["problems"]} == {"certificate", "evidence"}
    upload(me, small_jpeg(), "certificate")
    passed = next(a["code"] for a in me.who["attempts"] if a["score"] >= 60)
    refused(me.post(CLAIMS, json={"kind": "exemption", "course": passed, "certificate": "CET-4 certificate"}),
            422, "course")
    refused(me.post(CLAIMS, json={"kind": "exemption", "course": "99999", "certificate": "CET-4 certificate"}),
            422, "course")
    refused(me.post(CLAIMS, json={"kind": "namechange", "course": COURSE, "certificate": "x"}), 422)
    refused(me.post(CLAIMS, json={"kind": "exemption", "course": "<script>", "certificate": "x" * 500}), 422)
    refused(me.delete(f"{CLAIMS}/0123456789abcdef"), 404)
    assert ok(me.get(CLAIMS))["claims"] == []
    ok(me.post(CLAIMS, json={"kind": "exemption", "course": COURSE, "certificate": "CET-4 certificate"}))
    refused(me.post(CLAIMS, json={"kind": "exemption", "course": COURSE, "certificate": "CET-6 certificate"}),
            422, "course")
    withdrawn = ok(me.delete(f"{CLAIMS}/{ok(me.get(CLAIMS))['claims'][0]['id']}"))
    assert withdrawn["claims"] == [] and audit(me)["verdict"] == "NOT_ELIGIBLE"


def test_a_province_without_claims_shows_none(portal, table):
    with serving("apply", "hubei"), serving("photo", "hubei"):
        me = candidate(portal, table, OFFICES["hubei"], like=WITHOUT_13000)
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        refused(me.get(CLAIMS), 404)
        wanted = {"kind": "exemption", "course": COURSE, "certificate": "CET-4 certificate"}
        refused(me.post(CLAIMS, json=wanted), 404)
