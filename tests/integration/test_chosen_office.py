"""山西 (seed 004 step 1: 选择毕业申请区县): the candidate chooses the county office that handles the application, the
record's office preselected; that office's staff see and review it, the record's office no longer does, and the
history says who chose which. A province whose profile does not let candidates choose (湖北) keeps the record's.
"""
from __future__ import annotations

import pytest
from support.applying import (
    NO_PRIOR,
    candidate,
    fill_in,
    fill_sections,
    ok,
    prior_pending,
    refused,
    staff,
    submit,
    upload_files,
    verify_identity,
)
from support.portal_client import serving

from functions.common.audit_log import entries
from functions.common.dynamo import keys

HOME, CHOSEN = "140105", "140106"        # 太原市小店区 (the record's), 太原市迎泽区 (the one chosen)


@pytest.fixture(scope="module")
def shanxi(portal, table):
    with serving("apply", "shanxi"), serving("photo", "shanxi"):
        yield {"home": staff(portal, table, "office-home", "county", offices=(HOME,)),
               "chosen": staff(portal, table, "office-chosen", "county", offices=(CHOSEN,))}


def applicant(portal, table, **changes):
    me = candidate(portal, table, HOME, province="shanxi", **changes)
    verify_identity(me)
    return me


def history(table, exam_no: str) -> list[dict]:
    """The audit log of the candidate's application (it lives under the application's partition)."""
    return entries(table, keys.application(exam_no, "any")[keys.PK])


def test_the_record_office_is_preselected_and_kept_when_none_is_chosen(portal, table, shanxi):
    me = applicant(portal, table)
    assert ok(me.get("/api/apply/application"))["record_office"] == HOME
    started = ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    assert (started["office_code"], started["office_name"]) == (HOME, "太原市小店区")


def test_the_chosen_office_reviews_the_application_and_the_records_office_does_not_see_it(portal, table, shanxi):
    me = applicant(portal, table, like=NO_PRIOR)     # its 前置学历 waits for the county: no 系统审核通过
    exam_no, plan = me.who["exam_no"], me.who["majors"][0]
    chosen = ok(me.put("/api/apply/application/major", json={"plan_id": plan, "office": CHOSEN}))
    assert (chosen["office_code"], chosen["office_name"]) == (CHOSEN, "太原市迎泽区")
    # choosing the major again (as the host universities' page does) keeps the office chosen
    assert ok(me.put("/api/apply/application/major", json={"plan_id": plan}))["office_code"] == CHOSEN
    fill_in(me, "shanxi", reviewer=shanxi["chosen"])
    prior_pending(me)
    assert ok(submit(me))["application"]["status"] == "in_review"

    home, there = shanxi["home"], shanxi["chosen"]
    listed = ok(there.get("/api/apply/staff/applications", params={"status": "in_review"}))["items"]
    assert exam_no in [r["exam_no"] for r in listed]
    assert exam_no not in [r["exam_no"] for r in ok(home.get("/api/apply/staff/applications"))["items"]]
    refused(home.get(f"/api/apply/staff/applications/{exam_no}"), 404)
    refused(home.post(f"/api/apply/staff/applications/{exam_no}/decision",
                      json={"stage": "county_review", "decision": "approve"}), 404)
    whole = ok(there.get(f"/api/apply/staff/applications/{exam_no}/history"))      # the page's 更早的记录
    assert "office_chosen" in [h["action"] for h in whole["history"]]
    decided = ok(there.post(f"/api/apply/staff/applications/{exam_no}/decision",
                            json={"stage": "county_review", "decision": "approve"}))
    assert decided["stage"] == "fee"
    chosen_entries = [(e["before"], e["after"]) for e in history(table, exam_no) if e["action"] == "office_chosen"]
    assert chosen_entries == [(HOME, CHOSEN)]


def test_a_photo_uploaded_before_the_office_is_chosen_is_passed_by_its_check_and_no_office_reviews_it(
        portal, table, shanxi):
    """山西's photo is passed by its automatic check (毕业照片系统线上认证): a 人工审核 goes to the office handling the
    application only when the candidate asks for it after submitting (test_photo_after_submit.py)."""
    me = applicant(portal, table)
    exam_no = me.who["exam_no"]
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    upload_files(me, "shanxi")
    assert exam_no not in [r["exam_no"] for r in ok(shanxi["home"].get("/api/photo/staff/queue"))["queue"]]
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0], "office": CHOSEN}))
    assert exam_no not in [r["exam_no"] for r in ok(shanxi["chosen"].get("/api/photo/staff/queue"))["queue"]]
    fill_sections(me, "shanxi")
    assert ok(submit(me))["application"]["status"] == "in_review"


def test_the_address_typed_on_the_first_step_is_the_contacts(portal, table, shanxi):
    me = applicant(portal, table)
    plan = me.who["majors"][0]
    error = refused(me.put("/api/apply/application/major", json={"plan_id": plan, "office": CHOSEN,
                                                                  "address": "太原市" * 40}), 422, "address")
    assert error["message"].startswith("通讯地址最多 100 字")
    where = "太原市迎泽区某路 1 号"
    ok(me.put("/api/apply/application/major", json={"plan_id": plan, "office": CHOSEN, "address": where}))
    assert ok(me.get("/api/apply/application"))["address"] == "太原市迎泽区某路 1 号"
    checked = ok(me.get("/api/apply/application/check"))
    assert checked["basic"]["address"] == "太原市迎泽区某路 1 号"
    assert checked["basic"]["phone"] == me.who["phone"]                  # the rest of the contact as it stood
    assert "details.contact" in [e["action"] for e in history(table, me.who["exam_no"])]


def test_an_office_not_in_the_list_is_refused_naming_the_field(portal, table, shanxi):
    me = applicant(portal, table)
    plan = me.who["majors"][0]
    for office in ("420102", "999999", ""):       # 湖北's 江岸区, no office at all, an empty choice
        error = refused(me.put("/api/apply/application/major", json={"plan_id": plan, "office": office}), 422,
                        "office")
        assert error["message"] == "请从列表中选择毕业申请区县"
    assert ok(me.get("/api/apply/application"))["application"] is None     # nothing stored half-way


def test_after_submitting_the_office_cannot_be_changed(portal, table, shanxi):
    me = applicant(portal, table)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0], "office": CHOSEN}))
    fill_in(me, "shanxi", reviewer=shanxi["chosen"])
    ok(submit(me))
    error = refused(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0], "office": HOME}),
                    409)
    assert "毕业申请区县" in error["message"]
    assert ok(me.get("/api/apply/application"))["application"]["office_code"] == CHOSEN


def test_where_the_profile_has_no_choice_the_records_office_handles_it(portal, table):
    with serving("apply", "hubei"):
        me = candidate(portal, table, "420102")           # 湖北: the record's office, whatever is asked
        plan = me.who["majors"][0]
        error = refused(me.put("/api/apply/application/major", json={"plan_id": plan, "office": "420103"}), 422,
                        "office")
        assert "不能另选毕业申请区县" in error["message"]
        assert ok(me.put("/api/apply/application/major", json={"plan_id": plan}))["office_code"] == "420102"

