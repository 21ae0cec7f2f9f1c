"""山西's photo after submitting on the pages (issue 19 item 2; seed 004 step 4): on a 360 px phone the candidate
submits without a photo; the status page and the task list then ask for it (提交后上传毕业照片, with why); on the
photo page a photo the automatic check fails (系统认证未通过, with its reasons) offers 重新上传 and 人工审核, and a
compliant one passes (系统认证通过), after which the status page says 系统审核通过 and offers the fee. axe 0 on each."""
from __future__ import annotations

import journey
import photos
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe, upload
from support import applying

AXE = {"bypass_csp": True}


def test_the_photo_is_asked_after_submitting_and_once_it_passes_the_system_approves(people):
    with as_province("shanxi"):
        me, page, staff, url = people("shanxi", AXE)
        page.goto(url + "/me.html")
        settled(page)
        journey.choose_major(page, me.who["majors"][0])
        journey.fill_sections(page, "shanxi", me.who["phone"])
        journey.submit(page)                                     # no photo yet: the submit does not wait for it

        page.goto(url + "/apply/status.html")
        settled(page)
        assert page.viewport_size["width"] == 360
        expect(page.locator("[data-fill=status_text]")).to_have_text("待县(市、区)招办审核")
        step = page.locator("#photo-step")
        expect(step).to_be_visible()
        expect(step).to_contain_text("提交后上传毕业照片")
        expect(step).to_contain_text("通过系统线上认证后，申请才能系统审核通过并缴费")
        expect(page.get_by_role("button", name="去缴费")).to_be_hidden()
        assert axe(page) == []
        page.goto(url + "/me.html")
        settled(page)
        expect(page.locator("[data-tag=photo]")).to_have_text("未完成")

        journey.task(page, "提交后上传毕业照片")
        failed = upload(page, "photo", "photo.jpg", applying.small_jpeg())      # no face: the check fails it
        expect(failed.locator("[data-result]")).to_contain_text("系统认证未通过")      # seed 004's words
        expect(failed.locator("[data-result] .findings li").first).to_be_visible()   # with the check's reasons
        expect(failed.get_by_role("button", name="申请人工审核")).to_be_visible()
        expect(failed.locator("[data-result]")).to_contain_text("县(市、区)招办人工审核")
        assert axe(page) == []
        with page.expect_file_chooser() as chooser:             # 重新上传: the file chooser again
            failed.get_by_role("button", name="重新上传").click()
        chooser.value.set_files({"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": photos.compliant_photo()})
        failed.get_by_role("button", name="上传并检查").click()
        settled(page)
        expect(failed.locator("[data-result]")).to_contain_text("系统认证通过")
        expect(page.locator("[data-current]")).to_contain_text("系统认证通过")

        page.goto(url + "/apply/status.html")
        settled(page)
        expect(page.locator("[data-fill=status_text]")).to_have_text("系统审核通过，待网上缴费")
        expect(page.locator("#photo-step")).to_be_hidden()
        expect(page.get_by_role("button", name="去缴费")).to_be_visible()
        assert axe(page) == []
