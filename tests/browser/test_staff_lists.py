"""The staff's queue and batch pages in the browser: 重庆's university (the first stage) filters its queue by stage,
approves two clean applications together and finds a candidate by ID number (masked in the list); the provincial
office sets a window and the graduation date, exports the graduates as CSV for 学信网 and counts the applications
per office. axe-core on the states these reach."""
from __future__ import annotations

import re

import httpx
import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import OFFICES, candidate, fill_in, ok, submit

AXE = {"bypass_csp": True}


def submitted(portal, table, team, province: str):
    me = candidate(portal, table, OFFICES[province], province=province)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, province, reviewer=team["city"])
    ok(submit(me))
    return me


def test_a_university_filters_finds_and_approves_clean_applications_together(browser, site, portal, table, teams):
    with as_province("chongqing"):
        url, team = site("chongqing"), teams("chongqing")
        clean = [submitted(portal, table, team, "chongqing") for _ in range(2)]
        context = journey.browser_for(browser, url, team["university"], phone=True, **AXE)
        try:
            page = context.new_page()
            page.goto(url + "/staff/queue.html")
            settled(page)
            page.get_by_label("审核阶段").select_option(label="主考学校初审")
            page.get_by_role("button", name="筛选").click()
            settled(page)
            assert "stage=university_review" in page.url
            for me in clean:
                page.get_by_role("checkbox", name=re.compile(f"^选中.*{me.who['exam_no']}")).check()
            assert axe(page) == []
            page.get_by_role("button", name="通过所选的申请").click()
            expect(page.locator("#decided")).to_contain_text("已通过 2 份")
            for me in clean:
                assert ok(me.get("/api/apply/application"))["application"]["stage"] != "university_review"
            page.get_by_label("查找考生").fill(clean[0].who["id_number"])
            page.get_by_role("button", name="查找").click()
            expect(page.locator("[data-rows=applications] > li")).to_have_count(1)
            expect(page.locator("[data-rows=applications]")).to_contain_text(clean[0].who["exam_no"])
            assert clean[0].who["id_number"] not in page.content()     # masked in the list
        finally:
            context.close()


def test_the_province_sets_a_window_and_dates_and_exports(browser, site, portal, table, teams):
    with as_province("hubei"):
        url = site("hubei")
        context = journey.browser_for(browser, url, teams("hubei")["province"], phone=True, **AXE)
        try:
            page = context.new_page()
            page.goto(url + "/staff/batches.html")
            settled(page)
            page.get_by_label("考生类别").select_option(label="助学类考生")
            page.get_by_label("开始时间（北京时间）").fill("2026-10-01T08:00")
            page.get_by_label("结束时间（北京时间）").fill("2027-01-20T17:00")
            page.get_by_role("button", name="保存申请时间").click()
            expect(page.locator("#decided")).to_contain_text("申请时间已保存")
            expect(page.locator("[data-batches]")).to_contain_text("助学类考生：2026-10-01 08:00 至 2027-01-20 17:00")
            page.get_by_role("button", name="保存毕业时间").click()
            expect(page.locator("#graduation_date-error")).to_contain_text("请填写毕业时间")
            assert axe(page) == []
            page.get_by_role("button", name="导出毕业生名单（CSV，报学信网）").click()
            link = page.locator("[data-csv]")
            expect(link).to_be_visible()
            csv = httpx.get(link.evaluate("a => a.href")).content
            assert csv.startswith("\ufeff准考证号,姓名".encode())
            page.get_by_role("button", name="统计各阶段人数").click()
            expect(page.locator("[data-list=counts] > li").last).to_contain_text("合计：共")
        finally:
            context.close()
