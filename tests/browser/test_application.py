"""The application through the pages, for each province: a candidate chooses the major, fills each section on
its page, checks the answers and submits (a double click sends once); staff take it through every stage of the
province on the staff pages (现场确认 in 湖北, the photo review where staff review photos), the candidate pays on
the sandbox pay page where the province charges, and downloads the printed forms. (A rejection and re-submission,
errors and other paths: test_application_pages.py.)"""
from __future__ import annotations

import journey
import pytest
from conftest import PROVINCES, as_province, settled
from playwright.sync_api import expect


@pytest.mark.parametrize("province", PROVINCES)
def test_from_the_task_list_to_approved_and_the_printed_form(province, people, screenshot):
    with as_province(province):
        me, page, staff, url = people(province)
        data = journey.ready_to_submit(province, me, page, staff, url)
        page.goto(url + "/me.html")
        settled(page)
        screenshot(page, f"tasks-done-{province}")
        journey.task(page, "核对并提交")
        screenshot(page, f"check-{province}")
        reference = journey.submit(page)
        screenshot(page, f"submitted-{province}")
        stages = data["review"]["stages"]
        # the province's steps, the first one current; 山西 passes its county review by itself for this clean one
        passed = sum(s["system_approval"] for s in stages)
        page.goto(url + "/apply/status.html")
        settled(page)
        expect(page.locator("[data-step]")).to_have_text([s["name"] + (
            "（已完成）" if i < passed else "（当前步骤）" if i == passed else "") for i, s in enumerate(stages)])
        expect(page.locator("[aria-current=step]")).to_have_count(1)
        for i, stage in enumerate(stages):
            if stage["system_approval"]:
                continue                                 # 系统审核通过 (test_system_approval_page)
            if stage["kind"] == "payment":
                journey.pay(page, url)
                continue
            if i == 0 and data["application"]["onsite_confirmation"]:
                journey.onsite(staff[stage["role"]], url, me.who["exam_no"])
            if stage.get("joint_with"):                  # 安徽's 会审: the 主考院校's 同意 first
                journey.opinion(staff[stage["joint_with"]], url, me.who["exam_no"])
            journey.decide(staff[stage["role"]], url, me.who["exam_no"], stage)
            if i == 0:
                screenshot(staff[stage["role"]], f"staff-decided-{province}")
        page.goto(url + "/apply/status.html")
        settled(page)
        expect(page.locator("[data-fill=status_text]")).to_have_text("审核通过")
        expect(page.locator("[data-fill=reference]")).to_have_text(reference)
        messages = len(stages) + 1 + data["application"]["onsite_confirmation"] - passed
        expect(page.locator("[data-rows=messages] tr")).to_have_count(messages)
        expect(page.locator("[data-step]")).to_have_text([s["name"] + "（已完成）" for s in stages])
        if data["fee"]:                                  # the fee's message says by when, as the page does
            expect(page.locator("[data-rows=messages]")).to_contain_text("（北京时间） 前缴纳" + data["fee"]["name"])
        for form in data["forms"]:
            journey.download(page, form["name"])
        screenshot(page, f"status-approved-{province}")
