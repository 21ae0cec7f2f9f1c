"""What a payer reads back from paying 重庆's fee (issue 20 item 12; 山西's seed 004: 查看订单并打印): a failed payment
says so on the status page the payer returns to, with the way to pay again; a successful one says so and links the
receipt, which shows the order, the amount, the time in Beijing time, the payer, what was paid for and the provider,
fits a 360 px phone, prints without the site's controls, and is nobody else's to read. The sandbox provider plays
the platform (its pay page posts the signed callback a real provider would send)."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from conftest import as_province, settled, watch
from journey import browser_for, pay
from playwright.sync_api import expect
from steps import axe
from support.applying import at_the_fee, staff

from functions.common.dynamo import keys

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def university(portal, table):
    with as_province("chongqing"):
        yield staff(portal, table, "pay-feedback-university", "university",
                    universities=("南京航空航天大学", "南京财经大学", "南京师范大学", "南京农业大学"))


def test_a_failed_payment_says_so_and_a_paid_one_links_its_printable_receipt(browser, site, portal, table,
                                                                             university):
    with as_province("chongqing"):
        url = site("chongqing")
        me = at_the_fee(portal, table, university)
        context = browser_for(browser, url, me, phone=True, bypass_csp=True)
        errors, page = watch(context), context.new_page()

        pay(page, url, "支付失败")
        failed = page.locator("#pay-failed")
        expect(failed).to_be_visible()
        expect(failed).to_contain_text("付款没有成功")
        expect(failed).to_contain_text("没有扣款")
        expect(page.get_by_role("button", name="去缴费")).to_be_visible()        # and the way to pay again
        expect(page.locator("#paid")).to_be_hidden()
        assert axe(page) == []

        pay(page, url)
        paid = page.locator("#paid")
        expect(paid).to_be_visible()
        expect(paid).to_contain_text("缴费成功")
        expect(paid).to_contain_text("60.00 元")
        expect(page.locator("#pay-failed")).to_be_hidden()
        expect(page.get_by_role("button", name="去缴费")).to_be_hidden()
        assert axe(page) == []
        paid.get_by_role("link", name="查看订单并打印").click()
        page.wait_for_url("**/pay/receipt.html?order=*")
        settled(page)

        order_id = page.url.split("order=")[1]
        stored = table.get_item(Key=keys.order(order_id))["Item"]
        at = datetime.strptime(stored["paid_at"], "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=8)
        receipt = page.locator("main")
        expect(page.locator("h1")).to_have_text("缴费凭证")
        for text in (order_id, "60.00 元", at.strftime("%Y-%m-%d %H:%M"), "北京时间", me.who["name"],
                     me.who["exam_no"], "重庆自考", "沙箱支付", "已缴费"):
            expect(receipt).to_contain_text(text)
        assert page.evaluate(OVERFLOW) <= 0                                       # 360 px: nothing off the side
        expect(page.get_by_role("button", name="打印")).to_be_visible()
        assert axe(page) == []
        page.screenshot(path="test-artifacts/screenshots/pay-receipt-360.png", full_page=True)
        page.emulate_media(media="print")
        expect(page.locator("header.top")).to_be_hidden()                        # printed: the receipt alone
        expect(page.get_by_role("button", name="打印")).to_be_hidden()
        expect(receipt).to_contain_text(order_id)
        page.emulate_media(media="screen")
        context.close()
        assert not errors

        other = at_the_fee(portal, table, university)
        context = browser_for(browser, url, other, phone=True)
        page = context.new_page()
        page.goto(url + "/pay/receipt.html?order=" + order_id)
        settled(page)
        expect(page.locator("#error-summary")).to_contain_text("找不到该订单")
        expect(page.locator("main")).not_to_contain_text(me.who["name"])
        context.close()
