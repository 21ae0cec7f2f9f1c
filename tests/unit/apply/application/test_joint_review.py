"""安徽's 会审 (seed 002: 各市教育考试机构初审合格的毕业生信息，将由各主考院校和省级教育考试机构进行会审): the
application's 主考院校 gives its opinion, the province decides last and cannot pass it without the 同意."""
from __future__ import annotations

import pytest
from support.rule_checks import profile

from functions.apply.application.lifecycle import (
    APPROVED,
    IN_REVIEW,
    REJECTED,
    Approve,
    Lifecycle,
    Opinion,
    Reject,
    Submit,
    TransitionRefused,
    transition,
)
from functions.profiles.checked import ConfigError
from functions.profiles.schema import check_profile

AH = "anhui"


def at_joint() -> Lifecycle:
    state = transition(Lifecycle(), Submit(at=100), profile(AH)).state
    return transition(state, Approve("city_review", "city", at=200), profile(AH)).state


def move(state: Lifecycle, event) -> Lifecycle:
    return transition(state, event, profile(AH)).state


def refused(state: Lifecycle, event) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as caught:
        transition(state, event, profile(AH))
    return caught.value


def test_the_province_cannot_pass_the_joint_review_before_the_host_university_agrees():
    state = at_joint()
    assert state.stage == "joint_review" and state.opinion is None
    error = refused(state, Approve("joint_review", "province", at=300))
    assert error.why == "opinion" and error.message == \
        "「主考院校与省级教育考试机构会审」须先有主考学校的会审意见：主考学校同意后才能审核通过"
    said = move(state, Opinion("joint_review", "university", True, None, "u-1", at=300))
    assert said.opinion == {"stage": "joint_review", "agree": True, "reason": None, "by": "u-1", "at": 300}
    assert (said.status, said.stage) == (IN_REVIEW, "joint_review")      # the opinion decides nothing by itself
    assert move(said, Approve("joint_review", "province", at=400)).status == APPROVED


def test_a_disagreeing_host_university_gives_a_reason_and_the_province_cannot_pass_it_over_that():
    state = at_joint()
    assert refused(state, Opinion("joint_review", "university", False, " ", "u-1", at=300)).why == "reason"
    said = move(state, Opinion("joint_review", "university", False, "毕业论文成绩未登记", "u-1", at=300))
    error = refused(said, Approve("joint_review", "province", at=400))
    assert error.why == "opinion" and "不同意（毕业论文成绩未登记）" in error.message
    rejected = move(said, Reject("joint_review", "province", "主考院校会审未通过：毕业论文成绩未登记", at=400))
    assert rejected.status == REJECTED and rejected.opinion["agree"] is False
    # a later opinion replaces the first while the application waits there (the history keeps both)
    again = move(said, Opinion("joint_review", "university", True, None, "u-2", at=350))
    assert move(again, Approve("joint_review", "province", at=400)).status == APPROVED


def test_only_the_joint_office_gives_the_opinion_and_only_while_the_application_waits_at_the_joint_review():
    state = at_joint()
    for role in ("city", "province", "county"):
        assert refused(state, Opinion("joint_review", role, True, None, "x", at=300)).why == "role"
    city_stage = transition(Lifecycle(), Submit(at=100), profile(AH)).state
    assert refused(city_stage, Opinion("joint_review", "university", True, None, "u", at=300)).why == "stale"
    assert refused(city_stage, Opinion("city_review", "university", True, None, "u", at=300)).why == "not_joint"
    # a resubmission starts without the earlier submission's opinion
    said = move(state, Opinion("joint_review", "university", True, None, "u-1", at=300))
    back = move(move(said, Reject("joint_review", "province", "个人信息有误", at=400)), Submit(at=500))
    assert back.opinion is None and back.stage == "city_review"


def test_a_stored_opinion_reads_back_from_dynamodb_numbers():
    from decimal import Decimal
    stored = {"status": "in_review", "stage": "joint_review", "submissions": Decimal(1),
              "opinion": {"stage": "joint_review", "agree": True, "reason": None, "by": "u-1", "at": Decimal(300)}}
    assert Lifecycle.from_dict(stored).opinion["at"] == 300


@pytest.mark.parametrize("joint, kind", [("province", "review"), ("nobody", "review"), ("university", "form_return")])
def test_the_profile_checker_refuses_a_joint_office_that_cannot_take_part(joint, kind):
    raw = profile(AH)
    stages = [dict(s) for s in raw["review"]["stages"]]
    stages[-1] = {**stages[-1], "joint_with": joint, "kind": kind}
    with pytest.raises(ConfigError):
        check_profile({**raw, "review": {**raw["review"], "stages": stages}}, "anhui.yaml")
