"""The demo data is what it says: each demo case gets the engine's verdict and finding it was made for."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from functions.eligibility.engine import audit, load_reference, rule_table
from functions.eligibility.plan_source import plan_source
from functions.profiles.loader import load_profile
from infra.demo.generate import CASES, DEMO_PLANS, demo_batch, demo_candidates, generate, write_demo
from infra.demo.hosts import demo_universities

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = load_reference(ROOT / "data" / "reference")
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


# Issue 19 item 20: a province's demo names the host universities the research notes know for it
# (../shared/data/provinces/NOTES.md), and still says whose plan it shows.
SHANXI_HOSTS = {"JS-080901-2024R": ["太原理工大学"], "JS-120203K-2024R": ["山西财经大学"],
                "JS-050101-2024R": ["山西师范大学"], "JS-530601-2024R": ["山西大学"]}     # 工商企业管理: borrowed


def demo_stack_reference(province: str, out: Path):
    """What the province's demo stack holds: the reference data with the demo plans as write_demo writes them."""
    candidates = write_demo(province, out / "demo")
    (out / "ref" / "plans").mkdir(parents=True)
    (out / "ref" / "rules").symlink_to(ROOT / "data" / "reference" / "rules")
    (out / "ref" / "courses.json").symlink_to(ROOT / "data" / "reference" / "courses.json")
    for plan in (ROOT / "data" / "reference" / "plans").glob("*.json"):
        written = out / "demo" / "plans" / plan.name
        (out / "ref" / "plans" / plan.name).symlink_to(written if written.exists() else plan)
    plans = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "demo" / "plans").glob("*.json")}
    return candidates, plans, load_reference(out / "ref")


def test_shanxis_demo_plans_offer_its_own_host_universities_and_say_they_are_jiangsus(tmp_path):
    _, plans, _ = demo_stack_reference("shanxi", tmp_path)
    assert {plan_id: plans[plan_id]["host_universities"] for plan_id in DEMO_PLANS} == SHANXI_HOSTS
    # the older versions and 湖北's plan offer 山西's hosts too; a plan with no host, or 山西's own, is as published
    assert set(plans) == {p for p, plan in REFERENCE.plans.items() if plan.get("host_universities")}
    assert plans["HB-080901-LEGACY"]["host_universities"] == ["山西大学"]
    said = plan_source(plans["JS-080901-2024R"], "山西")
    assert said == ("演示数据：这是江苏的考试计划（主考院校：南京航空航天大学），不是本省的；"
                    "本省演示用该专业的主考院校：太原理工大学")
    assert plan_source(plans["JS-530601-2024R"], "山西").endswith(
        "（主考院校：南京农业大学），不是本省的；资料中未查到本省该专业的主考院校，演示借用山西大学")
    assert demo_universities("shanxi") == ("太原理工大学", "山西财经大学", "山西师范大学", "山西大学")


@pytest.mark.parametrize("province, known", [("hubei", {}), ("anhui", {"050101": "安徽师范大学"}),
                                             ("chongqing", {"050101": "重庆师范大学"})])
def test_each_provinces_demo_names_the_hosts_the_notes_know_and_says_where_they_know_none(province, known, tmp_path):
    _, plans, _ = demo_stack_reference(province, tmp_path)
    home = load_profile(province).data["province"]
    offered = {h for plan in plans.values() for h in plan["host_universities"]}
    assert offered <= set(demo_universities(province))                 # the demo university account sees them all
    assert not offered & {h for p in DEMO_PLANS for h in REFERENCE.plans[p].get("host_universities") or ()}
    for plan_id, plan in plans.items():
        said = plan_source(plan, home)
        published = REFERENCE.plans[plan_id]          # the plan's own province and hosts (江苏's, 湖北's)
        own = "、".join(published["host_universities"])
        whose = published["province"]
        assert said.startswith(f"演示数据：这是{whose}的考试计划（主考院校：{own}），不是本省的；"), said
        if plan["major_code"] in known:
            assert known[plan["major_code"]] in plan["host_universities"] and "本省演示用该专业的主考院校：" in said
        else:
            assert "资料中未查到本省该专业的主考院校，演示借用" in said and len(plan["host_universities"]) == 1


@pytest.mark.parametrize("province", ["hubei", "anhui", "chongqing", "shanxi"])
def test_the_demo_stacks_candidates_get_the_same_verdicts_with_the_provinces_hosts(province, tmp_path):
    """Each thesis is graded by a host the demo plan offers there, so no demo case changes its verdict."""
    candidates, plans, reference = demo_stack_reference(province, tmp_path)
    batch = demo_batch(province)
    for candidate in candidates:
        plan_id = candidate["majors"][0]
        if plan_id in plans:
            as_published = {**candidate, "thesis": original_thesis(candidate, plan_id)}
            assert audit(plan_id, candidate, batch, reference)["verdict"] == \
                audit(plan_id, as_published, batch, REFERENCE)["verdict"]
            if candidate.get("thesis"):
                assert candidate["thesis"]["host_university"] in plans[plan_id]["host_universities"]


def original_thesis(candidate: dict, plan_id: str) -> dict | None:
    thesis = candidate.get("thesis")
    return thesis and {**thesis, "host_university": REFERENCE.plans[plan_id]["host_universities"][0]}


@pytest.mark.parametrize("province, count", [("hubei", 10), ("anhui", 10), ("chongqing", 0), ("shanxi", 0)])
def test_a_province_that_merges_another_准考证_has_ten_demo_candidates_who_need_it(province, count):
    """Each is short of courses they passed under another 准考证 with their own name and ID number; that 准考证's
    sittings and its 转考 (at least one, 取得方式 转考 in the transcript), merged, make them eligible; a province whose
    profile offers no merge has none."""
    from functions.eligibility.other_exam_numbers import carried, merged
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
        assert other["attempts"] and other["transfers"]
        confirmed = [{"exam_no": other["exam_no"], "status": "verified", **carried(other)}]
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


@pytest.mark.parametrize("province, plan", [("hubei", "HB-DIRECTION-DEMO"), ("anhui", None), ("chongqing", None),
                                            ("shanxi", None)])
def test_a_province_with_a_major_of_several_方向_has_ten_demo_candidates_who_choose_one(province, plan, monkeypatch):
    """Issue 18 (湖北 step 6, 请选择专业毕业方向): on the province's own plan with 方向, each is ELIGIBLE in exactly one
    方向 (both 方向 are walked); make run prints one sign-in for the path. A province with no such plan has none."""
    from functions.profiles.loader import load_profile
    from infra.local import demo_accounts

    batch = demo_batch(province)
    people = [c for c in demo_candidates(province) if c["demo_case"] == "direction"]
    assert len(people) == (10 if plan else 0)
    graduating = []
    for candidate in people:
        verdicts = {way: audit(plan, {**candidate, "flags": {"direction": way}}, batch, REFERENCE)["verdict"]
                    for way in ("marketing", "supply_chain")}
        assert candidate["majors"] == [plan] and sorted(verdicts.values()) == ["ELIGIBLE", "NOT_ELIGIBLE"]
        graduating += [way for way, verdict in verdicts.items() if verdict == "ELIGIBLE"]
    assert set(graduating) == ({"marketing", "supply_chain"} if plan else set())
    monkeypatch.setattr(demo_accounts, "_create", lambda *args: None)
    logins = demo_accounts.create_demo_accounts(None, load_profile(province), demo_candidates(province))
    assert len([w for w in logins if w["who"].endswith("（专业方向）")]) == (1 if plan else 0)


def test_a_demo_written_with_the_plans_as_published_leaves_no_plans_of_an_earlier_write(tmp_path):
    """make run writes 湖北's demo with its own hosts; the tests' stack writes it again into the same folder with the
    plans as published, and must not import the earlier plans."""
    write_demo("hubei", tmp_path, count=20)
    assert list((tmp_path / "plans").glob("*.json"))
    write_demo("hubei", tmp_path, count=20, own_hosts=False)
    assert not (tmp_path / "plans").exists()
