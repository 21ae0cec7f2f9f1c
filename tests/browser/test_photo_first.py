"""安徽's photo first, with its own deadline, through the pages (issue 19 item 6; seed 002: 相片上传截止时间早于毕业申请
提交时间，若相片审核不通过则需重新上传，直至相片审核通过): on a phone (360 px) the province is refused a photo window
closing after the application's, with the field named, then sets one on 批次与导出; the candidate's start page
lists 上传毕业证照片 first with 相片上传截止 and, as the city decides, the review in words: waiting, 未通过 with the
city's reason, 已通过 (still after a major is chosen); the photo page says the deadline too and, once it has
passed, that no photo is taken any more, with nothing to press. axe finds nothing on these pages."""
from __future__ import annotations

from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import ok, upload, without_photo_window
from support.pictures import pictures

from infra.demo.generate import DEMO_WINDOW

KIND = "社会考生"          # one of 安徽's types: the stack's batch was imported with 湖北's, so it is opened here


def test_the_province_sets_the_photo_window_and_the_candidate_sees_the_photo_first(people, teams, table, screenshot):
    with as_province("anhui"):
        me, page, staff, url = people("anhui", candidate_type=KIND)
        team = teams("anhui")
        batch = ok(team["province"].get("/api/apply/staff/review"))["current_batch"]
        ok(team["province"].put(f"/api/apply/staff/batches/{batch}/windows/{KIND}", json=DEMO_WINDOW))
        try:
            province = staff["province"]
            province.set_viewport_size({"width": 360, "height": 800})
            province.goto(url + "/staff/batches.html")
            settled(province)
            form = province.locator("form[data-photo-window]")
            form.get_by_label("相片上传开始时间（北京时间）").fill("2026-11-01T00:00")
            form.get_by_label("相片上传截止时间（北京时间）").fill("2027-01-20T17:00")
            form.get_by_role("button", name="保存相片上传时间").click()
            expect(province.locator("#error-summary")).to_contain_text("相片上传截止时间须早于申请结束时间")
            expect(form.locator("#pw_closes-field .error-message")).to_be_visible()

            form.get_by_label("相片上传截止时间（北京时间）").fill("2027-01-10T17:00")
            form.get_by_role("button", name="保存相片上传时间").click()
            expect(province.locator("[data-batches]")).to_contain_text(
                "相片上传：2026-11-01 00:00 至 2027-01-10 17:00（正在上传）")
            assert province.evaluate("document.documentElement.scrollWidth") <= 360
            assert axe(province) == []
            screenshot(province, "staff-photo-window")

            page.goto(url + "/me.html")
            settled(page)
            first = page.locator("#tasks > li").first
            expect(first).to_have_attribute("data-task", "photo")
            expect(first).to_contain_text("相片上传截止：2027-01-10 17:00（北京时间）")
            expect(first.locator("[data-tag=photo]")).to_have_text("未开始")

            city, exam_no, portraits = team["city"], me.who["exam_no"], pictures("portraits")
            upload(me, portraits.compliant_jpeg(), "photo")
            page.reload()
            settled(page)
            expect(first.locator("[data-tag=photo]")).to_have_text("等待市级教育考试机构审核")
            ok(city.post(f"/api/photo/staff/queue/{exam_no}", json={"decision": "reject", "reason": "背景不是浅蓝色"}))
            page.reload()
            settled(page)
            expect(first.locator("[data-tag=photo]")).to_have_text("未通过：背景不是浅蓝色 — 请重新上传")

            upload(me, portraits.compliant_jpeg(), "photo")              # replaced before the deadline
            ok(city.post(f"/api/photo/staff/queue/{exam_no}", json={"decision": "approve"}))
            ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
            page.reload()
            settled(page)
            expect(first.locator("[data-tag=photo]")).to_have_text("已通过")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            assert axe(page) == []
            screenshot(page, "me-photo-first")

            page.goto(url + "/photo.html")                             # the photo page says the deadline too
            settled(page)
            expect(page.locator("[data-photo-deadline]")).to_have_text("相片上传截止：2027-01-10 17:00（北京时间）")
            expect(page.get_by_role("button", name="上传并检查")).to_be_visible()
            over = {"opens": "2026-11-01T00:00", "closes": "2026-11-20T17:00"}        # past by the stack's clock
            ok(team["province"].put(f"/api/apply/staff/batches/{batch}/photo-window", json=over))
            page.reload()
            settled(page)
            expect(page.locator("#photo-closed")).to_contain_text("相片上传已经截止，不能再上传或更换照片")
            expect(page.get_by_role("button", name="上传并检查")).to_have_count(0)
            assert axe(page) == []
        finally:     # later tests' 安徽 photos on this stack have no photo window
            without_photo_window(table, batch)
