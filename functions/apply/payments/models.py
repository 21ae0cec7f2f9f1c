"""The HTTP shapes of paying the fee: the order due, a provider's callback answer, the sandbox's pay buttons."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from functions.common.models import Answer

from .rules import OrderStatus, ShowAs


class SandboxPayment(BaseModel):
    order_id: str = Field(pattern=r"^[A-Za-z0-9_-]{6,32}$")
    outcome: Literal["paid", "failed"]


class PaymentState(Answer):
    order_id: str = Field(description="订单号")
    amount_fen: int = Field(description="金额（分）")
    fee_name: str = Field(description="费用名称")
    status: OrderStatus


class PaymentDue(PaymentState):
    provider: str = Field(description="支付渠道")
    pay_url: str = Field(description="去支付的地址，或二维码的内容")
    show_as: ShowAs = Field(description="link：打开 pay_url 支付；qr：显示二维码供手机扫码")
    qr_png: str | None = Field(None, description="二维码图片（data: URL），show_as 为 qr 时")


class Receipt(Answer):
    """A paid order's receipt (缴费凭证), the candidate's own."""
    order_id: str = Field(description="订单号")
    amount_fen: int = Field(description="金额（分）")
    status: OrderStatus
    paid_at: str = Field(description="缴费时间（UTC，页面显示北京时间）")
    payer_name: str = Field(description="缴费人")
    exam_no: str = Field(description="准考证号")
    fee_name: str = Field(description="费用名称")
    paid_for: str = Field(description="缴费项目")
    provider_name: str = Field(description="支付渠道")
    transaction_id: str | None = Field(None, description="支付渠道的交易号")


class CallbackApplied(Answer):
    """What a provider's notification did: `applied` is false for a replay or late news (nothing changed)."""
    ok: Literal[True]
    applied: bool
    status: OrderStatus
