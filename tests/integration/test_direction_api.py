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
