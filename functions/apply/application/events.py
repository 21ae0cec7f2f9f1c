"""The lifecycle's events (what the candidate, staff or a payment provider does) and effects (what the caller
must do after storing the new state). Plain frozen dataclasses; lifecycle.py holds the rules."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


# Events: the candidate's, the staff's (role = the acting account's role) and the system's.
@dataclass(frozen=True)
class Submit:
    at: int
    window: tuple[int, int] | None = None   # the open application window, if the caller wants it checked here


@dataclass(frozen=True)
class Withdraw:
    at: int


@dataclass(frozen=True)
class ConfirmOnsite:
    role: str
    at: int


@dataclass(frozen=True)
class Approve:
    stage: str
    role: str
    at: int


@dataclass(frozen=True)
class Reject:
    stage: str
    role: str
    reason: str
    at: int


@dataclass(frozen=True)
class FormReceived:
    stage: str
    role: str
    at: int


@dataclass(frozen=True)
class PaymentConfirmed:
    order_id: str
    amount_fen: int
    at: int


@dataclass(frozen=True)
class RefundDone:
    order_id: str
    at: int


# Effects the caller performs after storing the new state.
@dataclass(frozen=True)
class CreateOrder:
    tag: ClassVar[str] = "create_order"
    amount_fen: int
    submission: int            # one order per submission: a natural idempotency key


@dataclass(frozen=True)
class Refund:
    tag: ClassVar[str] = "refund"
    order_id: str
    amount_fen: int


@dataclass(frozen=True)
class MakeForm:
    tag: ClassVar[str] = "make_form"
    form_id: str


@dataclass(frozen=True)
class Notify:
    tag: ClassVar[str] = "notify"
    kind: str                  # submitted | withdrawn | onsite_confirmed | advanced | approved | rejected | refunded
    stage: str | None = None
