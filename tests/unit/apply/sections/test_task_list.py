"""What the task list and check answers tell a candidate they can do now (issue 20 items 8 and 9): a submitted
application's tasks are 已提交 until a return opens them; a final rejection is not offered for submission; the
engine's verdict is listed with what else blocks the submit."""
from __future__ import annotations

import pytest
from support.rule_checks import profile

from functions.apply.application.rules import verdict_problems
from functions.apply.application.status import Lifecycle, Status, changes_refused, corrections
from functions.apply.sections.rules import tasks


def task_list(state: Lifecycle, missing=(), verdict="ELIGIBLE") -> dict[str, str]:
    item = {"lifecycle": state.as_dict(), "level": "专科", "details": {}}
    return {t["id"]: t["status"] for t in tasks(profile("chongqing"), item, list(missing), verdict)}


@pytest.mark.parametrize(("state", "check", "reason"), [
    (Lifecycle(), "可以提交", None),
    (Lifecycle(status=Status.REJECTED, stage="university_review", reason="照片不符合要求"), "可以提交", None),
    (Lifecycle(status=Status.IN_REVIEW, stage="university_review", submissions=1), "已提交", "申请已提交"),
    (Lifecycle(status=Status.APPROVED, submissions=1), "已提交", "申请已审核通过"),
    (Lifecycle(status=Status.REJECTED, stage="city_review", final=True, submissions=1), "不能再提交", "申请未通过"),
])
def test_the_task_list_says_what_can_be_done_now(state, check, reason):
    listed = task_list(state)
    assert listed["check"] == check
    refused = changes_refused(state)
    assert (refused is None) == (reason is None) and (reason is None or refused.startswith(reason))
    if reason:
        assert {s for t, s in listed.items() if t != "check"} == {"已提交"}


def test_a_verdict_that_blocks_is_listed_first_in_the_engines_words():
    audit = {"verdict": "NOT_ELIGIBLE", "message": "暂不符合毕业条件",
             "findings": [{"severity": "info", "message": "顶替未采用"},
                          {"severity": "unmet", "message": "还缺 1 门课程：高等数学"},
                          {"severity": "blocking", "message": "前置学历未核验"},
                          {"severity": "derived", "message": "总学分不足"}]}
    assert verdict_problems(audit) == [{"field": "eligibility", "message": "前置学历未核验"},
                                       {"field": "eligibility", "message": "还缺 1 门课程：高等数学"}]
    assert verdict_problems({**audit, "findings": []}) == [{"field": "eligibility", "message": "暂不符合毕业条件"}]
    assert verdict_problems({**audit, "verdict": "ELIGIBLE_CONDITIONAL"}) == []
    assert task_list(Lifecycle(), verdict_problems(audit), "NOT_ELIGIBLE")["check"] == "还不能提交"


@pytest.mark.parametrize(("state", "open_"), [
    (Lifecycle(status=Status.IN_REVIEW, stage="city_review", submissions=1), True),
    (Lifecycle(status=Status.IN_REVIEW, stage="joint_review", submissions=1), False),     # the city has decided
    (Lifecycle(status=Status.APPROVED, submissions=1), False),
    (Lifecycle(status=Status.REJECTED, stage="city_review", final=True, submissions=1), False),
])
def test_anhui_personal_information_may_be_corrected_until_the_city_decides(state, open_):
    """Issue 19 item 8 (seed 002: 已受理后个人信息有误可返回修改): only the basic information and the contact record,
    only while the application waits at its first stage; 重庆 has no such rule."""
    item = {"lifecycle": state.as_dict(), "level": "专科", "details": {}}
    listed = {t["id"]: t["status"] for t in tasks(profile("anhui"), item, [], "ELIGIBLE")}
    assert (corrections(state, profile("anhui")) is not None) == open_
    assert {t for t, s in listed.items() if s == "可更正"} == ({"basic", "contact"} if open_ else set())
    waiting_in_chongqing = Lifecycle(status=Status.IN_REVIEW, stage="university_review", submissions=1)
    assert corrections(waiting_in_chongqing, profile("chongqing")) is None
