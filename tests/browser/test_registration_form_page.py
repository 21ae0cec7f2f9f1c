"""山西's 毕业生登记表 on the pages (issue 19 item 4, seed 004): on a 360 px phone, after paying, the status page
offers 填写《毕业生登记表》; its page says 自我鉴定 may be typed or left to write by hand, the 自我鉴定 page opens
again, and 导出登记表（PDF） prints what was just saved; once the county records the form handed in on its page (the
history saying who did), the page says so, no export is offered, the last export downloads, and the 自我鉴定 page
is read-only. axe 0 on each."""
from __future__ import annotations

import re
import subprocess

import httpx
import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe

AXE = {"bypass_csp": True}
TYPED = "本人缴费后在网上填写的自我鉴定，导出后打印交回。"


def opened_pdf(page, button: str) -> str:
    """Press `button`; the link it shows answers the PDF, read back as text (spaces dropped)."""
    page.get_by_role("button", name=button).click()
    link = page.get_by_role("link", name=re.compile("打开《毕业生登记表》"))
    expect(link).to_be_focused()
    pdf = httpx.get(link.evaluate("a => a.href"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf.text[:200]
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout
    return "".join(text.decode("utf-8").split())


def test_filled_after_paying_exported_then_locked_once_the_county_records_it(people, screenshot):
    with as_province("shanxi"):
        me, page, staff, url = people("shanxi", AXE)
        journey.ready_to_submit("shanxi", me, page, staff, url)
        journey.submit(page)
        page.goto(url + "/apply/fill-form.html")
        settled(page)
        expect(page.locator("[data-not-yet]")).to_be_visible()          # not before paying
        expect(page.get_by_role("button", name="导出登记表（PDF）")).to_be_hidden()

        journey.pay(page, url)
        assert page.viewport_size["width"] == 360
        page.get_by_role("link", name="填写《毕业生登记表》并导出").click()
        page.wait_for_url("**/apply/fill-form.html")
        settled(page)
        expect(page.locator("[data-fill=note]")).to_contain_text("自我鉴定可电脑输入，也可以不填，打印后在横线上手写")
        assert axe(page) == []
        page.get_by_role("link", name="自我鉴定", exact=True).click()
        page.wait_for_url("**/apply/self-assessment.html?from=form")
        settled(page)
        expect(page.locator("#correcting")).to_be_visible()
        expect(page.locator("#closed")).to_be_hidden()
        assert axe(page) == []
        page.get_by_label("自我鉴定").fill(TYPED)
        page.get_by_role("button", name="保存并继续").click()
        page.wait_for_url("**/apply/fill-form.html")
        settled(page)
        assert TYPED in opened_pdf(page, "导出登记表（PDF）")
        screenshot(page, "fill-form-open-shanxi", desktop=False)

        county = staff["county"]
        journey.decide(county, url, me.who["exam_no"], {"id": "registration_form"})
        received = county.locator("[data-rows=history] tr").filter(has_text="登记收到登记表")
        expect(received).to_have_count(1)
        expect(received.locator("td").nth(1)).not_to_have_text(re.compile(r"^(系统)?$"))   # a person's name

        page.goto(url + "/apply/fill-form.html")
        settled(page)
        expect(page.locator("#handed-in")).to_contain_text("县(市、区)招办已于")
        expect(page.get_by_role("button", name="导出登记表（PDF）")).to_be_hidden()
        expect(page.get_by_role("link", name="自我鉴定", exact=True)).to_be_hidden()
        assert axe(page) == []
        assert TYPED in opened_pdf(page, "下载最后导出的登记表（PDF）")
        screenshot(page, "fill-form-handed-in-shanxi", desktop=False)
        page.goto(url + "/apply/self-assessment.html")
        settled(page)
        expect(page.locator("#closed")).to_be_visible()
        expect(page.get_by_label("自我鉴定")).not_to_be_editable()
