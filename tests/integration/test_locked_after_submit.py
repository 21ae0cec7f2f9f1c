"""Issue 15 item 5: nothing changes after it was submitted. Once an application is submitted, uploads (a new slot,
or the check of a slot opened before submitting) and 顶替 choices are refused until the lifecycle opens it again (a
rejection); a form prints only a photo staff approved; and no single decision approves while the photo review is
pending (bulk approval skipped such applications already).
"""
from __future__ import annotations

import subprocess

import httpx
import pytest
from support.applying import candidate, fill_in, host_agrees, ok, small_jpeg, staff, submit
from support.portal_client import serving

from functions.common.dynamo import keys

LIST = "/api/apply/staff/applications"
UPLOADS = "/api/photo/uploads"


def chosen(portal, table, office: str, province: str):
    me = candidate(portal, table, office, province=province)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    return me


def slot(me, kind="signature") -> dict:
    data = small_jpeg()
    post = ok(me.post(UPLOADS, json={"kind": kind, "filename": f"{kind}.jpg", "size": len(data)}))
    sent = httpx.post(post["url"], data=post["fields"], files={"file": (f"{kind}.jpg", data, "image/jpeg")})
    assert sent.status_code in (200, 201, 204), sent.text
    return post


def refused(answer, words: str) -> None:
    assert answer.status_code == 409, answer.text
    assert words in answer.json()["error"]["message"], answer.text


@pytest.fixture
def anhui():
    with serving("apply", "anhui"), serving("photo", "anhui"):
        yield


def test_uploads_and_choices_are_refused_after_submit_until_a_rejection_opens_them(portal, table, anhui):
    me = chosen(portal, table, "340100", "anhui")
    plan = me.who["majors"][0]
    city = staff(portal, table, "lock-city", "city", ["340100"])
    fill_in(me, "anhui", reviewer=city)
    opened = slot(me, "photo")                  # opened before submitting, checked after
    ok(submit(me))
    before = table.get_item(Key=keys.current_upload(me.who["exam_no"], "photo"))["Item"]
    refused(me.post(UPLOADS, json={"kind": "photo", "filename": "p.jpg", "size": 1000}), "申请已提交")
    refused(me.post(f"{UPLOADS}/{opened['upload_id']}/check"), "申请已提交")
    after = table.get_item(Key=keys.current_upload(me.who["exam_no"], "photo"))["Item"]
    assert after["upload_id"] == before["upload_id"]
    choice = {"rule_id": "R1", "use": ["00015"], "replace": ["00012"]}
    refused(me.post(f"/api/eligibility/choices/{plan}", json=choice), "顶替选择")
    refused(me.delete(f"/api/eligibility/choices/{plan}/R1"), "顶替选择")
    ok(city.post(f"{LIST}/{me.who['exam_no']}/decision",
                 json={"stage": "city_review", "decision": "reject", "reason": "照片不符合要求"}))
    ok(me.post(UPLOADS, json={"kind": "photo", "filename": "p.jpg", "size": 1000}))     # open again


def photo_status(table, exam_no: str, status: str) -> None:
    """The photo as an upload after submitting left it before uploads were locked (or as staff later judged it)."""
    key = keys.current_upload(exam_no, "photo")
    table.update_item(Key=key, UpdateExpression="SET #s = :s", ExpressionAttributeNames={"#s": "status"},
                      ExpressionAttributeValues={":s": status})


def images(pdf: bytes) -> int:
    listed = subprocess.run(["pdfimages", "-list", "-", ], input=pdf, capture_output=True, check=False).stdout
    return max(0, len(listed.decode().splitlines()) - 2)


def test_no_approval_and_no_printed_photo_while_the_photo_review_is_pending(portal, table, anhui):
    me = chosen(portal, table, "340100", "anhui")
    city = staff(portal, table, "lock-city-ah", "city", ["340100"])
    province = staff(portal, table, "lock-province-ah", "province")
    fill_in(me, "anhui", reviewer=city)
    ok(submit(me))
    exam_no = me.who["exam_no"]
    photo_status(table, exam_no, "pending_review")
    approve = {"stage": "city_review", "decision": "approve"}
    refused(city.post(f"{LIST}/{exam_no}/decision", json=approve), "照片尚未审核通过")
    photo_status(table, exam_no, "approved")
    ok(city.post(f"{LIST}/{exam_no}/decision", json=approve))
    host_agrees(portal, table, exam_no)
    ok(province.post(f"{LIST}/{exam_no}/decision", json={"stage": "joint_review", "decision": "approve"}))
    printed = me.get(ok(me.get("/api/apply/application/forms/registration_form"))["url"]).content
    assert images(printed) >= 1
    photo_status(table, exam_no, "pending_review")
    unapproved = me.get(ok(me.get("/api/apply/application/forms/registration_form"))["url"]).content
    assert images(unapproved) == images(printed) - 1
