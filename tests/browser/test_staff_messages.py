"""Staff see, on the application page, the SMS sent to the candidate and each one's delivery state (a list in
<section id="messages">, codes hidden); axe-core finds nothing on it."""
from __future__ import annotations

import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import OFFICES, candidate, fill_in, ok, submit


def test_the_application_page_lists_the_messages_sent_and_their_state(browser, site, portal, table, teams,
                                                                     screenshot):
    from functions.apply.app import app
    with as_province("hubei"):
        url, team = site("hubei"), teams("hubei")
        me = candidate(portal, table, OFFICES["hubei"], province="hubei")
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        fill_in(me, "hubei", reviewer=team["city"])
        ok(submit(me))
        exam_no = me.who["exam_no"]
        app.state.services.outbox.queue("reset_code", me.who["phone"], {"code": "550912", "hours": "24"},
                                        dedupe=f"{exam_no}#reset", exam_no=exam_no, account="browser-reset")
        context = journey.browser_for(browser, url, team["city"], phone=True, bypass_csp=True)
        try:
            page = context.new_page()
            page.goto(f"{url}/staff/application.html?exam_no={exam_no}")
            settled(page)
            section = page.locator("#messages")
            expect(section).to_be_visible()
            section.get_by_role("button", name="查看发给考生的短信及送达情况").click()
            expect(section.get_by_role("heading", name="发给考生的短信")).to_be_visible()
            rows = section.locator("[data-rows=messages] > li")
            expect(rows).to_have_count(2)
            expect(rows.nth(0)).to_contain_text("重置密码验证码")
            expect(rows.nth(1)).to_contain_text("已提交")
            expect(rows.nth(1)).to_contain_text("仅记录（本地环境不发送）")
            assert "550912" not in section.inner_text()
            assert axe(page) == []
            screenshot(page, "staff-messages")
        finally:
            context.close()
