"""专业方向 (湖北: 如果此专业下有多个方面，请选择专业毕业方向): the audit reads the chosen 方向's required courses
besides the courses every 方向 shares, and a plan's 方向 are checked when the plan is loaded."""

import pytest

from functions.eligibility.engine import (
    audit,
    choice_refusal,
    replacement_choice,
    replacement_courses,
    rule_table,
    suggest_substitutions,
    what_if,
)
from functions.eligibility.engine.errors import EngineInputError
from functions.eligibility.engine.plan_schema import check_plan

from .conftest import candidate

PLAN = "HB-DIRECTION-DEMO"
BATCH = {"id": "HB-2026H2", "province": "湖北", "graduation_date": "2026-12-30"}
SHARED = ["15040", "15042", "00144"]
MARKETING = ["00058", "07992"]
# HB-D1 (the demo's rule): 27882 生产管理 顶替 13675 供应链管理, a course only 供应链管理方向 requires
PRODUCTION = "27882"
D1 = {"rule_id": "HB-D1", "use": [PRODUCTION], "replace": ["13675"]}


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


# Shared and 市场营销方向's courses passed, and 27882: the closest 方向 is 市场营销方向 (nothing missing), so before a
# choice everything is judged in it; a candidate who chose 供应链管理方向 is judged in that one instead.
@pytest.mark.parametrize("direction, judged", [(None, "marketing"), ("marketing", "marketing"),
                                               ("supply_chain", "supply_chain")])
def test_an_audit_names_the_direction_it_judged(reference, direction, judged):
    result = audit(PLAN, hb(SHARED + MARKETING + [PRODUCTION], direction), BATCH, reference)
    assert result["direction"] == judged
    assert result["verdict"] == ("NOT_ELIGIBLE" if judged == "supply_chain" else "ELIGIBLE")


@pytest.mark.parametrize("direction, usable, why_not", [
    ("supply_chain", True, None),
    ("marketing", False, "所顶替的课程不是专业方向「市场营销方向」要求的课程，不需要这条规则"),
    (None, False, "所顶替的课程不是专业方向「市场营销方向」要求的课程，不需要这条规则"),
], ids=["chosen-supply_chain", "chosen-marketing", "closest-marketing"])
def test_the_rule_table_marks_a_rule_usable_for_the_judged_direction_only(reference, direction, usable, why_not):
    rows = rule_table(PLAN, hb(SHARED + MARKETING + [PRODUCTION], direction), BATCH, reference)
    row = next(r for r in rows if r["rule_id"] == "HB-D1")
    assert (row["usable"], row["why_not"]) == (usable, why_not)


def test_a_choice_replacing_only_another_direction_s_course_is_refused(reference):
    record = hb(SHARED + MARKETING + [PRODUCTION], "marketing")
    assert choice_refusal(PLAN, record, D1, BATCH, reference) == (
        "replace", "所顶替的课程不是专业方向「市场营销方向」要求的课程，不需要这条规则")
    assert choice_refusal(PLAN, {**record, "flags": {"direction": "supply_chain"}}, D1, BATCH, reference) is None


def test_替代课程_are_listed_and_taken_for_the_judged_direction_s_courses_only(reference):
    def listed(direction):
        rows = replacement_courses(PLAN, hb(SHARED + MARKETING + [PRODUCTION], direction), BATCH, reference)
        return [row["course"]["code"] for row in rows]
    assert (listed("supply_chain"), listed("marketing"), listed(None)) == (["13675"], [], [])
    record = hb(SHARED + MARKETING + [PRODUCTION], "marketing")
    assert replacement_choice(PLAN, record, "13675", PRODUCTION, BATCH, reference) == (
        None, "course", "未通过课程：13675供应链管理不是专业方向「市场营销方向」要求的课程，无需替代")
    record["flags"]["direction"] = "supply_chain"
    assert replacement_choice(PLAN, record, "13675", PRODUCTION, BATCH, reference)[0] == D1


@pytest.mark.parametrize("direction, picks, still_missing", [
    ("supply_chain", [D1], ["13676"]),
    (None, [], []),
])
def test_suggestions_are_for_the_judged_direction(reference, direction, picks, still_missing):
    answer = suggest_substitutions(PLAN, hb(SHARED + MARKETING + [PRODUCTION], direction), BATCH, reference)
    assert answer["applied_substitutions"] == picks and answer["still_missing"] == still_missing
    assert answer["direction"] == (direction or "marketing")


def test_what_if_judges_the_chosen_direction_of_a_plan_and_the_closest_of_the_others(reference):
    record = hb(SHARED + MARKETING + [PRODUCTION])

    def row(directions):
        return next(r for r in what_if(record, BATCH, reference, directions) if r["plan_id"] == PLAN)
    assert (row(None)["verdict"], row(None)["direction"]) == ("ELIGIBLE", "marketing")
    chosen = row({PLAN: "supply_chain"})
    assert (chosen["verdict"], chosen["direction"], chosen["missing"]) == ("NOT_ELIGIBLE", "supply_chain",
                                                                           ["13675", "13676"])


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
