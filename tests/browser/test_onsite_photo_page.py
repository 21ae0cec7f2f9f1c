"""湖北's 现场确认 on the staff application page, at desktop and at 360 px: the city office sends the photo it took on
site for a record that came without a 报名照片, sees it under 照片 as the photo the 申请表 prints (and where it came
from), then records 现场确认. A file that is no JPEG is refused in words beside the field. axe 0."""
from __future__ import annotations

import io

import journey
import pytest
from conftest import as_province, settled
from PIL import Image
from playwright.sync_api import expect
from steps import axe
from support.applying import OFFICES, candidate, ok, submit
from support.pictures import pictures


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_office_sends_the_photo_taken_on_site_and_sees_it_printed(phone, browser, site, portal, table, teams,
                                                                      tmp_path):
    with as_province("hubei"):
        url, team = site("hubei"), teams("hubei")
        me = candidate(portal, table, OFFICES["hubei"])
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        ok(me.put("/api/apply/application/contact",
                  json={"phone": me.who["phone"], "address": "武汉市洪山区珞喻路1037号"}))
        ok(submit(me))
        photo, png = tmp_path / "现场.jpg", tmp_path / "扫描.png"
        photo.write_bytes(pictures("portraits").compliant_jpeg())
        out = io.BytesIO()
        Image.new("RGB", (300, 400), "white").save(out, "PNG")
        png.write_bytes(out.getvalue())
        context = journey.browser_for(browser, url, team["city"], phone=phone, bypass_csp=True)
        try:
            page = context.new_page()
            page.goto(url + "/staff/application.html?exam_no=" + me.who["exam_no"])
            settled(page)
            expect(page.locator("#photo")).to_contain_text("没有上传")
            page.get_by_role("button", name="上传现场拍摄的考生照片").click()
            field = page.get_by_label("考生照片（JPEG，2 MB 以内）")
            field.set_input_files(str(png))
            page.get_by_role("button", name="保存照片").click()
            expect(page.locator("#onsite_file-field")).to_contain_text("现场照片应为 JPEG 图片（.jpg）")
            field.set_input_files(str(photo))
            page.get_by_role("button", name="保存照片").click()
            expect(page.locator("#decided")).to_contain_text("已保存现场拍摄的照片")
            printed = page.locator("#photo figure")
            expect(printed).to_contain_text("申请表打印的照片：现场确认时拍摄的照片")
            expect(printed.locator("img")).to_have_js_property("complete", True)
            assert printed.locator("img").evaluate("i => i.naturalWidth") > 0
            assert axe(page) == []
            page.reload()
            settled(page)
            expect(page.locator("#photo figure")).to_contain_text("现场确认时拍摄的照片")   # the page answer names it
            page.get_by_role("button", name="记录现场确认").click()
            expect(page.locator("#decided")).to_contain_text("已记录现场确认")
        finally:
            context.close()
