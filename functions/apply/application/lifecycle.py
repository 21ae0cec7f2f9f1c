"""The application lifecycle: a pure state machine driven by the profile's `review.stages`.

`transition(state, event, profile_data)` answers `Outcome(state, effects)` or raises `TransitionRefused` (a Chinese
message saying why and what is possible instead). Nothing here reads a clock, the environment or storage: events
carry `at` (epoch seconds); the caller writes the new state conditionally on the old one, performs the effects and
writes the audit record. A decision names its stage and is refused once the application has left that stage.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from functions.common.jurisdiction import office_name
from functions.profiles.vocabulary import RefundWhen, StageKind

from .events import (
    Approve,
    ConfirmOnsite,
    CreateOrder,
    Effect,
    Event,
    FormReceived,
    MakeForm,
    Notice,
    Notify,
    Opinion,
    PaymentConfirmed,
    Refund,
    RefundDone,
    Reject,
    Submit,
    SystemApprove,
    Withdraw,
)
from .rules import Rules, TransitionRefused
from .status import Lifecycle, Status, forms_available, office_of, status_text

# The names the review package and the tests read; `Status` is the one definition.
DRAFT, IN_REVIEW, APPROVED, REJECTED = Status.DRAFT, Status.IN_REVIEW, Status.APPROVED, Status.REJECTED

__all__ = ["APPROVED", "DRAFT", "IN_REVIEW", "REJECTED", "Approve", "ConfirmOnsite", "CreateOrder", "FormReceived",
           "Lifecycle", "MakeForm", "Notify", "Opinion", "Outcome", "PaymentConfirmed", "Refund", "RefundDone",
           "Reject", "Status", "Submit", "SystemApprove", "TransitionRefused", "Withdraw", "forms_available",
           "transition"]


@dataclass(frozen=True)
class Outcome:
    state: Lifecycle
    effects: tuple[Effect, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.effects)


def transition(state: Lifecycle, event: Event, profile_data: dict) -> Outcome:
    handler = _HANDLERS.get(type(event))
    if handler is None:
        raise TypeError(f"not a lifecycle event: {event!r}")
    return handler(state, event, Rules(profile_data))


def _enter(state: Lifecycle, index: int, rules: Rules, at: int, effects: list[Effect]) -> Lifecycle:
    """Move to stage `index` (past the last one: approved), collecting the effects of arriving there."""
    if index == len(rules.stages):
        effects += [*rules.forms_after("approved"), Notify(Notice.APPROVED)]
        return replace(state, status=Status.APPROVED, stage=None, since=at)
    stage = rules.stages[index]
    if stage["kind"] == StageKind.PAYMENT:
        effects.append(CreateOrder(rules.fee_fen(), state.submissions))
    return replace(state, status=Status.IN_REVIEW, stage=stage["id"], since=at)


def _advance(state: Lifecycle, rules: Rules, at: int, **changes: Any) -> Outcome:
    leaving = rules.stage(state.stage)["id"]
    effects: list[Effect] = [*rules.forms_after(leaving)]
    new = _enter(replace(state, **changes), rules.index[leaving] + 1, rules, at, effects)
    if new.status == Status.IN_REVIEW:
        effects.append(Notify(Notice.ADVANCED, new.stage))
    return Outcome(new, tuple(effects))


def _submit(state: Lifecycle, ev: Submit, rules: Rules) -> Outcome:
    if ev.window and not ev.window[0] <= ev.at <= ev.window[1]:
        raise TransitionRefused("现在不在毕业申请时间内，请在申请开放期间提交", "closed")
    resubmissions = state.resubmissions
    if state.status == Status.IN_REVIEW:
        raise TransitionRefused(f"该申请已提交，正在「{rules.stage(state.stage)['name']}」，无需重复提交", "duplicate")
    if state.status == Status.APPROVED:
        raise TransitionRefused("该申请已审核通过，不能再次提交", "approved")
    if state.status == Status.REJECTED:
        if state.final:
            raise TransitionRefused("该申请已被退回且不能再重新申请；请在下一次申请期间重新办理", "final")
        resubmissions += 1
    first = Lifecycle(submissions=state.submissions + 1, resubmissions=resubmissions)
    effects: list[Effect] = [*rules.forms_after("submitted")]
    new = _enter(first, 0, rules, ev.at, effects)
    if ev.clean and rules.stages[0].get("system_approval"):
        # 系统审核通过 at once: one change and one message, saying where the application now stands (the fee).
        new = _passed_by_system(new, rules, ev.at, effects)
    return Outcome(new, (*effects, Notify(Notice.SUBMITTED, new.stage)))


def _passed_by_system(state: Lifecycle, rules: Rules, at: int, effects: list[Effect]) -> Lifecycle:
    """Past the system_approval stage it waits at, as a staff approval would move it, marked as the system's."""
    leaving = state.stage
    effects += rules.forms_after(str(leaving))
    return _enter(replace(state, system_approved=leaving), rules.index[str(leaving)] + 1, rules, at, effects)


def _system_approve(state: Lifecycle, ev: SystemApprove, rules: Rules) -> Outcome:
    stage = rules.stage(state.stage) if state.status == Status.IN_REVIEW else None
    if stage is None or not stage.get("system_approval"):
        raise TransitionRefused("该申请当前不在可由系统审核的阶段，本次系统审核未生效", "not_now")
    if rules.onsite and rules.index[stage["id"]] == 0 and not state.onsite_confirmed:
        raise TransitionRefused("考生尚未现场确认，不能审核通过", "onsite")
    return _advance(state, rules, ev.at, system_approved=stage["id"])


def _withdraw(state: Lifecycle, ev: Withdraw, rules: Rules) -> Outcome:
    if state.status == Status.DRAFT:
        raise TransitionRefused("该申请尚未提交，无需撤回", "not_submitted")
    if state.status == Status.APPROVED:
        raise TransitionRefused("该申请已审核通过，不能撤回", "approved")
    if state.status == Status.REJECTED:
        raise TransitionRefused("该申请已被退回，无需撤回" + ("" if state.final else "；修改后可重新提交"), "rejected")
    index = rules.index[rules.stage(state.stage)["id"]]
    if index > 0:
        decided = next((s for s in reversed(rules.stages[:index]) if s.get("role")), rules.stages[0])
        contact = rules.stages[index] if rules.stages[index].get("role") else decided
        by = "系统" if decided["id"] == state.system_approved else f"由{office_of(decided, rules.profile)}"
        raise TransitionRefused(f"该申请已{by}审核通过，不能撤回；如需更正信息，请联系"
                                f"{office_of(contact, rules.profile)}", "decided")
    if state.onsite_confirmed:
        raise TransitionRefused(f"该申请已现场确认，信息已锁定，不能撤回；如需更正，请联系"
                                f"{office_name(rules.profile, rules.stages[0]['role'])}", "locked")
    if state.paid_order:
        raise TransitionRefused("已缴费的申请不能撤回", "paid")
    return Outcome(replace(state, status=Status.DRAFT, stage=None, since=ev.at), (Notify(Notice.WITHDRAWN),))


def _current(state: Lifecycle, stage: dict, rules: Rules, role: str, *, kinds: tuple[StageKind, ...],
             doing: str) -> None:
    """The shared checks of a staff action: right kind of stage, the stage's own role, still at that stage."""
    if stage["kind"] not in kinds:
        other = {StageKind.PAYMENT: "由系统在收到支付结果后自动完成", StageKind.FORM_RETURN: "请登记「已收到登记表」",
                 StageKind.REVIEW: "请审核通过或退回"}[stage["kind"]]
        raise TransitionRefused(f"「{stage['name']}」不能{doing}：{other}", "wrong_kind")
    # Strict on purpose: the province (or admin) does not act for another role's stage. A stage is the named
    # office's decision and its audit record says who decided; a province override would be a separate event.
    if role != stage["role"]:
        raise TransitionRefused(f"「{stage['name']}」由{office_name(rules.profile, stage['role'])}办理，"
                                f"{office_name(rules.profile, role)}的账号不能在此阶段{doing}", "role")
    if state.status != Status.IN_REVIEW or state.stage != stage["id"]:
        now = status_text(state, rules)
        raise TransitionRefused(f"该申请已不在「{stage['name']}」阶段（当前：{now}），本次{doing}未生效，"
                                "请刷新后查看", "stale")


def _approve(state: Lifecycle, ev: Approve, rules: Rules) -> Outcome:
    stage = rules.stage(ev.stage)
    _current(state, stage, rules, ev.role, kinds=(StageKind.REVIEW,), doing="审核通过")
    if rules.onsite and rules.index[stage["id"]] == 0 and not state.onsite_confirmed:
        raise TransitionRefused("考生尚未现场确认，不能审核通过；请在考生到场确认后再审核", "onsite")
    _joint_agreed(state, stage, rules)
    return _advance(state, rules, ev.at)


def _joint_agreed(state: Lifecycle, stage: dict, rules: Rules) -> None:
    """A joint review (安徽's 会审: 各主考院校和省级教育考试机构进行会审) passes only with the joint office's 同意 on
    record: the deciding office reads it and decides last. A rejection needs no opinion (the office may find a
    reason of its own)."""
    joint = stage.get("joint_with")
    if not joint:
        return
    said = state.opinion if state.opinion and state.opinion["stage"] == stage["id"] else None
    other = office_name(rules.profile, joint)
    if said is None:
        raise TransitionRefused(f"「{stage['name']}」须先有{other}的会审意见：{other}同意后才能审核通过", "opinion")
    if not said["agree"]:
        raise TransitionRefused(f"{other}的会审意见为不同意（{said['reason']}），不能审核通过；如不通过，请退回并"
                                "写明原因", "opinion")


def _opinion(state: Lifecycle, ev: Opinion, rules: Rules) -> Outcome:
    """The joint office's opinion at a joint review, while the application waits there; a later one replaces it
    (the history keeps both). No message to the candidate: the deciding office's decision is the one they get."""
    stage = rules.stage(ev.stage)
    joint = stage.get("joint_with")
    if not joint:
        raise TransitionRefused(f"「{stage['name']}」不是会审阶段，不需要会审意见", "not_joint")
    if ev.role != joint:
        raise TransitionRefused(f"「{stage['name']}」的会审意见由{office_name(rules.profile, joint)}填写，"
                                f"{office_name(rules.profile, ev.role)}的账号不能填写", "role")
    if state.status != Status.IN_REVIEW or state.stage != stage["id"]:
        raise TransitionRefused(f"该申请已不在「{stage['name']}」阶段（当前：{status_text(state, rules)}），"
                                "本次会审意见未生效，请刷新后查看", "stale")
    reason = (ev.reason or "").strip()
    if not ev.agree and len(reason) < 2:
        raise TransitionRefused("不同意时请填写原因（至少 2 个字）", "reason", "reason")
    said = {"stage": stage["id"], "agree": ev.agree, "reason": reason or None, "by": ev.by, "at": ev.at}
    return Outcome(replace(state, opinion=said))


def _reject(state: Lifecycle, ev: Reject, rules: Rules) -> Outcome:
    stage = rules.stage(ev.stage)
    reason = (ev.reason or "").strip()
    _current(state, stage, rules, ev.role, kinds=(StageKind.REVIEW, StageKind.FORM_RETURN), doing="退回")
    if len(reason) < 2:
        raise TransitionRefused("退回申请请填写原因（至少 2 个字），考生会看到这条原因", "reason", "reason")
    paid = state.paid_order is not None
    used_up = rules.limit is not None and state.resubmissions >= rules.limit
    effects: list[Effect] = []
    refund: Literal["pending"] | None = None
    when = rules.fee["refund_when"] if rules.fee else RefundWhen.NEVER
    if state.paid_order is not None and when != RefundWhen.NEVER:
        refund = "pending"
        effects.append(Refund(state.paid_order, rules.fee_fen(), at_round_end=when == RefundWhen.ROUND_END))
    # After the fee is paid a rejection is final for this window (重庆 终审 refunds at the end of the round;
    # 山西: after the county's approval there is no re-application).
    new = replace(state, status=Status.REJECTED, reason=reason, final=paid or used_up, refund=refund, since=ev.at)
    return Outcome(new, (*effects, Notify(Notice.REJECTED, stage["id"])))


def _form_received(state: Lifecycle, ev: FormReceived, rules: Rules) -> Outcome:
    stage = rules.stage(ev.stage)
    _current(state, stage, rules, ev.role, kinds=(StageKind.FORM_RETURN,), doing="登记收到材料")
    return _advance(state, rules, ev.at, form_received_at=ev.at)


def _confirm_onsite(state: Lifecycle, ev: ConfirmOnsite, rules: Rules) -> Outcome:
    if not rules.onsite:
        raise TransitionRefused("本省毕业申请不需要现场确认", "no_onsite")
    first = rules.stages[0]
    if ev.role != first["role"]:
        raise TransitionRefused(f"现场确认由{office_name(rules.profile, first['role'])}办理，"
                                f"{office_name(rules.profile, ev.role)}的账号不能登记", "role")
    if state.status != Status.IN_REVIEW or state.stage != first["id"]:
        raise TransitionRefused("只有已提交、尚未审核的申请才能登记现场确认", "not_now")
    if state.onsite_confirmed:
        raise TransitionRefused("该申请已登记现场确认，无需重复登记", "duplicate")
    return Outcome(replace(state, onsite_confirmed=True), (Notify(Notice.ONSITE_CONFIRMED, first["id"]),))


def _payment_confirmed(state: Lifecycle, ev: PaymentConfirmed, rules: Rules) -> Outcome:
    if state.paid_order == ev.order_id:
        return Outcome(state)               # a replayed confirmation: nothing to do
    if state.status != Status.IN_REVIEW or rules.stage(state.stage)["kind"] != StageKind.PAYMENT:
        raise TransitionRefused("该申请当前不在缴费阶段，不能登记缴费；如已扣款，请联系考试机构核对退款", "not_now")
    if ev.amount_fen != rules.fee_fen():
        due = rules.charged()["amount_yuan"]
        raise TransitionRefused(f"缴费金额 {ev.amount_fen / 100:.2f} 元与应缴的 {due} 元不符", "amount", "amount_fen")
    return _advance(state, rules, ev.at, paid_order=ev.order_id)


def _refund_done(state: Lifecycle, ev: RefundDone, rules: Rules) -> Outcome:
    if state.paid_order != ev.order_id or state.refund is None:
        raise TransitionRefused("该订单没有待退的费用", "not_now")
    if state.refund == "done":
        return Outcome(state)
    return Outcome(replace(state, refund="done"), (Notify(Notice.REFUNDED, state.stage),))


_HANDLERS: dict[type, Callable[[Lifecycle, Any, Rules], Outcome]] = {
    Submit: _submit, SystemApprove: _system_approve, Withdraw: _withdraw, Approve: _approve, Reject: _reject,
    Opinion: _opinion, FormReceived: _form_received,
    ConfirmOnsite: _confirm_onsite, PaymentConfirmed: _payment_confirmed, RefundDone: _refund_done}
