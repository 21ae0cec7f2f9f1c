"""湖北's 准考证管理 and 安徽's 其他准考证号 walked through the pages on a 360 px phone, for each province whose profile
offers another 准考证: a candidate two courses short (passed under another 准考证 of theirs, the demo's path: one
a sitting, the other a 转考) adds that 准考证 by name, ID number and 准考证号 on the page the audit page links to
(an empty form first: every field it misses named); the office the profile names opens it in
<section id="exam-numbers"> of the staff application page and confirms the merge; the candidate's 课程考试情况
then shows those passes with the other 准考证号, the 转考 as such, and the application is submitted. axe-core on
the two pages' states this adds (the course table's rows only gain words). The major, sections and files are
done through the API (the journey tests walk their pages): this test is about the other 准考证, and stays cheap."""
from __future__ import annotations

import journey
import pytest
from conftest import PROVINCES, as_province, settled
from playwright.sync_api import expect
from steps import axe, summary_items
from support.applying import OFFICES, another_exam_no, fill_in, ok

from functions.profiles.loader import load_profile
from infra.demo.generate import REFERENCE
from infra.demo.merges import other_exam_number_demo

MERGING = [p for p in PROVINCES if load_profile(p).data["application"]["other_exam_numbers"]]
KEPT = ("majors", "flags", "registered_on", "prior_education", "thesis", "attempts", "exemptions", "transfers")


@pytest.mark.parametrize("province", MERGING)
def test_another_exam_no_added_confirmed_by_the_office_shown_in_the_course_table_then_submitted(
        people, table, teams, province):
    mine, theirs = other_exam_number_demo(province, [OFFICES[province]], REFERENCE)[:2]
    app = load_profile(province).data["application"]
    with as_province(province):
        me, page, staff, url = people(province, options={"bypass_csp": True}, **{k: mine[k] for k in KEPT})
        other = another_exam_no(table, me, theirs["attempts"], transfers=theirs["transfers"])
        plan = me.who["majors"][0]
        ok(me.put("/api/apply/application/major", json={"plan_id": plan}))
        fill_in(me, province, reviewer=teams(province).get(app["photo_review"]))
        page.goto(f"{url}/apply/exam-numbers.html")     # the audit page's link to it is checked below
        settled(page)
        page.get_by_role("button", name="添加准考证").click()
        assert summary_items(page) == ["请填写准考证上的姓名", "请填写准考证上的身份证号", "请填写要添加的准考证号"]
        page.get_by_label("准考证上的姓名").fill(me.who["name"])
        page.get_by_label("准考证上的身份证号").fill(me.who["id_number"])
        page.get_by_label("要添加的准考证号").fill(other)
        page.get_by_role("button", name="添加准考证").click()
        expect(page.locator("#numbers-now")).to_be_focused()
        brought = page.locator("[data-list=others]")
        expect(brought).to_contain_text(f"待审核（未生效） 准考证 {other}")
        expect(brought).to_contain_text("转考")     # what the merge brings, as obtained
        for code in {a["code"] for a in theirs["attempts"]}:       # each course named once, however often sat
            assert brought.inner_text().count(f"（{code}）") == 1
        assert axe(page) == []

        office = staff[app["other_exam_numbers"]["decided_by"]]
        office.goto(f"{url}/staff/application.html?exam_no={me.who['exam_no']}")
        settled(office)
        section = office.locator("#exam-numbers")
        section.get_by_role("button", name="查看并核对其他准考证").click()
        expect(section).to_contain_text(f"准考证 {other}")
        expect(section).to_contain_text("转考")
        assert axe(office) == []
        section.get_by_role("button", name="核对通过，合并成绩").click()
        expect(section).to_contain_text("已合并（生效）")

        page.goto(f"{url}/eligibility/audit.html?plan={plan}")
        settled(page)
        link = page.get_by_role("link", name="有的课程是在另一个准考证下考试合格的，请添加其他准考证")
        expect(link).to_have_attribute("href", "/apply/exam-numbers.html")
        courses = page.locator("[data-list=transcript]")
        expect(courses).to_contain_text(f"取得方式：转考 · 准考证 {other}")
        passed_there = theirs["attempts"][-1]["session"]
        expect(courses).to_contain_text(f"取得方式：考试 · 考试时间 {passed_there} · 准考证 {other}")
        assert journey.submit(page)
