"""Another 准考证 (湖北 准考证管理) through the running portal: a candidate one course short adds the 准考证 under
which they passed it, by name, ID number and 准考证号; it counts for nothing until the city of their office confirms
it, and then the audit passes, the transcript shows the pass with the 准考证 it came from and the printed form
its score. Each refusal is a clear 4xx: a 准考证 under another person's name reads exactly like one that does not
exist, one already merged elsewhere names the office to visit, and nothing changes after the submit. Another city's
staff do not see the candidate.
"""
from __future__ import annotations

import pytest
from support.applying import (
    ELIGIBLE,
    OFFICES,
    another_exam_no,
    candidate,
    fill_in,
    ok,
    pdf_text,
    refused,
    short_of_one_course,
    staff,
    submit,
)
from support.portal_client import signed_in

from functions.common.audit_log import entries
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store

MINE = "/api/apply/application/exam-numbers"


@pytest.fixture(scope="module")
def hubei(portal, table):
    return {"city": staff(portal, table, "merge-city", "city", offices=(OFFICES["hubei"],)),
            "other_city": staff(portal, table, "merge-city2", "city", offices=("420200",)),
            "province": staff(portal, table, "merge-province", "province")}


def other_record(table, me, code: str | None, **changes) -> str:
    """Another 准考证 of `me`'s holding the sittings of `code` in the demo record `me` was cloned from."""
    return another_exam_no(table, me, [a for a in ELIGIBLE[0]["attempts"] if a["code"] == code], **changes)


def asked(me, exam_no: str, **changes) -> dict:
    return {"name": me.who["name"], "id_number": me.who["id_number"], "exam_no": exam_no, **changes}


def staff_path(me) -> str:
    return f"/api/apply/staff/applications/{me.who['exam_no']}/exam-numbers"


def test_a_merge_counts_once_the_city_confirms_it_and_each_pass_shows_its_exam_no(portal, table, hubei):
    me, plan, course = short_of_one_course(portal, table)
    other = other_record(table, me, course)
    answer = ok(me.get(MINE))
    assert (answer["others"], answer["open"], answer["decided_by"]) == ([], True, "city")

    added = ok(me.post(MINE, json=asked(me, other)))["others"][0]
    assert (added["exam_no"], added["status"]) == (other, "pending")
    assert {s["code"] for s in added["sittings"]} == {course}
    audit = ok(me.get(f"/api/eligibility/audits/{plan}"))
    assert audit["verdict"] == "NOT_ELIGIBLE"     # 未生效 until the office confirms

    path = f"{staff_path(me)}/{added['id']}"
    refused(hubei["other_city"].get(staff_path(me)), 404)
    refused(hubei["other_city"].post(path, json={"decision": "verified"}), 404)
    refused(hubei["province"].post(path, json={"decision": "verified"}), 403)
    seen = ok(hubei["city"].get(staff_path(me)))
    assert seen["open"] is True and seen["others"][0]["sittings"][0]["code"] == course
    assert ok(hubei["city"].post(path, json={"decision": "verified"}))["others"][0]["status"] == "verified"
    refused(hubei["city"].post(path, json={"decision": "refused", "reason": "重复"}), 409)

    audit = ok(me.get(f"/api/eligibility/audits/{plan}"))
    assert audit["verdict"] != "NOT_ELIGIBLE"
    assert not [f for f in audit["findings"] if f["code"] == "COURSE_MISSING"]
    rows = ok(me.get(f"/api/eligibility/transcripts/{plan}"))["rows"]
    assert {r.get("exam_no") for r in rows if r["code"] == course} == {other}
    assert all("exam_no" not in r for r in rows if r["code"] != course)
    logged = [e["action"] for e in entries(table, keys.candidate(me.who["exam_no"])[keys.PK])]
    assert {"exam_numbers.add", "exam_numbers.verified"} <= set(logged)

    # and the printed 毕业生申请表 gives the merged course its score
    fill_in(me, "hubei")
    ok(submit(me))
    name = next(r["name"] for r in rows if r["code"] == course)
    best = max(a["score"] for a in ELIGIBLE[0]["attempts"] if a["code"] == course and a["score"] >= 60)
    line = next(line for line in pdf_text(me, "application_form").splitlines() if name in line)
    assert f" {best} " in f" {line} ", line


def test_the_other_records_转考_and_免考_count_once_confirmed_each_shown_with_its_exam_no(portal, table, hubei):
    """The other 准考证 holds the missing course as a 转考 and another course as a 免考: the city sees both in the
    list it checks, and once it confirms, the audit counts them and the transcript shows each as obtained, with the
    准考证 it came from."""
    me, plan, course = short_of_one_course(portal, table)
    exempted = next(a["code"] for a in me.who["attempts"] if a["code"] != course)
    other = another_exam_no(table, me, [], transfers=[{"code": course, "accepted": True, "from_province": "河南"}],
                            exemptions=[{"code": exempted, "certificate_id": "CET4-20240001"}])
    added = ok(me.post(MINE, json=asked(me, other)))["others"][0]
    seen = ok(hubei["city"].get(staff_path(me)))["others"][0]["sittings"]
    assert {(s["code"], s["score"]) for s in seen} == {(course, "转考"), (exempted, "免考")}
    ok(hubei["city"].post(f"{staff_path(me)}/{added['id']}", json={"decision": "verified"}))

    audit = ok(me.get(f"/api/eligibility/audits/{plan}"))
    assert audit["verdict"] != "NOT_ELIGIBLE" and audit["course_status"][course] == "转考"
    rows = ok(me.get(f"/api/eligibility/transcripts/{plan}"))["rows"]
    assert {(r["code"], r["how"]) for r in rows if r.get("exam_no") == other} == {(course, "转考"), (exempted, "免考")}
    staff_rows = ok(hubei["city"].get(f"/api/eligibility/staff/candidates/{me.who['exam_no']}/transcripts/{plan}"))
    assert {(r["code"], r["how"]) for r in staff_rows["rows"] if r.get("exam_no") == other} == \
        {(course, "转考"), (exempted, "免考")}


def test_another_persons_exam_no_reads_like_one_that_does_not_exist(portal, table, hubei):
    me, _, course = short_of_one_course(portal, table)
    nobody = refused(me.post(MINE, json=asked(me, "420199999999")), 404, "exam_no")
    someone = other_record(table, me, course, name="王某某")
    theirs = refused(me.post(MINE, json=asked(me, someone)), 404, "exam_no")
    assert theirs == nobody
    other_id = other_record(table, me, course, id_number="420102199001011234")
    assert refused(me.post(MINE, json=asked(me, other_id)), 404, "exam_no") == nobody
    # typing the other person's name is no way round: the name typed must be the candidate's own
    error = refused(me.post(MINE, json=asked(me, someone, name="王某某")), 422, "name")
    assert "本人" in error["message"]
    refused(me.post(MINE, json=asked(me, me.who["exam_no"])), 422, "exam_no")
    assert ok(me.get(MINE))["others"] == []


def test_an_exam_no_merged_elsewhere_is_refused_with_the_office_to_visit(portal, table, hubei):
    me, _, course = short_of_one_course(portal, table)
    other = other_record(table, me, course)
    # the same person's third 准考证, signed in on its own account, took the other 准考证 first
    third = candidate(portal, table, OFFICES["hubei"], like=ELIGIBLE[0], name=me.who["name"],
                      id_number=me.who["id_number"])
    ok(third.post(MINE, json=asked(third, other)))
    error = refused(me.post(MINE, json=asked(me, other)), 409, "exam_no")
    assert "武汉市" in error["message"] and "办理" in error["message"]
    refused(third.post(MINE, json=asked(third, other)), 409, "exam_no")       # added once
    # once withdrawn there, it may be added here
    entry = ok(third.get(MINE))["others"][0]
    ok(third.delete(f"{MINE}/{entry['id']}"))
    assert ok(me.post(MINE, json=asked(me, other)))["others"][0]["exam_no"] == other


def test_an_exam_no_added_to_another_applies_no_more_while_it_is_held(portal, table, hubei):
    """安徽 seed 002: 成功提交毕业申请后，不得再使用其他准考证号再次办理毕业申请手续 — the added 准考证's own account
    can neither start nor submit an application; once the merge is withdrawn it can again."""
    me, _, _ = short_of_one_course(portal, table)
    theirs = candidate(portal, table, OFFICES["hubei"], name=me.who["name"], id_number=me.who["id_number"])
    plan = theirs.who["majors"][0]
    ok(theirs.put("/api/apply/application/major", json={"plan_id": plan}))      # a draft before the merge
    entry = ok(me.post(MINE, json=asked(me, theirs.who["exam_no"])))["others"][0]
    fill_in(theirs, "hubei")
    error = refused(submit(theirs), 409, "plan_id")
    assert me.who["exam_no"] in error["message"]
    refused(theirs.put("/api/apply/application/major", json={"plan_id": plan}), 409, "plan_id")
    ok(me.delete(f"{MINE}/{entry['id']}"))
    ok(submit(theirs))


def test_nothing_is_added_after_the_submit(portal, table, hubei):
    me = candidate(portal, table, OFFICES["hubei"])
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    other = other_record(table, me, None)
    fill_in(me, "hubei")
    ok(submit(me))
    refused(me.post(MINE, json=asked(me, other)), 409, "exam_no")
    assert ok(me.get(MINE))["open"] is False


def test_the_demo_candidate_with_two_准考证_merges_the_other_as_make_run_prints_it(portal, table, hubei):
    """make run's 考生 …（多个准考证，另一个是 …）: signed in as printed, the other 准考证 as printed, the city
    confirms, the audit passes (the demo records went through the importer: names and ID numbers still match)."""
    printed = next(line for line in portal.logins if "多个准考证" in line["who"])
    other = printed["who"].split("另一个是 ")[1].rstrip("）")
    me = signed_in(portal, "email", printed["login"])
    record = Store(table).candidate(ok(me.get("/api/apply/session"))["who"]["exam_no"])
    plan = ok(me.get("/api/eligibility/majors"))["majors"][0]["plan_id"]
    ok(me.put("/api/apply/application/major", json={"plan_id": plan}))
    assert ok(me.get(f"/api/eligibility/audits/{plan}"))["verdict"] == "NOT_ELIGIBLE"
    added = ok(me.post(MINE, json={"name": record["name"], "id_number": record["id_number"], "exam_no": other}))
    city = staff(portal, table, "merge-demo-city", "city", offices=("420100",))
    exam_no = record["exam_no"]
    ok(city.post(f"/api/apply/staff/applications/{exam_no}/exam-numbers/{added['others'][0]['id']}",
                 json={"decision": "verified"}))
    assert ok(me.get(f"/api/eligibility/audits/{plan}"))["verdict"] == "ELIGIBLE"
