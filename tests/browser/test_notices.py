"""Notices through the pages (issue 19 items 9 and 10), in 重庆: the 市自考办 writes the 毕业申请须知 and a host
university its 公告 on the staff page 公告; the candidate reads both on the start page, at 360 px, before starting.
axe finds nothing on either page."""
from __future__ import annotations

from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import ok

须知 = "1. 社会考生在本系统填写毕业申请。\n2. 请认真阅读本须知后再申报。"


def test_offices_write_notices_and_the_candidate_reads_them_before_starting(people, teams, screenshot):
    with as_province("chongqing"):
        me, page, staff, url = people("chongqing")
        host = ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))["host_universities"][0]
        team = teams("chongqing")
        try:
            office = staff["province"]
            office.goto(url + "/staff/notices.html")
            settled(office)
            section = office.get_by_role("region", name="重庆市教育考试院：毕业申请须知")
            section.get_by_label("公告内容").fill(须知)
            section.get_by_role("button", name="保存公告").click()
            expect(office.locator("#decided")).to_contain_text("重庆市教育考试院：毕业申请须知：已发布。")
            expect(section.locator(".hint")).to_contain_text("最后修改：")
            assert axe(office) == []
            screenshot(office, "staff-notices")

            university = staff["university"]
            university.goto(url + "/staff/notices.html")
            settled(university)
            own = university.get_by_role("region", name=f"{host}：公告")
            own.get_by_label("公告内容").fill("毕业设计成绩录入后方可申请。")
            own.get_by_role("button", name="保存公告").click()
            expect(university.locator("#decided")).to_contain_text(f"{host}：公告：已发布。")

            page.goto(url + "/me.html")
            settled(page)
            notices = page.locator("#notices")
            expect(notices).to_be_visible()
            expect(notices.locator("h3")).to_have_text(["重庆市教育考试院：毕业申请须知", f"{host}：公告"])
            expect(notices.locator("[data-notice]").first.locator("p:not(.hint)")).to_have_text(须知.split("\n"))
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            assert axe(page) == []
            screenshot(page, "candidate-notices", desktop=False)
        finally:     # later tests' candidates on this stack see no notice they did not write
            ok(team["province"].put("/api/apply/staff/notices/province/-", json={"text": ""}))
            ok(team["university"].put(f"/api/apply/staff/notices/university/{host}", json={"text": ""}))
