"""What WeChat Pay and Alipay receive from our providers (issue 16 item 2): each request goes over HTTP to a local
server that speaks the platform's protocol (tests/support/pay_platforms.py: the signature checked as the platform
documents it, the fields each API requires) and answers as the platform does, signed with the platform's key, which
the SDK verifies. On a phone: WeChat H5 with the payer's address, Alipay 手机网站支付; on a desktop: the WeChat Native
code_url for a QR code, Alipay 电脑网站支付. Queries and refunds too."""
from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest
from support.pay_platforms import Alipay, WechatPay, new_key, pem

from functions.apply.payments.alipay import AlipayProvider
from functions.apply.payments.rules import Device, Order, OrderStatus, Payer, ShowAs
from functions.apply.payments.wechat import WechatPayProvider

ORDER = Order("BY0123456789abcdef01234567", 6000)
PHONE = Payer(Device.PHONE, "203.0.113.7", "/pay/index.html?back=1")
DESKTOP = Payer(Device.DESKTOP, "203.0.113.7", "/pay/index.html?back=1")
BACK = "https://grad.zk.cn/pay/index.html?back=1"


def now() -> int:
    return int(time.time())


@pytest.fixture
def wechat():
    with WechatPay() as platform:
        yield platform, WechatPayProvider(platform.keys, now, gateway=platform.url)


@pytest.fixture
def alipay():
    with Alipay() as platform:
        yield platform, AlipayProvider(platform.keys, now, gateway=platform.url + "/gateway.do")


def test_on_a_phone_wechat_pay_receives_an_h5_order_with_the_payers_address(wechat):
    platform, provider = wechat
    link = provider.create_order(ORDER, "重庆自考毕业审定费", PHONE)
    assert platform.refused == []
    sent = platform.requests[-1]
    assert (sent["method"], sent["path"]) == ("POST", "/v3/pay/transactions/h5")
    assert sent["headers"]["Authorization"].startswith('WECHATPAY2-SHA256-RSA2048 mchid="1900000109",')
    assert sent["data"] == {"appid": platform.keys["appid"], "mchid": platform.keys["mchid"],
                            "description": "重庆自考毕业审定费", "out_trade_no": ORDER.order_id + "H",
                            "notify_url": platform.keys["notify_url"], "amount": {"total": 6000, "currency": "CNY"},
                            "scene_info": {"payer_client_ip": "203.0.113.7", "h5_info": {"type": "Wap"}}}
    assert link.show_as == ShowAs.LINK and link.url.startswith(platform.url + "/h5/checkmweb?prepay_id=wx")
    assert link.url.endswith("&redirect_url=" + quote(BACK, safe=""))


def test_on_a_desktop_wechat_pay_receives_a_native_order_and_the_code_url_is_shown_as_a_qr_code(wechat):
    platform, provider = wechat
    link = provider.create_order(ORDER, "重庆自考毕业审定费", DESKTOP)
    sent = platform.requests[-1]
    assert (sent["method"], sent["path"]) == ("POST", "/v3/pay/transactions/native")
    assert sent["data"]["out_trade_no"] == ORDER.order_id + "N" and "scene_info" not in sent["data"]
    assert link.show_as == ShowAs.QR and link.url.startswith("weixin://wxpay/bizpayurl?pr=")
    # The candidate changes device and back: each kind keeps its own out_trade_no, so WeChat Pay (which refuses
    # one out_trade_no placed again as another kind, OUT_TRADE_NO_USED) takes each.
    assert provider.create_order(ORDER, "重庆自考毕业审定费", PHONE).show_as == ShowAs.LINK
    assert provider.create_order(ORDER, "重庆自考毕业审定费", DESKTOP).url == link.url
    assert platform.refused == []


def test_wechat_pay_refuses_a_request_not_signed_by_the_merchant_key(wechat):
    platform, _ = wechat
    forged = WechatPayProvider({**platform.keys, "merchant_private_key": pem(new_key(), True)}, now,
                               gateway=platform.url)
    with pytest.raises(RuntimeError, match="微信支付下单失败（401）"):
        forged.create_order(ORDER, "重庆自考毕业审定费", DESKTOP)
    assert platform.refused == ["签名错误"]


def test_an_unpaid_wechat_order_is_asked_for_by_each_kind_and_a_paid_one_refunded_by_its_transaction(wechat):
    platform, provider = wechat
    assert provider.query(ORDER) is None                                   # never placed: ORDER_NOT_EXIST twice
    provider.create_order(ORDER, "重庆自考毕业审定费", PHONE)
    assert provider.query(ORDER) is None                                   # NOTPAY: nothing final
    platform.orders[ORDER.order_id + "H"]["paid"] = "4200000000202612040000000001"
    found = provider.query(ORDER)
    assert (found.order_id, found.outcome, found.amount_fen) == (ORDER.order_id, OrderStatus.PAID, 6000)
    asked = [r["path"] for r in platform.requests if r["method"] == "GET"]
    assert asked[-2:] == [f"/v3/pay/transactions/out-trade-no/{ORDER.order_id}N?mchid=1900000109",
                          f"/v3/pay/transactions/out-trade-no/{ORDER.order_id}H?mchid=1900000109"]
    paid = Order(ORDER.order_id, 6000, OrderStatus.PAID, found.transaction_id)
    assert provider.refund(paid, "RF0123456789abcdef01234567") is None     # the result comes as a notification
    sent = platform.requests[-1]
    assert (sent["method"], sent["path"]) == ("POST", "/v3/refund/domestic/refunds")
    assert sent["data"] == {"transaction_id": found.transaction_id, "out_refund_no": "RF0123456789abcdef01234567",
                            "amount": {"refund": 6000, "total": 6000, "currency": "CNY"},
                            "notify_url": platform.keys["notify_url"]}
    assert platform.refused == []


def opened(platform, link) -> dict:
    """The candidate's browser opens the signed gateway address: what Alipay's gateway received."""
    assert link.url.startswith(platform.url + "/gateway.do?")
    answer = httpx.get(link.url)
    assert answer.status_code == 200 and platform.refused == [], platform.refused
    return platform.requests[-1]


def test_on_a_phone_alipay_receives_a_wap_pay_signed_with_beijing_time(alipay):
    platform, provider = alipay
    sent = opened(platform, provider.create_order(ORDER, "重庆自考毕业审定费", PHONE))
    assert sent["method"] == "alipay.trade.wap.pay"
    assert sent["biz_content"] == {"subject": "重庆自考毕业审定费", "out_trade_no": ORDER.order_id,
                                   "total_amount": "60.00", "product_code": "QUICK_WAP_WAY", "quit_url": BACK}
    assert sent["fields"]["return_url"] == BACK and sent["fields"]["notify_url"] == platform.keys["notify_url"]


def test_on_a_desktop_alipay_receives_a_page_pay(alipay):
    platform, provider = alipay
    sent = opened(platform, provider.create_order(ORDER, "重庆自考毕业审定费", DESKTOP))
    assert sent["method"] == "alipay.trade.page.pay"
    assert sent["biz_content"]["product_code"] == "FAST_INSTANT_TRADE_PAY"
    assert sent["fields"]["return_url"] == BACK


def test_an_alipay_order_is_queried_and_refunded_with_signed_answers(alipay):
    platform, provider = alipay
    opened(platform, provider.create_order(ORDER, "重庆自考毕业审定费", PHONE))
    assert provider.query(ORDER) is None                                   # WAIT_BUYER_PAY
    platform.orders[ORDER.order_id]["paid"] = "2026120422001400000000000001"
    found = provider.query(ORDER)
    assert (found.outcome, found.amount_fen, found.transaction_id) == (OrderStatus.PAID, 6000,
                                                                       "2026120422001400000000000001")
    refunded = provider.refund(Order(ORDER.order_id, 6000, OrderStatus.PAID, found.transaction_id), "RF1")
    assert refunded.outcome == OrderStatus.REFUNDED
    assert [r["method"] for r in platform.requests[-3:]] == ["alipay.trade.query"] * 2 + ["alipay.trade.refund"]
    assert platform.requests[-1]["biz_content"] == {"refund_amount": "60.00", "out_trade_no": ORDER.order_id,
                                                    "out_request_no": "RF1"}
    assert platform.refused == []


def test_alipay_refuses_a_gateway_address_signed_by_another_key(alipay):
    platform, _ = alipay
    forged = AlipayProvider({**platform.keys, "app_private_key": pem(new_key(), True)}, now,
                            gateway=platform.url + "/gateway.do")
    link = forged.create_order(ORDER, "重庆自考毕业审定费", PHONE)
    httpx.get(link.url)
    assert platform.refused == ["验签出错"]
    assert json.loads(httpx.get(link.url).text)["alipay_trade_wap_pay_response"]["sub_msg"] == "验签出错"
    assert parse_qs(urlsplit(link.url).query)["sign_type"] == ["RSA2"]
