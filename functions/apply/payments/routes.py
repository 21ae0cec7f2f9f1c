"""Paying the fee: my order and where to pay it, the providers' callbacks, and the sandbox's pay button."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from functions.apply.deps import CurrentCandidate, PaymentsDep
from functions.common.metrics import PAYMENT_CALLBACK_REFUSED, emit
from functions.common.origin import viewer_address

from .models import CallbackApplied, PaymentDue, PaymentState, Receipt, SandboxPayment
from .rules import MAX_CALLBACK_BYTES, CallbackRejected, Device, Payer

PAY_PAGE = "/pay/index.html?back=1"     # where a provider's page sends the candidate back to

router = APIRouter(prefix="/api/apply", tags=["payments"])
# Only the local stage includes this one (app.py): a deployed stack's OpenAPI has no sandbox path.
sandbox_router = APIRouter(prefix="/api/apply", tags=["payments"])
Provider = Annotated[str, Path(pattern=r"^[a-z]{2,20}$", description="支付渠道，如 sandbox")]
OrderId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{6,32}$", description="订单号")]


@router.get("/application/payment", response_model=PaymentDue)
def my_payment(me: CurrentCandidate, payments: PaymentsDep, request: Request,
               device: Annotated[Device, Query(description="付款设备：phone 手机，desktop 电脑")] = Device.DESKTOP):
    """The fee to pay now: the order, its amount and where to pay it from this device (409 when nothing is due)."""
    payer = Payer(device, viewer_address(request.headers.get("x-forwarded-for"),
                                         request.client.host if request.client else ""), PAY_PAGE)
    return payments.mine(me, payer)


@router.get("/application/payment/status", response_model=PaymentState)
def my_payment_state(me: CurrentCandidate, payments: PaymentsDep):
    """My fee's order as it stands (the pay page polls it until the payment is confirmed)."""
    return payments.state(me)


@router.get("/payments/orders/{order_id}/receipt", response_model=Receipt)
def my_receipt(order_id: OrderId, me: CurrentCandidate, payments: PaymentsDep):
    """My paid order's receipt, to read and print (another candidate's order: 404)."""
    return payments.receipt(me, order_id)


@router.post("/payments/{provider}/callback", response_model=CallbackApplied)
async def callback(provider: Provider, request: Request, payments: PaymentsDep):
    """A payment provider's signed notification, applied once (no session: the signature is the proof)."""
    body = await request.body()
    try:
        if len(body) > MAX_CALLBACK_BYTES:
            raise CallbackRejected("支付回调格式不正确：内容过长", "malformed")
        return await run_in_threadpool(payments.receive, provider, body, dict(request.headers))
    except CallbackRejected as refused:     # the refused-callbacks alarm's metric (template.yaml)
        emit(PAYMENT_CALLBACK_REFUSED, 1, provider=provider, why=refused.why)
        raise


@sandbox_router.post("/payments/sandbox/pay", response_model=CallbackApplied)
def sandbox_pay(body: SandboxPayment, me: CurrentCandidate, payments: PaymentsDep):
    """The sandbox pay page's buttons (支付成功 / 支付失败) for my own order."""
    return payments.sandbox_pay(me, body.order_id, body.outcome)
