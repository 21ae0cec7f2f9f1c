"""The pay page of 重庆 (a fee province) with WeChat Pay, in the browser (issue 16 item 2): the amount in yuan, the
device guessed and changeable; on a desktop the Native code_url shown as a QR code and the page moving on by itself
once WeChat Pay's notification has come; on a phone (360 px, touch) the H5 page opened with the payer's address,
and back from it the page finds the payment and moves on. WeChat Pay is a local server that speaks API v3
(tests/support/pay_platforms.py); its notifications go to the portal's real callback route."""
from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import DESKTOP, PHONE, as_province, settled, watch
from journey import browser_for
from playwright.sync_api import expect
from steps import axe
from support.applying import at_the_fee, staff
from support.pay_platforms import WechatPay

from functions.apply.payments import qr
from functions.apply.payments.wechat import WechatPayProvider

ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 "
           "Mobile Safari/537.36")


@pytest.fixture(scope="module")
def university(portal, table):
    with as_province("chongqing"):
        yield staff(portal, table, "pay-page-university", "university",
                    universities=("南京航空航天大学", "南京财经大学", "南京师范大学", "南京农业大学"))


@contextlib.contextmanager
def wechat_pay(site_url: str):
    """The portal takes new payments with WeChat Pay, at a local server speaking its protocol, for the block."""
    from functions.apply.app import app
    payments = app.state.services.payments
    with WechatPay(notify_url=site_url + "/api/apply/payments/wechat/callback") as platform:
        before, payments._cache = payments._cache, {
            "wechat": WechatPayProvider(platform.keys, app.state.clock, gateway=platform.url)}
        try:
            yield platform
        finally:
            payments._cache = before


def opened(browser, url, me, **options):
    context = browser_for(browser, url, me, bypass_csp=True, **options)
    return context, watch(context), context.new_page()


def test_on_a_desktop_the_qr_code_is_shown_and_the_page_moves_on_when_paid(browser, site, portal, table, university):
    with as_province("chongqing"):
        url = site("chongqing")
        me = at_the_fee(portal, table, university)
        with wechat_pay(url) as platform:
            context, errors, page = opened(browser, url, me, phone=False)
            page.goto(url + "/apply/status.html")
            settled(page)
            page.get_by_role("button", name="去缴费").click()
            page.wait_for_url("**/pay/index.html")
            settled(page)
            expect(page.locator("[data-fill=amount]")).to_have_text("60.00 元")
            expect(page.get_by_label("在电脑上付款")).to_be_checked()         # a desktop: the code to scan
            page.get_by_role("button", name="去付款").click()
            heading = page.get_by_role("heading", name="请用手机微信扫一扫付款")
            expect(heading).to_be_focused()
            code_url = "weixin://wxpay/bizpayurl?pr=" + next(iter(platform.orders.values()))["prepay"][-9:]
            image = page.get_by_role("img", name="微信支付二维码")
            assert image.get_attribute("src") == qr.data_url(code_url)
            assert image.evaluate("i => i.naturalWidth") == (len(qr.matrix(code_url)) + 8) * 6
            page.set_viewport_size(DESKTOP)
            assert axe(page) == []
            page.screenshot(path="test-artifacts/screenshots/pay-qr-desktop.png", full_page=True)
            notified = platform.pay(next(iter(platform.orders)))
            assert notified.status_code == 200 and notified.json()["applied"] is True
            page.wait_for_url("**/apply/status.html")
            settled(page)
            expect(page.get_by_role("button", name="去缴费")).to_be_hidden()
            context.close()
            assert not errors


def test_on_a_phone_the_wechat_h5_page_opens_and_back_from_it_the_payment_is_found(browser, site, portal, table,
                                                                                   university):
    with as_province("chongqing"):
        url = site("chongqing")
        me = at_the_fee(portal, table, university)
        with wechat_pay(url) as platform:
            context, errors, page = opened(browser, url, me, phone=True, is_mobile=True, has_touch=True,
                                           user_agent=ANDROID)
            page.goto(url + "/pay/index.html")
            settled(page)
            expect(page.locator("[data-fill=amount]")).to_have_text("60.00 元")
            assert page.viewport_size == PHONE
            expect(page.get_by_label("用这部手机付款")).to_be_checked()       # a phone: the H5 page
            assert axe(page) == []
            page.get_by_label("在电脑上付款").check()                          # the candidate's own choice
            page.get_by_role("button", name="去付款").click()
            expect(page.get_by_role("img", name="微信支付二维码")).to_be_visible()
            page.get_by_label("用这部手机付款").check()                        # and back to this phone
            page.get_by_role("button", name="去付款").click()
            page.wait_for_url(platform.url + "/h5/checkmweb?**")
            placed = next(r for r in platform.requests if r["path"] == "/v3/pay/transactions/h5")
            assert placed["data"]["scene_info"] == {"payer_client_ip": "127.0.0.1", "h5_info": {"type": "Wap"}}
            assert platform.refused == []
            back = parse_qs(urlsplit(page.url).query)["redirect_url"][0]
            assert back == url + "/pay/index.html?back=1"
            assert platform.pay(placed["data"]["out_trade_no"]).json()["applied"] is True
            page.goto(back)                                                  # WeChat sends the payer back
            page.wait_for_url("**/apply/status.html")
            settled(page)
            expect(page.get_by_role("button", name="去缴费")).to_be_hidden()
            context.close()
            assert not errors
