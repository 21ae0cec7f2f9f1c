"""山西's photo after submitting (issue 19 item 2; seed 004 step 4): the candidate submits without a photo, the status
page and the task list then ask for it, its automatic check (毕业照片系统线上认证) passes it and the system review
follows (系统审核通过, the fee due); a photo that keeps failing may be retried or sent to 人工审核 at the county,
whose approval completes the application the same way. 安徽, whose city reviews every photo before the submit,
still refuses a submit without one.
"""
from __future__ import annotations

import httpx
import pytest
from support.applying import (
    OFFICES,
    candidate,
    checked,
    fill_sections,
    ok,
    refused,
    small_jpeg,
    staff,
    submit,
    upload,
    verify_identity,
)
from support.pictures import pictures
from support.portal_client import serving

OFFICE = OFFICES["shanxi"]
LIST = "/api/apply/staff/applications"


@pytest.fixture(scope="module")
def county(portal, table):
    with serving("apply", "shanxi"), serving("photo", "shanxi"):
        yield staff(portal, table, "after-county", "county", offices=(OFFICE,))


def submitted_without_photo(portal, table) -> httpx.Client:
    me = candidate(portal, table, OFFICE, province="shanxi")
    verify_identity(me)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_sections(me, "shanxi")
    answer = ok(submit(me))["application"]
    assert (answer["stage"], answer["status_text"]) == ("county_review", "待县(市、区)招办审核")
    return me


def test_submitted_without_a_photo_the_status_asks_for_it_and_a_passing_photo_is_system_approved(
        portal, table, county):
    me = submitted_without_photo(portal, table)
    mine = ok(me.get("/api/apply/application"))
    step = mine["photo_step"]
    assert step["title"] == "提交后上传毕业照片" and step["status"] == "missing"
    assert "毕业生图像" in step["why"] and "人工审核" in step["message"]
    tasks = {t["id"]: t for t in ok(me.get("/api/apply/application/check"))["tasks"]}
    assert (tasks["photo"]["name"], tasks["photo"]["status"]) == ("提交后上传毕业照片", "未完成")
    assert "pay" not in mine["application"]["actions"]

    upload(me, pictures("portraits").compliant_jpeg(), "photo")
    now = ok(me.get("/api/apply/application"))
    assert (now["application"]["stage"], now["application"]["status_text"]) == ("fee", "系统审核通过，待网上缴费")
    assert "pay" in now["application"]["actions"] and now.get("photo_step") is None
    history = ok(county.get(f"{LIST}/{me.who['exam_no']}"))["history"]
    assert [h["actor"] for h in history if h["action"] == "system_approved"] == [{"kind": "system"}]
    # a passed photo is the photo: not replaced after submitting
    refused(me.post("/api/photo/uploads", json={"kind": "photo", "filename": "p.jpg", "size": 1000}), 409, "kind")


def test_a_failing_photo_may_be_retried_or_sent_to_the_county_whose_approval_completes_it(portal, table, county):
    me = submitted_without_photo(portal, table)
    exam_no = me.who["exam_no"]
    first = checked(me, small_jpeg())                        # no face at all: the automatic check fails it
    assert first["ok"] is False and first["manual_review"] is True
    again = checked(me, small_jpeg((320, 240)))              # retrying is allowed after submitting
    assert again["ok"] is False and again["manual_review"] is True
    # the county may not approve the application while the photo has not passed
    error = refused(county.post(f"{LIST}/{exam_no}/decision", json={"stage": "county_review", "decision": "approve"}),
                    409, "decision")
    assert "毕业照片" in error["message"]
    assert exam_no not in [r["exam_no"] for r in ok(county.get("/api/photo/staff/queue"))["queue"]]

    asked = ok(me.post(f"/api/photo/uploads/{again['upload_id']}/manual-review"))
    assert asked["status"] == "pending_review"
    refused(me.post(f"/api/photo/uploads/{first['upload_id']}/manual-review"), 409)     # one at a time
    assert ok(me.get("/api/apply/application"))["photo_step"]["status"] == "pending_review"
    queued = ok(county.get("/api/photo/staff/queue"))["queue"]
    assert exam_no in [r["exam_no"] for r in queued]
    asked_entry = [h for h in ok(county.get(f"{LIST}/{exam_no}"))["history"] if h["action"] == "photo.manual_review"]
    assert len(asked_entry) == 1                             # who asked, when: in the application's history

    ok(county.post(f"/api/photo/staff/queue/{exam_no}", json={"decision": "approve", "upload_id": again["upload_id"]}))
    now = ok(me.get("/api/apply/application"))
    assert now["application"]["status_text"] == "系统审核通过，待网上缴费" and now.get("photo_step") is None


def test_a_photo_is_sent_to_manual_review_only_after_submitting_and_anhui_still_needs_one_to_submit(
        portal, table, county):
    me = candidate(portal, table, OFFICE, province="shanxi")
    verify_identity(me)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    failed = checked(me, small_jpeg())
    refused(me.post(f"/api/photo/uploads/{failed['upload_id']}/manual-review"), 409)
    with serving("apply", "anhui"), serving("photo", "anhui"):
        other = candidate(portal, table, OFFICES["anhui"], province="anhui")
        ok(other.put("/api/apply/application/major", json={"plan_id": other.who["majors"][0]}))
        fill_sections(other, "anhui")
        error = refused(submit(other), 422)
        assert "photo" in [p["field"] for p in error["problems"]]
