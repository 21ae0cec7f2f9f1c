"""Authority substitutions (mode auto): each rule grammar applies, k-1 sources do not, the
direction follows the plan, registered_before cuts on the day, and a source serves once."""

import pytest

from .conftest import candidate, js_candidate, rule_ids, run, sittings


def test_k_of_n_two_of_three_language_replacements_replace_13000(reference):
    record = js_candidate(without=["13000"], add=["00054", "00321"], registered_on="2023-03-01")
    result = run(reference, "JS-080901-2024R", record)
    assert result["verdict"] == "ELIGIBLE"
    assert result["applied"] == [{"rule_id": "JS-080901-FL-2OF3", "use": ["00054", "00321"], "replace": ["13000"],
                                  "direction": "forward"}]
    assert result["course_status"]["13000"] == "顶替"
    assert result["total_credits"] == 76  # credited as 13000 (credit_basis target)


def test_k_minus_one_sources_do_not_apply_the_k_of_n_rule_but_float(reference):
    record = js_candidate(without=["13000"], add=["00054"], registered_on="2023-03-01")
    result = run(reference, "JS-080901-2024R", record)
    assert "JS-080901-FL-2OF3" not in rule_ids(result)
    # 仅通过1门外语换考课程: it counts toward 门数 and 学分 with its own 6 credits.
    assert result["applied"] == [{"rule_id": "JS-080901-FLOAT", "use": ["00054"], "replace": ["13000"],
                                  "direction": "forward"}]
    assert result["course_status"]["13000"] == "顶替(计门数学分)"
    assert result["total_credits"] == 75
    assert result["verdict"] == "ELIGIBLE"


@pytest.mark.parametrize("registered_on, applies", [("2024-06-30", True), ("2024-07-01", False)])
def test_registered_before_cuts_on_the_day(reference, registered_on, applies):
    record = js_candidate(without=["13000"], add=["00054", "00321"], registered_on=registered_on)
    result = run(reference, "JS-080901-2024R", record)
    assert ("JS-080901-FL-2OF3" in rule_ids(result)) is applies
    assert (("COURSE_MISSING", "13000") in [(f["code"], f["subject"]) for f in result["findings"]]) is not applies


def test_floating_never_fills_an_excluded_course(reference):
    record = js_candidate(without=["15040"], add=["00054"], registered_on="2023-03-01")
    result = run(reference, "JS-080901-2024R", record)
    assert ("COURSE_MISSING", "15040") in [(f["code"], f["subject"]) for f in result["findings"]]
    assert "15040" not in result["course_status"]


@pytest.mark.parametrize("passed, rule, replaced", [
    (["03708", "03709"], "JS-POL-BK-1", ["15043", "15044"]),
    (["00004", "03708"], "JS-POL-BK-1", ["15043", "15044"]),
    (["03709"], "JS-POL-BK-2", ["15044"]),
    (["03708"], "JS-POL-BK-3", ["15043"]),
])
def test_political_slot_rules(reference, passed, rule, replaced):
    record = js_candidate(without=["15043", "15044"], add=passed, registered_on="2023-03-01")
    result = run(reference, "JS-080901-2024R", record)
    assert [(a["rule_id"], a["replace"]) for a in result["applied"]] == [(rule, replaced)]
    missing = {f["subject"] for f in result["findings"] if f["code"] == "COURSE_MISSING"}
    assert missing == {"15043", "15044"} - set(replaced)


def test_two_alternatives_of_one_slot_are_one_slot(reference):
    # 00004 and 99022 are both 序号1: "任意两门" means two rows, so only the one-row rule applies.
    record = js_candidate(without=["15043", "15044"], add=["00004", "99022"], registered_on="2023-03-01")
    result = run(reference, "JS-080901-2024R", record)
    assert rule_ids(result) == ["JS-POL-BK-2"]


def test_slot_cap_only_one_row_passed(reference):
    rule = reference.rules_by_id["JS-POL-BK-2"].source
    assert rule.pick({"03709"}, {"03709"}, None) == ("03709",)
    # 仅通过序号1-5中任意一门: with row 6 passed as well the rule no longer applies.
    assert rule.pick({"03709"}, {"03709", "03708"}, None) is None


def test_a_forward_only_rule_never_runs_backwards(reference):
    # Under the old 530601 plan, the new courses 13125+13415 fill 27707/27015 through the
    # bidirectional rows, never through the one-way N4a (27015+00341 -> 13125+13415).
    old_plan = ["03706", "12656", "27869", "27870", "27871", "27872", "27875", "27877", "27092", "27882", "55569"]
    record = candidate(old_plan + ["13125", "13415"], registered_on="2022-03-01", prior_education=[])
    batch = {"id": "JS-2026H1", "province": "江苏", "graduation_date": "2026-06-30"}
    result = run(reference, "JS-530601-2021", record, batch)
    applied = {a["rule_id"]: a for a in result["applied"]}
    assert "JS-530601-N4a" not in applied
    assert applied["JS-530601-ROW14"] == {"rule_id": "JS-530601-ROW14", "use": ["13125"], "replace": ["27707"],
                                          "direction": "backward"}
    assert applied["JS-530601-ROW15"]["direction"] == "backward"
    # Credited as the old courses: 27707 (5) + 27015 (4) = 9 < the module's 10 credits.
    [unmet] = result["findings"]
    assert (unmet["code"], unmet["subject"], unmet["have_count"], unmet["have_credits"]) == \
        ("CHOICE_GROUP_UNMET", "m3", 2, 9)


def test_the_rule_covering_most_targets_consumes_its_sources_once(reference):
    # 27015 + 00341 -> 13125 + 13415 (N4a) wins over 27015 -> 13415 (ROW15); the float rule
    # cannot use 00341 again.
    new_plan = ["15040", "15042", "15041", "13886", "13126", "13124", "00041", "00144", "14070", "00058",
                "00896", "00897", "13675", "13676", "07992", "00018", "00019"]
    record = candidate(new_plan + ["27015", "00341"], registered_on="2023-03-01", prior_education=[])
    result = run(reference, "JS-530601-2024R", record)
    assert result["applied"] == [{"rule_id": "JS-530601-N4a", "use": ["27015", "00341"],
                                  "replace": ["13125", "13415"], "direction": "forward"}]
    assert result["verdict"] == "ELIGIBLE"


def test_or_choice_node_rule_stays_out_when_the_other_option_is_passed(reference):
    both = js_candidate(without=["13017"], add=["04751", "04741"], registered_on="2023-03-01")
    assert "JS-080901-ROW14" not in rule_ids(run(reference, "JS-080901-2024R", both))
    only_old = js_candidate(without=["13017"], add=["04741"], registered_on="2023-03-01")
    result = run(reference, "JS-080901-2024R", only_old)
    assert rule_ids(result) == ["JS-080901-ROW14"]
    assert result["course_status"]["13017"] == "顶替"
    assert result["total_credits"] == 76


def test_rules_of_another_province_never_apply(reference):
    # HB-R1 (03708+03709 -> 00004) is a 湖北 rule; a 江苏 plan does not know it.
    record = js_candidate(without=["15043", "15044"], registered_on="2023-03-01")
    record["attempts"] += sittings("03708", "03709")
    result = run(reference, "JS-080901-2024R", record)
    assert not any(r.startswith("HB-") for r in rule_ids(result))


def test_reference_only_rules_are_never_applied(reference):
    compiled = reference.compiled("JS-530601-2024R")
    assert not any(r.rule_id.startswith(("JS-590206", "JS-081001", "JS-081301")) for r in compiled.auto_rules)


def test_leftover_floating_courses_count_toward_short_totals(tmp_path):
    from functions.eligibility.engine import audit

    from .conftest import TINY_BATCH, tiny_plan, write_reference
    plan = tiny_plan(items=[("A1", 4), ("A2", 4)], min_total_credits=12, min_course_count=3)
    rules = {"ruleset_id": "T", "province": "测试", "rules": [
        {"rule_id": "T-FLOAT", "mode": "auto", "from": {"courses": ["F1", "F2"], "min_count": 1},
         "replaces": {"any_plan_course_except": []}, "kind": "floating", "plans": ["T-PLAN"]}]}
    ref = write_reference(tmp_path, [plan], [rules])
    record = candidate([], prior_education=[], attempts=sittings("A1", "A2") + [
        {"code": "F1", "session": "2025-04", "score": 70, "credits": 5}])
    result = audit("T-PLAN", record, TINY_BATCH, ref)
    assert result["verdict"] == "ELIGIBLE"
    assert result["course_status"]["F1"] == "顶替(计门数学分)"
    assert result["total_credits"] == 13
    assert result["applied"] == [{"rule_id": "T-FLOAT", "use": ["F1"], "replace": [], "direction": "forward"}]
    without = audit("T-PLAN", candidate(["A1", "A2"], prior_education=[]), TINY_BATCH, ref)
    assert {f["code"] for f in without["findings"]} == {"TOTAL_CREDITS_SHORT", "COURSE_COUNT_SHORT"}
