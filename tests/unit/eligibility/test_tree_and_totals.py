"""The requirement tree (all_of, choose, conditional) and the totals with `derived` shortfalls."""

import pytest

from functions.eligibility.engine import audit

from .conftest import TINY_BATCH, candidate, codes_of, js_candidate, run, severities, tiny_plan, write_reference


def course(code, credits, kind="theory"):
    return {"type": "course", "code": code, "name": f"课程{code}", "credits": credits, "kind": kind}


def choose(node_id, items, **limits):
    return {"id": node_id, "type": "choose", "label": "选考课", "items": items, **limits}


@pytest.fixture
def tiny(tmp_path):
    def make(items, **extra):
        plan = tiny_plan(items=items, **extra)
        return plan, write_reference(tmp_path, [plan])
    return make


def judge(tiny_ref, passed):
    plan, ref = tiny_ref
    return audit(plan["plan_id"], candidate(passed, prior_education=[]), TINY_BATCH, ref)


def test_choose_needs_both_its_count_and_its_credits(tiny):
    t = tiny([choose("el", [course("C1", 3), course("C2", 3), course("C3", 5)], min_count=2, min_credits=8)])
    two_small = judge(t, ["C1", "C2"])
    [finding] = two_small["findings"]
    assert (finding["code"], finding["subject"], finding["have_count"], finding["have_credits"]) == \
        ("CHOICE_GROUP_UNMET", "el", 2, 6)
    assert finding["options"] == ["C3"]
    assert judge(t, ["C1", "C3"])["verdict"] == "ELIGIBLE"


def test_max_count_caps_what_counts_toward_the_totals(reference):
    # r15 is 任选一门 (max 1): passing 13017 (6) and 04751 (3) counts 6 credits, not 9.
    result = run(reference, "JS-080901-2024R", js_candidate(add=["04751"]))
    assert result["total_credits"] == 76


def test_conditional_follows_the_flag(reference):
    base = ["15040", "15043", "15044", "00037", "00537", "00538", "00539", "00540", "00541", "00536"]
    electives = ["03954", "07827", "10398", "14025", "00814"]
    no_language = candidate(base + electives, flags={"takes_foreign_language": False},
                            thesis={"code": "10196", "grade": "合格"})
    assert run(reference, "JS-050101-2024R", no_language)["verdict"] == "ELIGIBLE"
    with_language = candidate(base + electives, flags={"takes_foreign_language": True},
                              thesis={"code": "10196", "grade": "合格"})
    result = run(reference, "JS-050101-2024R", with_language)
    assert codes_of(result, "CHOICE_GROUP_UNMET") == [("CHOICE_GROUP_UNMET", "fl")]


def test_an_unset_flag_takes_the_branch_the_record_meets(reference):
    base = ["15040", "15043", "15044", "00037", "00537", "00538", "00539", "00540", "00541", "00536"]
    record = candidate(base + ["13000", "03954", "07827", "10398"], thesis={"code": "10196", "grade": "合格"})
    result = run(reference, "JS-050101-2024R", record)
    assert result["verdict"] == "ELIGIBLE"
    assert result["total_credits"] == 9 + 46 + 7 + 15


def test_a_shortfall_the_missing_courses_explain_is_derived(reference):
    result = run(reference, "JS-080901-2024R", js_candidate(without=["00023"]))
    assert severities(result) == {("COURSE_MISSING", "00023"): "unmet", ("TOTAL_CREDITS_SHORT", "total"): "derived",
                                  ("COURSE_COUNT_SHORT", "count"): "derived"}


def test_a_shortfall_beyond_the_missing_courses_is_unmet(tiny):
    t = tiny([course("A1", 4), choose("el", [course("C1", 2), course("C2", 2), course("C3", 2)], min_count=1)],
             min_total_credits=10, min_course_count=3)
    result = judge(t, ["A1", "C1"])
    assert severities(result) == {("TOTAL_CREDITS_SHORT", "total"): "unmet", ("COURSE_COUNT_SHORT", "count"): "unmet"}
    total = next(f for f in result["findings"] if f["code"] == "TOTAL_CREDITS_SHORT")
    assert (total["need"], total["have"]) == (10, 6)
    assert result["verdict"] == "NOT_ELIGIBLE"


def test_practice_and_thesis_are_not_counted_as_courses(tiny):
    t = tiny([course("A1", 4), course("P1", 2, "practice")], min_course_count=2)
    result = judge(t, ["A1", "P1"])
    assert codes_of(result) == [("COURSE_COUNT_SHORT", "count")]


def test_findings_carry_the_path_of_their_requirement(reference):
    result = run(reference, "JS-080901-2024R", js_candidate(without=["13013", "13017"]))
    paths = {f["subject"]: f.get("path") for f in result["findings"]}
    assert paths["13013"] == "root/r7/13013"
    assert paths["r15"] == "root/r15"


def test_a_waiver_inside_an_unset_conditional_is_forgiven_once(reference):
    # Both branches of 050101's language node are tried when the flag is unset; the waived
    # course (in both branches) must lower the required credits by its 4 credits once.
    from functions.eligibility.engine.tree import EvalContext
    plan = reference.compiled("JS-050101-2024R")
    passed = ["15040", "15043", "15044", "00037", "00537", "00538", "00539", "00540", "00541", "00536",
              "03954", "07827", "10398", "14025"]
    ctx = EvalContext({}, waived={"00814"})
    ok, credits, *_ = plan.root.evaluate({c: plan.credit_of[c] for c in passed}, ctx, [])
    assert (ok, credits, ctx.relief_credits, ctx.relief_count) == (True, 75, 4, 1)
