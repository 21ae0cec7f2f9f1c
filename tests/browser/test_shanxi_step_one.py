"""山西's first step on a phone (seed 004, 具体流程 1): 选择毕业申请区县 with the record's office preselected and the
通讯地址, the major, and the host universities: both may be chosen where the plan has two
("考生毕业申请最多可选择两所主考院校"), and the page says so only when it is true. At 360 px, with axe (the contexts
bypass the CSP only so axe can be injected)."""
from __future__ import annotations

import re

import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support import applying
from support.applying import ok
from support.plans import plan_with_hosts

AXE = {"bypass_csp": True}
BOTH = ["南京大学", "南京航空航天大学"]


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_candidate_chooses_the_office_that_handles_the_application(people, browser, portal, table):
    with as_province("shanxi"):
        me, page, staff, url = people("shanxi", AXE)
        page.goto(url + "/me.html")
        journey.task(page, "选择申请专业")
        office = page.get_by_label("毕业申请区县")
        expect(office).to_have_value("140105")                       # the record's: 太原市小店区
        assert axe(page) == [] and fits_the_phone(page)
        office.select_option(label="太原市迎泽区")
        page.get_by_label("通讯地址").fill("太原市迎泽区迎泽大街 1 号")
        page.locator(f"input[name=plan_id][value='{me.who['majors'][0]}']").check()
        journey.save(page)
        assert ok(me.get("/api/apply/application"))["application"]["office_name"] == "太原市迎泽区"
        journey.task(page, "选择申请专业")                              # chosen again: the choice stands
        expect(page.get_by_label("毕业申请区县")).to_have_value("140106")
        page.goto(url + "/apply/check.html")                          # and check answers shows it
        settled(page)
        expect(page.locator("#major")).to_contain_text(re.compile(r"毕业申请区县\s*太原市迎泽区"))
        expect(page.locator("main")).to_contain_text(re.compile(r"通讯地址\s*太原市迎泽区迎泽大街 1 号"))

        # 迎泽区's staff find it, the office chosen in their history; 小店区's (the record's) find nobody
        there = applying.staff(portal, table, "step-one-yingze", "county", offices=("140106",))
        with journey.browser_for(browser, url, there, phone=False) as context:
            theirs = context.new_page()
            theirs.goto(f"{url}/staff/application.html?exam_no={me.who['exam_no']}")
            settled(theirs)
            expect(theirs.locator("#who")).to_contain_text("太原市迎泽区")
            expect(theirs.locator("[data-rows=history]")).to_contain_text("选择毕业申请区县")
        home = staff["county"]
        home.goto(f"{url}/staff/application.html?exam_no={me.who['exam_no']}")
        settled(home)
        expect(home.locator("[data-missing]")).to_be_visible()


def test_two_host_universities_are_offered_only_where_the_plan_has_two(people, table):
    like = applying.ELIGIBLE[0]
    with as_province("shanxi"), plan_with_hosts(table, like["majors"][0], BOTH) as plan:
        me, page, _, url = people("shanxi", AXE, like=like, majors=[plan, like["majors"][0]])
        page.goto(url + "/me.html")
        journey.task(page, "选择申请专业")
        page.locator(f"input[name=plan_id][value='{plan}']").check()
        page.get_by_role("button", name="保存并继续").click()
        page.wait_for_url("**/apply/hosts.html")
        settled(page)
        hint = page.locator("#host_universities-hint")
        expect(hint).to_contain_text("可以选择 1 所，也可以同时选择 2 所")
        for name in BOTH:
            page.get_by_label(name).check()
        assert axe(page) == [] and fits_the_phone(page)
        journey.save(page)
        assert ok(me.get("/api/apply/application"))["application"]["host_universities"] == BOTH

        # the plan with one host: the page offers that one and says nothing of choosing two
        ok(me.put("/api/apply/application/major", json={"plan_id": like["majors"][0]}))
        page.goto(url + "/apply/hosts.html")
        settled(page)
        expect(hint).to_contain_text("该专业只有 1 所主考院校")
        expect(hint).not_to_contain_text("2 所")
        assert axe(page) == []
