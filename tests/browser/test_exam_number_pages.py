"""湖北's 准考证管理 walked through the pages on a 360 px phone: a candidate two courses short (passed under another
准考证 of theirs, the demo's path) adds that 准考证 by name, ID number and 准考证号 from the audit page, is told
what is missing first; the city opens it in <section id="exam-numbers"> of the staff application page and confirms
the merge; the candidate's 课程考试情况 then shows those passes with the other 准考证号, and the application is
submitted. axe-core on the states these reach."""
from __future__ import annotations

import journey
from conftest import settled
from playwright.sync_api import expect
from steps import axe, summary_items
from support.applying import another_exam_no

from infra.demo.generate import REFERENCE
from infra.demo.merges import other_exam_number_demo

MINE, THEIRS = other_exam_number_demo("hubei", ["420100"], REFERENCE)[:2]
RESULTS = {k: MINE[k] for k in ("majors", "flags", "registered_on", "prior_education", "thesis", "attempts",
                                "exemptions", "transfers")}


def test_another_exam_no_added_confirmed_by_the_city_shown_in_the_course_table_then_submitted(people, table):
    me, page, staff, url = people("hubei", options={"bypass_csp": True}, **RESULTS)
    other = another_exam_no(table, me, THEIRS["attempts"], transfers=THEIRS["transfers"])
    plan = me.who["majors"][0]
    journey.ready_to_submit("hubei", me, page, staff, url)
    page.goto(f"{url}/eligibility/audit.html?plan={plan}")
    settled(page)
    page.get_by_role("link", name="有的课程是在另一个准考证下考试合格的，请添加其他准考证").click()
    settled(page)
    page.get_by_role("button", name="添加准考证").click()
    assert summary_items(page) == ["请填写准考证上的姓名", "请填写准考证上的身份证号", "请填写要添加的准考证号"]
    page.get_by_label("准考证上的姓名").fill(me.who["name"])
    page.get_by_label("准考证上的身份证号").fill(me.who["id_number"])
    page.get_by_label("要添加的准考证号").fill(other)
    page.get_by_role("button", name="添加准考证").click()
    expect(page.locator("#numbers-now")).to_be_focused()
    expect(page.locator("[data-list=others]")).to_contain_text(f"待审核（未生效） 准考证 {other}")
    assert axe(page) == []

    city = staff["city"]
    city.goto(f"{url}/staff/application.html?exam_no={me.who['exam_no']}")
    settled(city)
    section = city.locator("#exam-numbers")
    section.get_by_role("button", name="查看并核对其他准考证").click()
    expect(section).to_contain_text(f"准考证 {other}")
    assert axe(city) == []
    section.get_by_role("button", name="核对通过，合并成绩").click()
    expect(section).to_contain_text("已合并（生效）")

    page.goto(f"{url}/eligibility/audit.html?plan={plan}")
    settled(page)
    expect(page.locator("[data-list=transcript]")).to_contain_text(f"准考证 {other}")
    assert axe(page) == []
    assert journey.submit(page)
