"""专业方向 (湖北: 如果此专业下有多个方面，请选择专业毕业方向): the audit reads the chosen 方向's required courses
besides the courses every 方向 shares, and a plan's 方向 are checked when the plan is loaded."""

import pytest

from functions.eligibility.engine import audit
from functions.eligibility.engine.errors import EngineInputError
from functions.eligibility.engine.plan_schema import check_plan

from .conftest import candidate

PLAN = "HB-DIRECTION-DEMO"
BATCH = {"id": "HB-2026H2", "province": "湖北", "graduation_date": "2026-12-30"}
SHARED = ["15040", "15042", "00144"]
MARKETING = ["00058", "07992"]


def hb(passed, direction=None):
    flags = {"direction": direction} if direction else {}
    return candidate(passed, registered_on="2019-03-01", prior_education=[], flags=flags)


def missing(result):
    return sorted(f["subject"] for f in result["findings"] if f["code"] in ("COURSE_MISSING", "PRACTICE_MISSING"))


def test_the_chosen_direction_s_courses_are_required(reference):
    record = hb(SHARED + MARKETING, "supply_chain")
    result = audit(PLAN, record, BATCH, reference)
    assert result["verdict"] == "NOT_ELIGIBLE"
    assert missing(result) == ["13675", "13676"]


def test_passing_the_chosen_direction_graduates_without_the_other(reference):
    result = audit(PLAN, hb(SHARED + MARKETING, "marketing"), BATCH, reference)
    assert result["verdict"] == "ELIGIBLE" and missing(result) == []


def test_the_shared_courses_are_required_in_every_direction(reference):
    result = audit(PLAN, hb(MARKETING, "marketing"), BATCH, reference)
    assert missing(result) == sorted(SHARED)


@pytest.mark.parametrize("directions", [
    [{"id": "a", "name": "甲方向", "requirements": {"type": "course", "code": "00058"}}],
    [{"id": "a", "name": "甲方向", "requirements": {"type": "course", "code": "00058"}},
     {"id": "a", "name": "乙方向", "requirements": {"type": "course", "code": "07992"}}],
    [{"id": "a", "requirements": {"type": "course", "code": "00058"}},
     {"id": "b", "name": "乙方向", "requirements": {"type": "course", "code": "07992"}}],
])
def test_a_plan_s_directions_are_checked(directions):
    plan = {"plan_id": "X", "level": "专科", "status": "active", "directions": directions,
            "requirements": {"type": "all_of", "items": [{"type": "course", "code": "00144"}]}}
    with pytest.raises(EngineInputError):
        check_plan(plan, "X.json")
