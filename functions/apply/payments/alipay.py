"""Alipay (OpenAPI, RSA2) as a PaymentProvider, on `python-alipay-sdk` (chosen over Alipay's official
`alipay-sdk-python`: it is small, pure Python, published on PyPI with the two calls we need, and it verifies the
notification signature exactly as Alipay documents it; the official SDK pulls in a large generated client).

Keys: one SSM SecureString parameter (template parameter AlipayParameter), a JSON object with app_id,
app_private_key (PEM), alipay_public_key (PEM: 支付宝公钥), seller_id (the merchant's PID, 2088…) and notify_url
(https://<site>/api/apply/payments/alipay/callback); read once per container.

A notification (form-encoded POST) is applied only when its RSA2 signature over the sorted parameters without sign
and sign_type verifies with Alipay's public key, app_id and seller_id are ours, and total_amount is a yuan amount
with at most two decimals (converted to fen exactly). Alipay retries a notification for 25 hours, so no freshness
window: a repeat is harmless (rules.apply_callback applies an outcome once).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl, urljoin

from functions.common.time import beijing

from .rules import MAX_CALLBACK_BYTES, Callback, CallbackRejected, Device, Order, OrderStatus, Payer, PayLink

NAME = "alipay"
GATEWAY = "https://openapi.alipay.com/gateway.do"
KEYS = ("app_id", "app_private_key", "alipay_public_key", "seller_id", "notify_url")
OUTCOMES = {"TRADE_SUCCESS": OrderStatus.PAID, "TRADE_FINISHED": OrderStatus.PAID, "TRADE_CLOSED": OrderStatus.FAILED}
YUAN = re.compile(r"(0|[1-9]\d{0,7})(\.\d{1,2})?")


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def fen(text: object) -> int | None:
    if not isinstance(text, str) or not YUAN.fullmatch(text):
        return None
    whole, _, cents = text.partition(".")
    return int(whole) * 100 + int((cents + "00")[:2])


class AlipayProvider:
    name = NAME

    def __init__(self, keys: Mapping[str, str], clock: Callable[[], int], client=None, gateway: str = GATEWAY):
        """`gateway`: another OpenAPI address than Alipay's (the tests' local server that speaks its protocol)."""
        missing = [k for k in KEYS if not keys.get(k)]
        if missing:
            raise ValueError(f"支付宝密钥参数缺少：{', '.join(missing)}")
        self.keys, self.clock, self.gateway = dict(keys), clock, gateway
        if client is None:
            from alipay import AliPay
            client = AliPay(appid=keys["app_id"], app_notify_url=keys["notify_url"], sign_type="RSA2",
                            app_private_key_string=keys["app_private_key"],
                            alipay_public_key_string=keys["alipay_public_key"])
            client._gateway = gateway
        self.client = client

    @classmethod
    def from_ssm(cls, ssm, parameter: str, clock: Callable[[], int]) -> AlipayProvider:
        return cls(json.loads(ssm.get_parameter(Name=parameter, WithDecryption=True)["Parameter"]["Value"]), clock)

    def _timestamp(self) -> str:
        """Alipay reads `timestamp` as Beijing time (the SDK would write the machine's local time: UTC on Lambda)."""
        return beijing(self.clock()).strftime("%Y-%m-%d %H:%M:%S")

    def create_order(self, order: Order, subject: str, payer: Payer) -> PayLink:
        """The signed gateway address the candidate is sent to: 手机网站支付 (alipay.trade.wap.pay, with quit_url,
        the page to go back to when the payer gives up) on a phone, 电脑网站支付 (alipay.trade.page.pay) on a
        desktop; both come back to return_url."""
        back = urljoin(self.keys["notify_url"], payer.return_url)
        content = {"subject": subject[:256], "out_trade_no": order.order_id, "total_amount": yuan(order.amount_fen)}
        if payer.device == Device.PHONE:
            method, content = "alipay.trade.wap.pay", {**content, "product_code": "QUICK_WAP_WAY",
                                                      "quit_url": back}
        else:
            method, content = "alipay.trade.page.pay", {**content, "product_code": "FAST_INSTANT_TRADE_PAY"}
        signed = self.client.client_api(method, content, return_url=back,
                                        notify_url=self.keys["notify_url"], timestamp=self._timestamp())
        return PayLink(order.order_id, f"{self.gateway}?{signed}", NAME)

    def _server_api(self, method: str, content: dict) -> dict:
        """A call Alipay answers at once, its answer's signature verified by the SDK."""
        data = self.client.build_body(method, content, timestamp=self._timestamp())
        return self.client.verified_sync_response(data, method.replace(".", "_") + "_response")

    def query(self, order: Order) -> Callback | None:
        answer = self._server_api("alipay.trade.query", {"out_trade_no": order.order_id})
        if answer.get("code") != "10000" or answer.get("trade_status") not in OUTCOMES:
            return None
        return self._callback({**answer, "app_id": self.keys["app_id"], "seller_id": self.keys["seller_id"]})

    def refund(self, order: Order, refund_id: str) -> Callback | None:
        """alipay.trade.refund answers at once: refunded, or an error."""
        if order.status not in (OrderStatus.PAID, OrderStatus.REFUNDED):
            raise CallbackRejected("订单尚未支付，不能退款", "not_paid")
        answer = self._server_api("alipay.trade.refund", {"refund_amount": yuan(order.amount_fen),
                                                          "out_trade_no": order.order_id, "out_request_no": refund_id})
        if answer.get("code") != "10000":
            raise RuntimeError(f"支付宝退款失败：{answer.get('sub_code') or answer.get('code')}")
        return Callback(order.order_id, OrderStatus.REFUNDED, order.amount_fen, refund_id)

    def verify_callback(self, body: bytes, headers: Mapping[str, str]) -> Callback:
        if not isinstance(body, (bytes, bytearray)) or not body or len(body) > MAX_CALLBACK_BYTES:
            raise CallbackRejected("支付回调格式不正确：内容为空或过长", "malformed")
        try:
            fields = dict(parse_qsl(bytes(body).decode("utf-8"), keep_blank_values=True, strict_parsing=True))
        except (UnicodeDecodeError, ValueError):
            raise CallbackRejected("支付回调格式不正确：不是表单编码", "malformed") from None
        signature = fields.pop("sign", "")
        if fields.get("sign_type", "RSA2") != "RSA2" or not signature:
            raise CallbackRejected("支付回调签名无效", "bad_signature")
        try:
            good = self.client.verify(dict(fields), signature)
        except Exception:   # the SDK raises on a signature that is not base64
            good = False
        if not good:
            raise CallbackRejected("支付回调签名无效", "bad_signature")
        return self._callback(fields)

    def _callback(self, fields: Mapping[str, str]) -> Callback:
        if fields.get("app_id") != self.keys["app_id"] or fields.get("seller_id") != self.keys["seller_id"]:
            raise CallbackRejected("支付回调的应用号或商户号不是本站的", "wrong_merchant")
        amount = fen(fields.get("total_amount"))
        if not amount:
            raise CallbackRejected("支付回调的金额不正确", "wrong_amount")
        outcome = OUTCOMES.get(str(fields.get("trade_status")))
        order_id, trade_no = fields.get("out_trade_no"), fields.get("trade_no")
        if outcome is None or not order_id or not trade_no:
            raise CallbackRejected("支付回调不是最终的交易结果", "malformed")
        return Callback(str(order_id), outcome, amount, str(trade_no))
