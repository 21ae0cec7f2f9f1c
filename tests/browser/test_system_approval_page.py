"""系统审核通过 on the pages (山西, seed 004 step 5: 系统审核通过或招办全部审批通过后才可进行支付): a clean application
submitted on a 360 px phone is passed by the system at once; its status page says 系统审核通过, the county's step
done and the fee's step current, and offers the fee, which the candidate pays there and then; the county's page
of it shows the step in the history as the system's, no person's. axe 0 on each."""
from __future__ import annotations

import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe

AXE = {"bypass_csp": True}


def test_a_clean_application_is_passed_by_the_system_and_the_fee_offered_at_once(people):
    with as_province("shanxi"):
        me, page, staff, url = people("shanxi", AXE)
        journey.ready_to_submit("shanxi", me, page, staff, url)
        journey.submit(page)
        page.goto(url + "/apply/status.html")
        settled(page)
        assert page.viewport_size["width"] == 360
        expect(page.locator("[data-fill=status_text]")).to_have_text("系统审核通过，待网上缴费")
        expect(page.locator("[data-step]")).to_have_text(
            ["县(市、区)招办审核（已完成）", "网上缴费（当前步骤）", "提交毕业生登记表", "招办复核"])
        expect(page.get_by_role("button", name="去缴费")).to_be_visible()
        expect(page.locator("[data-rows=messages] tr")).to_have_count(1)
        expect(page.locator("[data-rows=messages]")).to_contain_text("系统审核通过，待网上缴费")
        assert axe(page) == []

        county = staff["county"]
        county.goto(f"{url}/staff/application.html?exam_no={me.who['exam_no']}")
        settled(county)
        passed = county.locator("[data-rows=history] tr").filter(has_text="系统审核通过")
        expect(passed).to_have_count(1)
        expect(passed.locator("td").nth(1)).to_have_text("系统")                # no person's name
        assert axe(county) == []

        journey.pay(page, url)
        expect(page.locator("[data-fill=status_text]")).to_have_text("待提交毕业生登记表")
