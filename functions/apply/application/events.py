"""The lifecycle's events (what the candidate, staff or a payment provider does) and effects (what the caller
must do after storing the new state). Plain frozen dataclasses; lifecycle.py holds the rules."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar


class EffectTag(StrEnum):
    """Which work a change owes; effects/service.py has one performer per tag."""
    CREATE_ORDER = "create_order"
    REFUND = "refund"
    MAKE_FORM = "make_form"
    NOTIFY = "notify"
    # 系统审核通过 looked at again (system_review.reconsider), owed by the photo function when a photo owed after
    # submitting passes (山西): its check or the county's 人工审核 may be the last missing condition.
    RECONSIDER = "reconsider"


class Notice(StrEnum):
    """What a status message (portal and SMS) reports."""
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    ONSITE_CONFIRMED = "onsite_confirmed"
    ADVANCED = "advanced"
    APPROVED = "approved"
    REJECTED = "rejected"
    REFUNDED = "refunded"
    ACCOUNT_BOUND = "account_bound"        # another account was bound to the record (accounts/binding.py)
    RESET_CODE_SENT = "reset_code_sent"    # an office sent the account a password code (accounts/recovery.py)
    REGISTER_ATTEMPT = "register_attempt"  # someone registered again with the record's identifiers (registration)


# Events: the candidate's, the staff's (role = the acting account's role) and the system's.
@dataclass(frozen=True)
class Submit:
    at: int
    window: tuple[int, int] | None = None   # the open application window, if the caller wants it checked here
    clean: bool = False                     # rules.system_approves said yes: a system_approval stage passes at once


@dataclass(frozen=True)
class SystemApprove:
    """系统审核通过 of an application already waiting at a system_approval stage, once rules.system_approves holds."""
    at: int


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
class Opinion:
    """The joint office's part of a joint review (profile `joint_with`, 安徽's 会审: 主考院校 and the province): agree
    or not, with a reason when not; `by` the account that gave it (the page names them)."""
    stage: str
    role: str
    agree: bool
    reason: str | None
    by: str
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


Event = (Submit | SystemApprove | Withdraw | ConfirmOnsite | Approve | Reject | Opinion | FormReceived
         | PaymentConfirmed | RefundDone)


# Effects the caller performs after storing the new state.
@dataclass(frozen=True)
class CreateOrder:
    tag: ClassVar[EffectTag] = EffectTag.CREATE_ORDER
    amount_fen: int
    submission: int            # one order per submission: a natural idempotency key


@dataclass(frozen=True)
class Refund:
    tag: ClassVar[EffectTag] = EffectTag.REFUND
    order_id: str
    amount_fen: int
    # Not before the end of the application's batch (重庆): the end is read from the batch when the effect is
    # performed, so a batch end the province moves holds for refunds already owed (effects/rules.py: waits).
    at_round_end: bool = False


@dataclass(frozen=True)
class MakeForm:
    tag: ClassVar[EffectTag] = EffectTag.MAKE_FORM
    form_id: str


@dataclass(frozen=True)
class Notify:
    tag: ClassVar[EffectTag] = EffectTag.NOTIFY
    kind: Notice
    stage: str | None = None


Effect = CreateOrder | Refund | MakeForm | Notify
