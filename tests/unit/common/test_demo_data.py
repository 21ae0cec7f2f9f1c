"""The demo data is what it says: each demo case gets the engine's verdict and finding it was made for."""
from __future__ import annotations

from pathlib import Path

import pytest

from functions.eligibility.engine import audit, load_reference, rule_table
from infra.demo.generate import CASES, demo_batch, demo_candidates, generate

REFERENCE = load_reference(Path(__file__).resolve().parents[3] / "data" / "reference")
BLOCKING = {"no_prior_education": "PRIOR_EDU_MISSING", "prior_education_after_cutoff": "PRIOR_EDU_AFTER_CUTOFF",
            "discipline_ban": "DISCIPLINE_BAN_ACTIVE", "already_graduated": "ALREADY_GRADUATED"}
STATUS = {"exemption": "免考", "transfer": "转考", "substitution": "顶替"}


@pytest.mark.parametrize("province", ["hubei", "anhui", "chongqing", "shanxi"])
def test_every_demo_case_gets_the_verdict_it_was_made_for(province):
    batch = demo_batch(province)
    seen = set()
    for candidate in generate(province):
        case = candidate["demo_case"]
        result = audit(candidate["majors"][0], candidate, batch, REFERENCE)
        codes = {f["code"] for f in result["findings"]}
        seen.add(case)
        if case in ("eligible", *STATUS):
            assert result["verdict"] == "ELIGIBLE", (case, result["findings"])
            if case in STATUS:
                assert STATUS[case] in result["course_status"].values(), case
        elif case == "missing_courses":
            assert result["verdict"] == "NOT_ELIGIBLE"
            assert codes & {"COURSE_MISSING", "PRACTICE_MISSING", "CHOICE_GROUP_UNMET"}
        else:
            assert result["verdict"] == "NOT_ELIGIBLE" and BLOCKING[case] in codes, (case, codes)
    assert seen == set(CASES)


@pytest.mark.parametrize("province, plan", [("hubei", "HB-OLDPLAN-FRAGMENT"), ("shanxi", "SX-BK-FRAGMENT"),
                                            ("anhui", "AH-BK-FRAGMENT"), ("chongqing", None)])
def test_a_province_that_lets_candidates_choose_a_顶替_has_ten_demo_candidates_who_can(province, plan):
    """Each is short of courses a rule of the province's table replaces, and the usable rules, chosen, make them
    eligible; a province whose profile offers no chosen 顶替 has none."""
    batch = demo_batch(province)
    people = [c for c in demo_candidates(province) if c["demo_case"] == "chosen_substitution"]
    assert len(people) == (10 if plan else 0)
    for candidate in people:
        assert candidate["majors"] == [plan] and audit(plan, candidate, batch, REFERENCE)["verdict"] == "NOT_ELIGIBLE"
        usable = [r for r in rule_table(plan, candidate, batch, REFERENCE) if r["usable"]]
        chosen = [{"rule_id": r["rule_id"], "use": [s["code"] for s in r["sources"] if s["state"] == "free"],
                   "replace": [t["code"] for t in r["targets"] if not t["met"]]} for r in usable]
        assert audit(plan, {**candidate, "applied_substitutions": chosen}, batch, REFERENCE)["verdict"] == "ELIGIBLE"


@pytest.mark.parametrize("province, count", [("hubei", 10), ("anhui", 10), ("chongqing", 0), ("shanxi", 0)])
def test_a_province_that_merges_another_准考证_has_ten_demo_candidates_who_need_it(province, count):
    """Each is short of courses they passed under another 准考证 with their own name and ID number; that 准考证's
    sittings, merged, make them eligible; a province whose profile offers no merge has none."""
    from functions.eligibility.other_exam_numbers import merged
    from infra.demo.merges import CASE, OTHER_CASE

    batch = demo_batch(province)
    everyone = demo_candidates(province)
    people = [c for c in everyone if c["demo_case"] == CASE]
    assert len(people) == count
    for candidate in people:
        plan = candidate["majors"][0]
        other = next(c for c in everyone if c["demo_case"] == OTHER_CASE and c["id_number"] == candidate["id_number"])
        assert other["name"] == candidate["name"] and other["exam_no"] != candidate["exam_no"]
        assert audit(plan, candidate, batch, REFERENCE)["verdict"] == "NOT_ELIGIBLE"
        confirmed = [{"exam_no": other["exam_no"], "status": "verified", "sittings": other["attempts"]}]
        assert audit(plan, merged(candidate, confirmed), batch, REFERENCE)["verdict"] == "ELIGIBLE"


def test_anhuis_demo_candidates_walk_the_替代课程_path_and_make_run_names_one(monkeypatch):
    """安徽 (未通过课程处理): each has 00023 failed with a passed 替代课程 on the plan's list for it and one still to
    take; choosing the passed one makes them eligible. make run prints one sign-in for the path by its name."""
    from functions.eligibility.engine import replacement_choice, replacement_courses
    from functions.profiles.loader import load_profile
    from infra.local import demo_accounts

    batch, plan = demo_batch("anhui"), "AH-BK-FRAGMENT"
    people = [c for c in demo_candidates("anhui") if c["demo_case"] == "chosen_substitution"]
    for candidate in people:
        [row] = replacement_courses(plan, candidate, batch, REFERENCE)
        assert row["course"]["code"] == "00023" and [o["passed"] for o in row["options"]] == [True, False]
        choice, _, why = replacement_choice(plan, candidate, "00023", "00020", batch, REFERENCE)
        assert why is None
        assert audit(plan, {**candidate, "applied_substitutions": [choice]}, batch, REFERENCE)["verdict"] == "ELIGIBLE"
    made = {}   # the accounts make run would create (no table here), by the name it prints
    monkeypatch.setattr(demo_accounts, "_create", lambda table, account, *rest: made.update({account.display_name:
                                                                                             account}))
    logins = demo_accounts.create_demo_accounts(None, load_profile("anhui"), demo_candidates("anhui"))
    path = [w["who"].removeprefix("考生 ").removesuffix("（替代课程）") for w in logins
            if w["who"].endswith("（替代课程）")]
    assert len(path) == 1 and made[path[0]].exam_no in {c["exam_no"] for c in people}
