"""Issue 19 item 8 (安徽, seed 002: 已受理后若发现填写的个人信息有误，可根据页面提示返回修改), on a 360 px phone: after
submitting, the task list says 可更正 beside 核对基本信息 and 填写联系方式 and 已提交 beside the rest; those two pages
stay editable under a banner that says until when, and save; check answers keeps 修改 links to them alone. Once the
city decides, the pages are read-only like every other."""
from __future__ import annotations

import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import ok

AXE = {"bypass_csp": True}


def test_anhui_candidates_correct_personal_information_from_the_pages_until_the_city_decides(people, teams):
    with as_province("anhui"):
        me, page, staff, url = people("anhui", AXE)
        journey.ready_to_submit("anhui", me, page, staff, url)
        journey.submit(page)
        page.goto(url + "/me.html")
        settled(page)
        expect(page.locator("[data-tag=basic]")).to_have_text("可更正")
        expect(page.locator("[data-tag=contact]")).to_have_text("可更正")
        expect(page.locator("[data-tag=resume]")).to_have_text("已提交")
        assert axe(page) == []

        journey.task(page, "核对基本信息")
        banner = page.locator("#correcting")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("市级教育考试机构初审")
        expect(page.locator("#closed")).to_be_hidden()
        assert axe(page) == []
        page.get_by_label("民族").select_option("回族")
        page.get_by_role("button", name="确认并继续").click()
        page.wait_for_url("**/me.html")
        assert ok(me.get("/api/apply/application/check"))["basic"]["ethnicity"] == "回族"

        page.goto(url + "/apply/check.html")
        settled(page)
        expect(page.locator("#correcting")).to_be_visible()
        expect(page.locator("#closed")).to_be_visible()
        links = page.get_by_role("link", name="修改").evaluate_all("as => as.map(a => new URL(a.href).pathname)")
        assert links and set(links) == {"/apply/basic.html", "/apply/contact.html"}, links
        expect(page.locator("[data-fill='basic.ethnicity']")).to_have_text("回族")
        assert axe(page) == []

        decision = f"/api/apply/staff/applications/{me.who['exam_no']}/decision"
        ok(teams("anhui")["city"].post(decision, json={"stage": "city_review", "decision": "approve"}))
        for task in ("核对基本信息", "填写联系方式"):
            journey.task(page, task)
            expect(page.locator("#closed")).to_be_visible()
            expect(page.locator("#correcting")).to_be_hidden()
            expect(page.locator("main form button")).to_have_count(0)
        page.goto(url + "/me.html")
        settled(page)
        expect(page.locator("[data-tag=basic]")).to_have_text("已提交")
