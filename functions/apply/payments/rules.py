"""The pure order state of a payment: an order made once per submission, and the rule that applies a verified
provider notification (callback) to it exactly once. Amounts are integers in fen everywhere. Nothing here touches
storage or the clock: applying a callback once is storage's job (a conditional write on the order's status), with
`apply_callback` as the idempotent rule it writes with.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from enum import StrEnum

from functions.common.errors import AppError

ORDER_ID = re.compile(r"[A-Za-z0-9_-]{6,32}")     # what WeChat Pay's out_trade_no accepts (Alipay takes 64)
MAX_CALLBACK_BYTES = 4096


class OrderStatus(StrEnum):
    CREATED = "created"
    PAID = "paid"
    FAILED = "failed"
    REFUNDED = "refunded"


CREATED, PAID, FAILED, REFUNDED = OrderStatus.CREATED, OrderStatus.PAID, OrderStatus.FAILED, OrderStatus.REFUNDED


# What receipts and pages call each provider (the keys are the providers' `name`).
PROVIDER_NAMES = {"wechat": "微信支付", "alipay": "支付宝", "sandbox": "沙箱支付（仅用于测试）"}


class CallbackRejected(AppError):
    """A callback we will not apply; `why` is malformed | bad_signature | unknown_order | wrong_amount | …"""
    status, code = 400, "BAD_CALLBACK"

    def __init__(self, message: str, why: str):
        super().__init__(message, why=why)
        self.why = why


@dataclass(frozen=True)
class Order:
    order_id: str
    amount_fen: int
    status: OrderStatus = OrderStatus.CREATED
    transaction_id: str | None = None   # the provider's payment
    refund_id: str | None = None


class Device(StrEnum):
    """Where the candidate pays: a phone opens the provider's mobile page (WeChat H5, Alipay 手机网站支付), a desktop
    shows a code to scan (WeChat Native) or the provider's desktop page (Alipay 电脑网站支付)."""
    PHONE = "phone"
    DESKTOP = "desktop"


class ShowAs(StrEnum):
    LINK = "link"      # the page sends the candidate to `url`
    QR = "qr"          # the page shows `url` as a QR code for the payer's phone to scan


@dataclass(frozen=True)
class Payer:
    """Who pays from where: the device, the viewer's address (WeChat H5 checks the page is opened from it) and the
    page the provider sends the candidate back to (a path of the site; the provider makes it absolute)."""
    device: Device
    client_ip: str
    return_url: str


@dataclass(frozen=True)
class PayLink:
    """Where the candidate goes to pay."""
    order_id: str
    url: str
    provider: str
    show_as: ShowAs = ShowAs.LINK


@dataclass(frozen=True)
class Callback:
    """A verified notification: the provider says `order_id` is now `outcome`."""
    order_id: str
    outcome: OrderStatus
    amount_fen: int
    transaction_id: str


def is_fen(value: object) -> bool:
    """A positive whole number of fen (a bool is no amount)."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def new_order(order_id: str, amount_fen: int) -> Order:
    if not (isinstance(order_id, str) and ORDER_ID.fullmatch(order_id)):
        raise ValueError(f"订单号应为 6–32 位字母、数字、- 或 _：{order_id!r}")
    if not is_fen(amount_fen):
        raise ValueError(f"订单金额应为正整数（分）：{amount_fen!r}")
    return Order(order_id, amount_fen)


def order_id_for(application_id: str, submission: int) -> str:
    """One order id per submission of an application: a second create for the same submission is the same order."""
    digest = hashlib.sha256(f"{application_id}#{submission}".encode()).hexdigest()
    return "BY" + digest[:24]


def paid_for(province: str, fee_name: str) -> str:
    """What the payment is for, as the provider's order subject and the receipt say it."""
    return f"{province}自考{fee_name}"


def receipt(order: dict, payer_name: str, fee_name: str, province: str) -> dict:
    """A paid (or since refunded) order as its receipt shows it; times stay UTC (the page shows Beijing time)."""
    provider = order.get("provider") or ""
    return {"order_id": order["order_id"], "amount_fen": int(order["amount_fen"]), "status": order["status"],
            "paid_at": order.get("paid_at") or order.get("updated_at") or order["created_at"],
            "payer_name": payer_name, "exam_no": order["exam_no"], "fee_name": fee_name,
            "paid_for": paid_for(province, fee_name), "provider_name": PROVIDER_NAMES.get(provider, provider),
            "transaction_id": order.get("transaction_id") or None}


def apply_callback(order: Order | None, callback: Callback) -> tuple[Order, bool]:
    """The order after a verified callback, and whether it changed. Replays and late news change nothing:
    a second "paid" is a no-op, "failed" after "paid" is ignored, "refunded" only follows "paid"."""
    if order is None or order.order_id != callback.order_id:
        raise CallbackRejected(f"支付回调的订单号 {callback.order_id} 不存在", "unknown_order")
    if callback.amount_fen != order.amount_fen:
        raise CallbackRejected(f"支付回调金额 {callback.amount_fen} 分与订单金额 {order.amount_fen} 分不符",
                               "wrong_amount")
    if callback.outcome == PAID:
        if order.status in (CREATED, FAILED):      # a failed attempt may be followed by a successful one
            return replace(order, status=PAID, transaction_id=callback.transaction_id), True
        if order.transaction_id != callback.transaction_id:
            raise CallbackRejected(f"订单 {order.order_id} 已由另一笔交易支付，请人工核对是否重复扣款",
                                   "double_payment")
        return order, False
    if callback.outcome == FAILED:
        if order.status == CREATED:
            return replace(order, status=FAILED), True
        return order, False
    if callback.outcome == REFUNDED:
        if order.status == PAID:
            return replace(order, status=REFUNDED, refund_id=callback.transaction_id), True
        if order.status == REFUNDED:
            return order, False
        raise CallbackRejected("订单尚未支付，不能退款", "not_paid")
    raise CallbackRejected(f"支付回调格式不正确：未知结果 {callback.outcome}", "malformed")
