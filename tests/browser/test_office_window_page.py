"""An office's own application window through the pages (issue 19 item 9), in 安徽: 合肥's city office, on a phone
(360 px), is refused a window wider than the province's with the field named, then sets a narrower one on 批次与导出;
its candidate's start page shows that window as 本次毕业申请时间, and the province's again once the office clears
its own. axe finds nothing on the staff page."""
from __future__ import annotations

from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import OFFICES, ok

from infra.demo.generate import DEMO_WINDOW

KIND = "社会考生"          # one of 安徽's types: the stack's batch was imported with 湖北's, so it is opened here


def test_hefeis_city_office_narrows_the_window_and_its_candidate_sees_it(people, teams, screenshot):
    with as_province("anhui"):
        me, page, staff, url = people("anhui", candidate_type=KIND)
        team = teams("anhui")
        batch = ok(team["province"].get("/api/apply/staff/review"))["current_batch"]
        ok(team["province"].put(f"/api/apply/staff/batches/{batch}/windows/{KIND}", json=DEMO_WINDOW))
        own = f"/api/apply/staff/batches/{batch}/offices/{OFFICES['anhui']}/windows/{KIND}"
        try:
            city = staff["city"]
            city.set_viewport_size({"width": 360, "height": 800})
            city.goto(url + "/staff/batches.html")
            settled(city)
            form = city.locator("form[data-office-window]")
            expect(form.get_by_label("考试机构")).to_have_value(OFFICES["anhui"])
            form.get_by_label("考生类别").select_option(KIND)
            form.get_by_label("开始时间（北京时间）").fill("2026-10-01T00:00")
            form.get_by_label("结束时间（北京时间）").fill("2027-01-10T17:00")
            form.get_by_role("button", name="保存本单位的申请时间").click()
            expect(city.locator("#error-summary")).to_contain_text(
                "开始时间不能早于省级教育考试机构规定的开始时间 2026-11-01 00:00")
            expect(form.locator("#ow_opens-field .error-message")).to_be_visible()

            form.get_by_label("开始时间（北京时间）").fill("2026-11-02T08:00")
            form.get_by_role("button", name="保存本单位的申请时间").click()
            expect(city.locator("[data-batches]")).to_contain_text(
                f"合肥市自定（{KIND}）：2026-11-02 08:00 至 2027-01-10 17:00（正在申请）")
            assert city.evaluate("document.documentElement.scrollWidth") <= 360
            assert axe(city) == []
            screenshot(city, "staff-office-window")

            page.goto(url + "/me.html")
            settled(page)
            expect(page.locator("#window-dates")).to_have_text(
                "本次毕业申请时间：2026-11-02 08:00 至 2027-01-10 17:00（北京时间）")

            form.get_by_role("button", name="清除本单位的申请时间").click()      # the province's window again
            expect(city.locator("[data-batches]")).not_to_contain_text("合肥市自定")
            page.reload()
            settled(page)
            expect(page.locator("#window-dates")).to_have_text(
                "本次毕业申请时间：2026-11-01 00:00 至 2027-01-15 17:00（北京时间）")
        finally:     # later tests' 合肥 candidates on this stack have the province's window
            team["city"].delete(own)
