"""Suggestions, the automatic 顶替 search and What-If."""

from functions.eligibility.engine import audit, suggest_substitutions, what_if

from .conftest import JS_BATCH, TINY_BATCH, candidate, js_candidate, tiny_plan, write_reference

HB_BATCH = {"id": "HB-2026H1", "province": "湖北", "graduation_date": "2026-06-30"}


def hb(passed):
    return candidate(passed, registered_on="2019-03-01", prior_education=[])


def test_partial_suggestion_names_the_sources_still_needed(reference):
    result = audit("HB-OLDPLAN-FRAGMENT", hb(["04183"]), HB_BATCH, reference)
    r2 = next(s for s in result["suggested"] if s["rule_id"] == "HB-R2")
    assert r2 == {"rule_id": "HB-R2", "replace": ["00021"], "complete": False, "still_needed": ["04184"],
                  "use": [], "count_still_needed": 1}


def test_credit_pool_suggestion_says_how_many_credits_are_missing(reference):
    record = candidate([], prior_education=[], attempts=[
        {"code": "00054", "session": "2025-04", "score": 70, "credits": 6},
        {"code": "03708", "session": "2025-04", "score": 70}])
    result = audit("SX-BK-FRAGMENT", record, {"id": "SX", "graduation_date": "2026-06-30"}, reference)
    [pool] = result["suggested"]
    assert (pool["rule_id"], pool["complete"], pool["credits_still_needed"]) == ("SX-EN2", False, 8)


def test_suggest_substitutions_is_ready_to_apply_in_one_step(reference):
    record = hb(["03708", "03709", "04183", "04184"])
    plan = suggest_substitutions("HB-OLDPLAN-FRAGMENT", record, HB_BATCH, reference)
    assert plan["applied_substitutions"] == [
        {"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00004"]},
        {"rule_id": "HB-R2", "use": ["04183", "04184"], "replace": ["00021"]}]
    assert plan["still_missing"] == ["00077"]
    record["applied_substitutions"] = plan["applied_substitutions"]
    after = audit("HB-OLDPLAN-FRAGMENT", record, HB_BATCH, reference)
    assert [f["subject"] for f in after["findings"]] == ["00077"]
    assert plan["verdict_after"] == after["verdict"] == "NOT_ELIGIBLE"


def search_reference(tmp_path, rules):
    plan = tiny_plan(items=[("X1", 4), ("X2", 4), ("X3", 4)])
    doc = {"ruleset_id": "T", "province": "测试", "rules": [
        {"rule_id": rid, "mode": "on_application", "from": {"courses": src, "min_count": k},
         "replaces": {"courses": tgt}} for rid, src, k, tgt in rules]}
    return write_reference(tmp_path, [plan], [doc])


def test_search_shares_sources_so_that_most_courses_are_covered(tmp_path):
    # R1 can only use S1; R2 may use S1 or S2: the search gives R2 the S2 so both apply.
    ref = search_reference(tmp_path, [("R1", ["S1"], 1, ["X1"]), ("R2", ["S1", "S2"], 1, ["X2"])])
    plan = suggest_substitutions("T-PLAN", candidate(["S1", "S2", "X3"], prior_education=[]), TINY_BATCH, ref)
    assert plan["applied_substitutions"] == [{"rule_id": "R1", "use": ["S1"], "replace": ["X1"]},
                                             {"rule_id": "R2", "use": ["S2"], "replace": ["X2"]}]
    assert plan["verdict_after"] == "ELIGIBLE"


def test_search_ties_prefer_fewer_rules_then_the_rule_order(tmp_path):
    ref = search_reference(tmp_path, [("R1", ["S1"], 1, ["X1"]), ("R2", ["S2"], 1, ["X2"]),
                                      ("R3", ["S1", "S2"], 2, ["X1", "X2"]), ("R4", ["S3"], 1, ["X1"])])
    fewer = suggest_substitutions("T-PLAN", candidate(["S1", "S2", "X3"], prior_education=[]), TINY_BATCH, ref)
    assert [p["rule_id"] for p in fewer["applied_substitutions"]] == ["R3"]
    ordered = suggest_substitutions("T-PLAN", candidate(["S1", "S3", "X2", "X3"], prior_education=[]), TINY_BATCH, ref)
    assert [p["rule_id"] for p in ordered["applied_substitutions"]] == ["R1"]


def test_search_returns_nothing_when_no_rule_is_complete(reference):
    plan = suggest_substitutions("HB-OLDPLAN-FRAGMENT", hb(["04183"]), HB_BATCH, reference)
    assert plan["applied_substitutions"] == [] and set(plan["still_missing"]) == {"00004", "00021", "00077"}


def test_what_if_ranks_plans_by_what_is_missing(reference):
    record = js_candidate(without=["13017"])
    ranked = what_if(record, JS_BATCH, reference)
    first = ranked[0]
    assert first["plan_id"] == "JS-080901-2024R"
    # registered after 2024-07-01: the old plan is closed to this candidate, so it ranks last
    assert ranked[-1]["plan_id"] == "JS-080901-2021"
    assert ranked[-1]["blocking"] == ["PLAN_NOT_AVAILABLE_TO_CANDIDATE"]
    assert (first["rank"], first["missing_courses"], first["missing_credits"]) == (1, 1, 3)
    assert all(r["plan_id"].startswith("JS-") for r in ranked)  # the batch's province only
    assert [r["missing_courses"] for r in ranked if not r["blocking"]] == \
        sorted(r["missing_courses"] for r in ranked if not r["blocking"])
    assert "JS-530601-2024R" in [r["plan_id"] for r in ranked]  # shares 15040


def test_what_if_leaves_out_plans_without_any_passed_course(reference):
    ranked = what_if(candidate(["00037"], prior_education=[]), JS_BATCH, reference)
    assert [r["plan_id"] for r in ranked] == ["JS-050101-2024R"]


def test_one_count_of_missing_courses_for_a_plan_with_a_choice_group_and_a_thesis(reference):
    """Issue 20 item 10: the majors line said 7 (missing-course findings), what-if 11, the API's list 12 (every
    option of the choice group). The count is the engine's shortfall: what-if and the one-line verdict use it."""
    from functions.eligibility.engine import shortfall
    from functions.eligibility.service import _one_line
    from infra.demo.generate import demo_batch, generate

    demo = next(c for c in generate("hubei") if c["demo_case"] == "eligible")
    row = next(r for r in what_if(demo, demo_batch("hubei"), reference) if r["plan_id"] == "JS-050101-2024R")
    result = audit("JS-050101-2024R", demo, demo_batch("hubei"), reference)
    courses, credits = shortfall(reference.compiled("JS-050101-2024R"), result["findings"])
    assert (row["missing_courses"], row["missing_credits"]) == (courses, credits)
    assert len(row["missing"]) != courses  # the options left to choose from are not what is missing
    assert _one_line(result, courses) == f"还缺 {courses} 门课程"
