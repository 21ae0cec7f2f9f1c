"""专业方向 (湖北 step 6: 如果此专业下有多个方面，请选择专业毕业方向) through the running portal: choosing a major with
several 方向 without one, or with one the plan does not have, is refused at 专业毕业方向 with nothing stored; the
chosen 方向's courses are the ones judged; the 方向 shows on the candidate's status and check pages and to staff."""
from __future__ import annotations

import pytest
from support.applying import OFFICES, WITHOUT_13000, candidate, fill_in, ok, refused, staff, submit

PLAN = "HB-DIRECTION-DEMO"
MAJOR = "/api/apply/application/major"
# the shared courses and 市场营销方向's passed; 供应链管理方向's not taken
PASSED = ("15040", "15042", "00144", "00058", "07992")
RECORD = {**WITHOUT_13000, "majors": [PLAN], "registered_on": "2019-03-01", "prior_education": [],
          "attempts": [{"code": c, "session": "2024-10", "score": 70} for c in PASSED],
          "exemptions": [], "transfers": []}


@pytest.fixture(scope="module")
def city(portal, table):
    return staff(portal, table, "direction-city", "city", offices=(OFFICES["hubei"],))


@pytest.mark.parametrize("direction, words", [
    (None, "该专业有多个方向，请选择专业毕业方向（可选：市场营销方向、供应链管理方向）"),
    ("retail", "所选的不是该专业的专业毕业方向（可选：市场营销方向、供应链管理方向）"),
])
def test_a_missing_or_unknown_direction_is_refused_and_nothing_is_stored(portal, table, direction, words):
    me = candidate(portal, table, OFFICES["hubei"], like=RECORD)
    error = refused(me.put(MAJOR, json={"plan_id": PLAN, "direction": direction}), 422, "direction")
    assert error["message"] == words
    assert ok(me.get("/api/apply/application"))["application"] is None


def test_a_direction_for_a_major_without_directions_is_refused(portal, table):
    me = candidate(portal, table, OFFICES["hubei"])
    plan = me.who["majors"][0]
    error = refused(me.put(MAJOR, json={"plan_id": plan, "direction": "marketing"}), 422, "direction")
    assert error["message"] == "该专业没有可选的专业毕业方向"
    assert ok(me.get("/api/apply/application"))["application"] is None


def test_the_chosen_direction_is_judged_shown_and_submitted(portal, table, city):
    me = candidate(portal, table, OFFICES["hubei"], like=RECORD)
    chosen = ok(me.put(MAJOR, json={"plan_id": PLAN, "direction": "supply_chain"}))
    assert chosen["direction_name"] == "供应链管理方向"
    check = ok(me.get("/api/apply/application/check"))
    assert check["application"]["direction_name"] == "供应链管理方向"
    assert check["missing"], "供应链管理方向's courses are not passed"
    audit = ok(me.get(f"/api/eligibility/audits/{PLAN}"))         # the audit page judges the chosen 方向
    assert audit["verdict"] == "NOT_ELIGIBLE" and audit["course_status"].get("13675") is None
    assert {"13675", "13676"} <= {f["subject"] for f in audit["findings"]}
    refused(submit(me), 409)
    # changing to the 方向 whose courses are passed makes the application submittable
    assert ok(me.put(MAJOR, json={"plan_id": PLAN, "direction": "marketing"}))["direction_name"] == "市场营销方向"
    fill_in(me, "hubei")
    ok(submit(me))
    assert ok(me.get("/api/apply/application"))["application"]["direction_name"] == "市场营销方向"
    shown = ok(city.get(f"/api/apply/staff/applications/{me.who['exam_no']}"))
    assert shown["application"]["direction_name"] == "市场营销方向"


# 27882 生产管理 passed too: the demo's rule HB-D1 (27882 顶替 13675) helps 供应链管理方向 only, and the closest 方向
# is 市场营销方向 (nothing missing there)
WITH_27882 = {**RECORD, "attempts": [*RECORD["attempts"], {"code": "27882", "session": "2024-10", "score": 70}]}
HB_D1 = {"rule_id": "HB-D1", "use": ["27882"], "replace": ["13675"]}


def _rule(answer):
    return next(r for r in answer["rules"] if r["rule_id"] == "HB-D1")


def _row(answer, key):
    return next(r for r in answer[key] if r["plan_id"] == PLAN)


def test_every_answer_judges_the_chosen_direction_and_says_which(portal, table, city):
    me = candidate(portal, table, OFFICES["hubei"], like=WITH_27882)
    url = "/api/eligibility/"
    closest = "还没有选择专业方向，按最接近的「市场营销方向」判断"
    rules = ok(me.get(url + f"rules/{PLAN}"))                   # before a choice: the closest 方向's rule table
    assert rules["judged_for"] == closest and not _rule(rules)["usable"]
    assert "市场营销方向" in _rule(rules)["why_not"]
    assert ok(me.get(url + f"suggestions/{PLAN}"))["applied_substitutions"] == []
    assert _row(ok(me.get(url + "what-if")), "plans")["verdict"] == "ELIGIBLE"

    ok(me.put(MAJOR, json={"plan_id": PLAN, "direction": "supply_chain"}))
    chosen = "按所选的专业方向「供应链管理方向」判断"
    rules = ok(me.get(url + f"rules/{PLAN}"))
    assert rules["judged_for"] == chosen and _rule(rules)["usable"]
    suggested = ok(me.get(url + f"suggestions/{PLAN}"))
    assert (suggested["applied_substitutions"], suggested["still_missing"]) == ([HB_D1], ["13676"])
    assert suggested["judged_for"] == chosen
    what_if = _row(ok(me.get(url + "what-if")), "plans")
    assert (what_if["verdict"], what_if["judged_for"]) == ("NOT_ELIGIBLE", chosen)
    major = _row(ok(me.get(url + "majors")), "majors")
    assert (major["verdict"], major["judged_for"]) == ("NOT_ELIGIBLE", chosen)
    assert ok(me.get(url + f"audits/{PLAN}"))["judged_for"] == chosen
    staff_audit = ok(city.get(f"{url}staff/candidates/{me.who['exam_no']}/audits/{PLAN}"))
    assert (staff_audit["verdict"], staff_audit["judged_for"]) == ("NOT_ELIGIBLE", chosen)

    # the 顶替 helps the chosen 方向: applied, only 13676 is still missing
    after = ok(me.post(url + f"choices/{PLAN}", json=HB_D1))
    assert sorted(f["subject"] for f in after["findings"] if f["code"] in ("COURSE_MISSING", "PRACTICE_MISSING")) \
        == ["13676"]
    ok(me.delete(url + f"choices/{PLAN}/HB-D1"))
    # in 市场营销方向 it would change nothing: refused at 第三步 (要顶替的课程), nothing stored
    ok(me.put(MAJOR, json={"plan_id": PLAN, "direction": "marketing"}))
    error = refused(me.post(url + f"choices/{PLAN}", json=HB_D1), 422, "replace")
    assert "市场营销方向" in error["message"]
    assert ok(me.get(url + f"audits/{PLAN}"))["choices"] == []
