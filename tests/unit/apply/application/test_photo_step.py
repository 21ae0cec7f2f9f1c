"""山西's photo after submitting (seed 004 step 4: 提交 then 毕业照片, 如果考生一直无法完成毕业照片系统线上认证，可到…
人工审核): what the status page asks while the photo is owed, the submit no longer waiting for it, and the other
provinces as before."""
from __future__ import annotations

import pytest
from support.rule_checks import profile

from functions.apply.application.status import Lifecycle, Status, photo_step
from functions.apply.sections.rules import missing_for_submit, tasks
from functions.photo.statuses import passed_for

SHANXI, ANHUI = profile("shanxi"), profile("anhui")
SUBMITTED = Lifecycle(status=Status.IN_REVIEW, stage="county_review", submissions=1)


@pytest.mark.parametrize("photo,status,says", [
    (None, "missing", "可以申请由县(市、区)招办人工审核"),
    ({"status": "pending_review"}, "pending_review", "请等待县(市、区)招办审核照片"),
    ({"status": "rejected", "review": {"reason": "背景不符合要求"}}, "rejected", "人工审核未通过（背景不符合要求）"),
])
def test_a_submitted_application_asks_for_its_photo_until_it_passes(photo, status, says):
    step = photo_step(SUBMITTED, SHANXI, photo)
    assert (step["title"], step["status"]) == ("提交后上传毕业照片", status)
    assert says in step["message"] and "系统审核通过" in step["why"]


@pytest.mark.parametrize("state,photo,data", [
    (SUBMITTED, {"status": "ok"}, SHANXI),                                   # passed by its automatic check
    (SUBMITTED, {"status": "approved"}, SHANXI),                             # passed by the county's 人工审核
    (Lifecycle(), None, SHANXI),                                             # a draft: not yet
    (Lifecycle(status=Status.IN_REVIEW, stage="city_review", submissions=1), None, ANHUI),
])
def test_nothing_is_asked_once_the_photo_passed_before_submitting_or_elsewhere(state, photo, data):
    assert photo_step(state, data, photo) is None


def test_the_submit_does_not_wait_for_shanxis_photo_and_the_task_says_when_it_comes():
    application = {"uploads": {}, "details": {}, "level": "专科"}
    assert "photo" not in [m["field"] for m in missing_for_submit(SHANXI, application)]
    assert "photo" in [m["field"] for m in missing_for_submit(ANHUI, application)]
    draft = {t["id"]: t["status"] for t in tasks(SHANXI, {"lifecycle": Lifecycle().as_dict(), "details": {}}, [],
                                                 "ELIGIBLE")}
    assert draft["photo"] == "提交后上传"                     # not 选填: it is asked for, only later
    item = {"lifecycle": SUBMITTED.as_dict(), "details": {}}
    owed = {t["id"]: t for t in tasks(SHANXI, item, [], "ELIGIBLE", photo_owed=True)}
    assert (owed["photo"]["name"], owed["photo"]["status"]) == ("提交后上传毕业照片", "未完成")
    assert {t["status"] for i, t in owed.items() if i not in ("photo", "check")} == {"已提交"}


def test_the_county_approves_and_prints_what_the_automatic_check_passed_only_in_shanxi():
    assert passed_for(SHANXI["application"]) == {"ok", "approved"}
    assert passed_for(ANHUI["application"]) == {"approved"}
