"""本、专科专业一并申请 (安徽): how the 专科 application of a batch stands for the 本科 applied for beside it (seed
002: 确认本次专科专业符合毕业条件后再提交本科专业毕业申请) — pending until the city passed it, confirmed after,
rejected with its reason; no pairing at all where the profile has none."""
from __future__ import annotations

import pytest
from support.rule_checks import profile

from functions.apply.application.associate import associate_standing
from functions.apply.application.lifecycle import Approve, Lifecycle, Opinion, Reject, Submit, Withdraw, transition

AH = "anhui"


def associate(*events, province: str = AH, level: str = "专科") -> dict | None:
    state = Lifecycle()
    for event in events:
        state = transition(state, event, profile(province)).state
    item = {"batch_id": "AH-2026H1", "major_name": "工商企业管理", "level": level, "lifecycle": state.as_dict()}
    return associate_standing(item, profile(province))


CITY_PASSED = (Submit(at=100), Approve("city_review", "city", at=200))


@pytest.mark.parametrize("events, status", [
    ((), "pending"),                                                     # a draft: the city has seen nothing
    ((Submit(at=100),), "pending"),                                      # waiting at 市级教育考试机构初审
    ((Submit(at=100), Withdraw(at=150)), "pending"),                     # withdrawn: a draft again
    (CITY_PASSED, "confirmed"),                                          # at the 会审: the city confirmed it
    ((*CITY_PASSED, Opinion("joint_review", "university", True, None, "host", at=250),
      Approve("joint_review", "province", at=300)), "confirmed"),
])
def test_the_associate_is_confirmed_once_the_city_passed_it(events, status):
    assert associate(*events) == {"batch": "AH-2026H1", "major": "工商企业管理", "status": status}


def test_a_rejected_associate_carries_its_reason():
    rejected = associate(Submit(at=100), Reject("city_review", "city", "成绩不符合毕业条件", at=200))
    assert rejected == {"batch": "AH-2026H1", "major": "工商企业管理", "status": "rejected",
                        "reason": "成绩不符合毕业条件"}


def test_only_a_zhuanke_application_is_an_associate():
    assert associate(level="专升本") is None and associate(level="本科") is None


@pytest.mark.parametrize("province", ["hubei", "chongqing", "shanxi"])
def test_no_other_province_pairs_applications(province):
    assert associate(province=province) is None
