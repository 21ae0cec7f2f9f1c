"""Payment providers: the interface a provider implements, and a signed sandbox provider for the local stage.

A provider turns an order into a place to pay, verifies the provider's notification (callback) and asks for a
refund; rules.py holds the order state the callbacks move. Nothing here touches storage or the clock.

Real providers plug in behind `PaymentProvider` (wechat.py, alipay.py; what they call):
- WeChat Pay (APIv3): `create_order` = POST /v3/pay/transactions/{native,h5,jsapi} with out_trade_no = order id and
  amount.total in fen, answering a code_url / h5_url / prepay_id; `verify_callback` = check the Wechatpay-Signature
  header (RSA-SHA256 by the platform certificate over "timestamp\\nnonce\\nbody\\n", serial and timestamp checked),
  then decrypt `resource` (AEAD_AES_256_GCM with the APIv3 key), trade_state SUCCESS → paid; `refund` = POST
  /v3/refund/domestic/refunds with out_refund_no, the result arriving later as a refund notification (answer None).
- Alipay (OpenAPI): `create_order` = alipay.trade.page.pay / alipay.trade.wap.pay (out_trade_no, total_amount in yuan
  with two decimals, converted exactly from fen); `verify_callback` = RSA2 over the sorted form parameters without
  sign/sign_type, checked with Alipay's public key and app_id, TRADE_SUCCESS/TRADE_FINISHED → paid; `refund` =
  alipay.trade.refund with out_request_no, answered synchronously.
Both may repeat a notification; both are checked against the stored order (unknown order, wrong amount) here.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Protocol
from urllib.parse import urlencode

from .rules import MAX_CALLBACK_BYTES, ORDER_ID, Callback, CallbackRejected, Order, OrderStatus, Payer, PayLink, is_fen


class PaymentProvider(Protocol):
    name: str

    def create_order(self, order: Order, subject: str, payer: Payer) -> PayLink:
        """Register the order with the provider for the payer's device; answer where the candidate pays."""

    def verify_callback(self, body: bytes, headers: Mapping[str, str]) -> Callback:
        """Authenticate and parse a notification, or raise CallbackRejected."""

    def refund(self, order: Order, refund_id: str) -> Callback | None:
        """Ask for a full refund of a paid order: a Callback if the answer is immediate, None if it comes later."""


def canonical(fields: dict) -> bytes:
    """The signed form: JSON with sorted keys, no spaces, UTF-8 (Chinese kept as is)."""
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class SandboxProvider:
    """A local stand-in: its "pay page" answers with a callback body signed by HMAC-SHA256 over `canonical`."""
    name = "sandbox"

    def __init__(self, secret: bytes, pay_url: str = "/api/payments/sandbox/pay"):
        if not isinstance(secret, bytes) or len(secret) < 16:
            raise ValueError("沙箱支付密钥应为至少 16 字节的 bytes")
        self._secret, self._pay_url = secret, pay_url

    def _sign(self, fields: dict) -> str:
        return hmac.new(self._secret, canonical(fields), hashlib.sha256).hexdigest()

    def create_order(self, order: Order, subject: str, payer: Payer | None = None) -> PayLink:
        query = urlencode({"order": order.order_id, "amount_fen": order.amount_fen, "subject": subject})
        return PayLink(order.order_id, f"{self._pay_url}?{query}", self.name)

    def callback_body(self, order_id: str, amount_fen: int, outcome: str) -> bytes:
        """What the sandbox pay page posts back when the tester clicks 支付成功 / 支付失败."""
        if outcome not in (OrderStatus.PAID, OrderStatus.FAILED):
            raise ValueError(f"沙箱支付结果应为 paid 或 failed：{outcome!r}")
        fields = {"provider": self.name, "order_id": order_id, "amount_fen": amount_fen, "outcome": outcome,
                  "transaction_id": "SBX" + self._sign({"order_id": order_id, "outcome": outcome})[:20]}
        return canonical({**fields, "signature": self._sign(fields)})

    def verify_callback(self, body: bytes, headers: Mapping[str, str] | None = None) -> Callback:
        if not isinstance(body, (bytes, bytearray)) or len(body) > MAX_CALLBACK_BYTES:
            raise CallbackRejected("支付回调格式不正确：内容为空或过长", "malformed")
        try:
            fields = json.loads(bytes(body).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise CallbackRejected("支付回调格式不正确：不是 UTF-8 编码的 JSON", "malformed") from None
        if not isinstance(fields, dict):
            raise CallbackRejected("支付回调格式不正确：应为 JSON 对象", "malformed")
        signature = fields.pop("signature", None)
        if not isinstance(signature, str) or not signature:
            raise CallbackRejected("支付回调缺少签名", "bad_signature")
        if not hmac.compare_digest(signature.encode("utf-8"), self._sign(fields).encode("utf-8")):
            raise CallbackRejected("支付回调签名无效", "bad_signature")
        return _callback_fields(fields, self.name)

    def refund(self, order: Order, refund_id: str) -> Callback:
        """The sandbox refunds at once."""
        if order.status not in (OrderStatus.PAID, OrderStatus.REFUNDED):
            raise CallbackRejected("订单尚未支付，不能退款", "not_paid")
        return Callback(order.order_id, OrderStatus.REFUNDED, order.amount_fen, refund_id)


def _callback_fields(fields: dict, provider: str) -> Callback:
    expected = {"provider", "order_id", "amount_fen", "outcome", "transaction_id"}
    if set(fields) != expected:
        raise CallbackRejected("支付回调格式不正确：字段应为 " + "、".join(sorted(expected)), "malformed")
    if fields["provider"] != provider:
        raise CallbackRejected(f"支付回调格式不正确：provider 应为 {provider}", "malformed")
    if not (isinstance(fields["order_id"], str) and ORDER_ID.fullmatch(fields["order_id"])):
        raise CallbackRejected("支付回调格式不正确：order_id 应为 6–32 位字母、数字、- 或 _", "malformed")
    if not is_fen(fields["amount_fen"]):
        raise CallbackRejected("支付回调格式不正确：amount_fen 应为正整数（分）", "malformed")
    if fields["outcome"] not in (OrderStatus.PAID, OrderStatus.FAILED):
        raise CallbackRejected("支付回调格式不正确：outcome 应为 paid 或 failed", "malformed")
    if not (isinstance(fields["transaction_id"], str) and 0 < len(fields["transaction_id"]) <= 64):
        raise CallbackRejected("支付回调格式不正确：transaction_id 应为非空文本", "malformed")
    return Callback(fields["order_id"], OrderStatus(fields["outcome"]), fields["amount_fen"], fields["transaction_id"])
