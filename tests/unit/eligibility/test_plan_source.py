"""A plan of another province says whose it is wherever it is shown (issue 19 item 20: the demo's plans are
Jiangsu's); a province's own plans, and plans that name no province, say nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from functions.eligibility.plan_source import home_province, plan_source

PLANS = Path(__file__).resolve().parents[3] / "data" / "reference" / "plans"


def plan(plan_id: str) -> dict:
    return json.loads((PLANS / f"{plan_id}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", ["hubei", "anhui", "chongqing", "shanxi"])
def test_the_demo_plans_say_they_are_jiangsus_with_their_host_university_in_every_province(code):
    said = plan_source(plan("JS-080901-2024R"), home_province(code))
    assert said == "演示数据：这是江苏的考试计划（主考院校：南京航空航天大学），不是本省的"


def test_a_provinces_own_plan_says_nothing_however_the_province_is_written():
    own = plan("HB-080901-LEGACY")
    assert own["province"] == "湖北" and plan_source(own, home_province("hubei")) is None
    assert plan_source({**own, "province": "湖北省"}, "湖北") is None
    assert plan_source({"province": "重庆市"}, home_province("chongqing")) is None
    assert plan_source({"major_name": "会计学"}, "湖北") is None            # a plan that names no province


def test_another_provinces_plan_without_host_universities_still_says_whose_it_is():
    assert plan_source(plan("SX-BK-FRAGMENT"), home_province("hubei")) == "演示数据：这是山西的考试计划，不是本省的"


@pytest.mark.parametrize(("plan_id", "code"), [("HB-DIRECTION-DEMO", "hubei"), ("HB-OLDPLAN-FRAGMENT", "hubei"),
                                               ("AH-BK-FRAGMENT", "anhui"), ("SX-BK-FRAGMENT", "shanxi")])
def test_a_fragment_the_demo_wrote_for_its_own_province_says_it_is_one(plan_id, code):
    """The 方向 and 替代课程 demo plans (their lists are assumptions) and the paths' fragments: shown in their own
    province, they must not pass for the province's published plan."""
    said = plan_source(plan(plan_id), home_province(code))
    assert said == "演示数据：这是为演示编写的计划片段，不是本省公布的考试计划"
