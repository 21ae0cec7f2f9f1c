"""重庆 refunds the fee of an application rejected after payment when the round ends (issue 19 item 14; seed 003
须知 9): the candidate's status page says so with the date, and the staff's page shows the refund pending with
that date beside the payment, both in Beijing time (the last close of the batch's windows)."""
from __future__ import annotations

import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from support import applying
from support.applying import at_the_fee, ok

from functions.common.batches import all_batches
from functions.common.dynamo.store import Store
from functions.common.time import epoch_of, shown


def test_the_candidate_and_staff_read_when_a_重庆_fee_goes_back(browser, site, portal, table, teams):
    with as_province("chongqing"):
        url, team = site("chongqing"), teams("chongqing")
        me = at_the_fee(portal, table, team["university"])
        assert applying.pay(me)["applied"] is True
        ok(team["province"].post(f"/api/apply/staff/applications/{me.who['exam_no']}/decision",
                                 json={"stage": "city_review", "decision": "reject", "reason": "成绩不符合毕业条件"}))
        batch = ok(me.get("/api/apply/application"))["application"]["batch"]["id"]
        windows = next(b for b in all_batches(Store(table)) if b["id"] == batch)["windows"]
        ends = shown(max(epoch_of(w["closes"]) for w in windows.values()))

        context = journey.browser_for(browser, url, me)
        page = context.new_page()
        page.goto(url + "/apply/status.html")
        settled(page)
        expect(page.locator("main")).to_contain_text(
            f"已缴纳的毕业审定费将在本次毕业办理结束后（{ends} 后）退回原支付账户")
        context.close()

        context = journey.browser_for(browser, url, team["province"], phone=False)
        page = context.new_page()
        page.goto(url + "/staff/application.html?exam_no=" + me.who["exam_no"])
        settled(page)
        expect(page.locator("#payment")).to_contain_text(
            f"已缴费；待退费：本次毕业办理结束后（{ends} 后）由系统退回原支付账户")
        context.close()
