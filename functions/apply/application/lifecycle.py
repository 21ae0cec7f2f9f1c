"""The application lifecycle: a pure state machine driven by the profile's `review.stages`.

`transition(state, event, profile_data)` answers `Outcome(state, effects)` or raises `TransitionRefused` (a Chinese
message saying why and what is possible instead). Nothing here reads a clock, the environment or storage: events
carry `at` (epoch seconds); the caller writes the new state conditionally on the old one, performs the effects and
writes the audit record. A decision names its stage and is refused once the application has left that stage.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from functions.common.errors import AppError
from functions.common.jurisdiction import OFFICE_NAMES

from .events import (
    Approve,
    ConfirmOnsite,
    CreateOrder,
    FormReceived,
    MakeForm,
    Notify,
    PaymentConfirmed,
    Refund,
    RefundDone,
    Reject,
    Submit,
    Withdraw,
)

DRAFT, IN_REVIEW, APPROVED, REJECTED = "draft", "in_review", "approved", "rejected"


class TransitionRefused(AppError):
    """`why` is a stable tag (stale, role, reason, not_now, …); the status follows from it."""
    code = "TRANSITION_REFUSED"

    def __init__(self, message: str, why: str = "not_now", field: str | None = None):
        super().__init__(message, field=field, why=why)
        self.why = why
        self.status = {"role": 403, "reason": 422, "amount": 422, "unknown_stage": 422}.get(why, 409)


@dataclass(frozen=True)
class Lifecycle:
    status: str = DRAFT
    stage: str | None = None        # in_review: the stage it waits at; rejected: the stage that rejected it
    submissions: int = 0            # every submit, a withdrawn one too (orders and forms are per submission)
    resubmissions: int = 0          # re-applications after a rejection, counted against resubmission_limit
    onsite_confirmed: bool = False  # 现场确认 of the current submission: locks the candidate's data
    paid_order: str | None = None   # the order that paid the fee of the current submission
    refund: str | None = None       # None | "pending" | "done"
    reason: str | None = None       # why the current rejection
    final: bool = False             # rejected and no re-application is possible in this window
    since: int | None = None        # when the current status/stage began

    @property
    def locked(self) -> bool:
        return self.onsite_confirmed and self.status in (IN_REVIEW, APPROVED)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, item: dict) -> Lifecycle:
        """From a stored item (DynamoDB gives numbers as Decimal)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: int(v) if k in ("submissions", "resubmissions", "since") and v is not None else v
                      for k, v in item.items() if k in known})


@dataclass(frozen=True)
class Outcome:
    state: Lifecycle
    effects: tuple = ()

    @property
    def changed(self) -> bool:
        return bool(self.effects)


class Rules:
    """The parts of a profile the lifecycle reads."""

    def __init__(self, profile: dict):
        self.profile = profile
        self.stages = profile["review"]["stages"]
        self.index = {s["id"]: i for i, s in enumerate(self.stages)}
        self.fee = profile.get("fee")
        self.forms = profile.get("forms") or []
        self.onsite = bool(profile["application"]["onsite_confirmation"])
        self.limit = profile["application"]["resubmission_limit"]

    def stage(self, stage_id: str) -> dict:
        if stage_id not in self.index:
            raise TransitionRefused(f"本省的毕业审核没有「{stage_id}」这一阶段", "unknown_stage", "stage")
        return self.stages[self.index[stage_id]]

    def forms_after(self, point: str) -> list:
        return [MakeForm(f["id"]) for f in self.forms if f["after"] == point]

    def fee_fen(self) -> int:
        return int(self.fee["amount_yuan"]) * 100


def transition(state: Lifecycle, event, profile_data: dict) -> Outcome:
    handler = _HANDLERS.get(type(event))
    if handler is None:
        raise TypeError(f"not a lifecycle event: {event!r}")
    return handler(state, event, Rules(profile_data))


def _enter(state: Lifecycle, index: int, rules: Rules, at: int, effects: list) -> Lifecycle:
    """Move to stage `index` (past the last one: approved), collecting the effects of arriving there."""
    if index == len(rules.stages):
        effects += [*rules.forms_after("approved"), Notify("approved")]
        return replace(state, status=APPROVED, stage=None, since=at)
    stage = rules.stages[index]
    if stage["kind"] == "payment":
        effects.append(CreateOrder(rules.fee_fen(), state.submissions))
    return replace(state, status=IN_REVIEW, stage=stage["id"], since=at)


def _advance(state: Lifecycle, rules: Rules, at: int, **changes) -> Outcome:
    leaving = state.stage
    effects: list = rules.forms_after(leaving)
    new = _enter(replace(state, **changes), rules.index[leaving] + 1, rules, at, effects)
    if new.status == IN_REVIEW:
        effects.append(Notify("advanced", new.stage))
    return Outcome(new, tuple(effects))


def _submit(state: Lifecycle, ev: Submit, rules: Rules) -> Outcome:
    if ev.window and not ev.window[0] <= ev.at <= ev.window[1]:
        raise TransitionRefused("现在不在毕业申请时间内，请在申请开放期间提交", "closed")
    resubmissions = state.resubmissions
    if state.status == IN_REVIEW:
        raise TransitionRefused(f"该申请已提交，正在「{rules.stage(state.stage)['name']}」，无需重复提交", "duplicate")
    if state.status == APPROVED:
        raise TransitionRefused("该申请已审核通过，不能再次提交", "approved")
    if state.status == REJECTED:
        if state.final:
            raise TransitionRefused("该申请已被退回且不能再重新申请；请在下一次申请期间重新办理", "final")
        resubmissions += 1
    first = Lifecycle(submissions=state.submissions + 1, resubmissions=resubmissions)
    effects = rules.forms_after("submitted")
    new = _enter(first, 0, rules, ev.at, effects)
    return Outcome(new, (*effects, Notify("submitted", new.stage)))


def _withdraw(state: Lifecycle, ev: Withdraw, rules: Rules) -> Outcome:
    if state.status == DRAFT:
        raise TransitionRefused("该申请尚未提交，无需撤回", "not_submitted")
    if state.status == APPROVED:
        raise TransitionRefused("该申请已审核通过，不能撤回", "approved")
    if state.status == REJECTED:
        raise TransitionRefused("该申请已被退回，无需撤回" + ("" if state.final else "；修改后可重新提交"), "rejected")
    index = rules.index[state.stage]
    if index > 0:
        decided = next((s for s in reversed(rules.stages[:index]) if s.get("role")), rules.stages[0])
        contact = rules.stages[index] if rules.stages[index].get("role") else decided
        raise TransitionRefused(f"该申请已由{office_of(decided)}审核通过，不能撤回；如需更正信息，请联系"
                                f"{office_of(contact)}", "decided")
    if state.onsite_confirmed:
        raise TransitionRefused(f"该申请已现场确认，信息已锁定，不能撤回；如需更正，请联系"
                                f"{OFFICE_NAMES[rules.stages[0]['role']]}", "locked")
    if state.paid_order:
        raise TransitionRefused("已缴费的申请不能撤回", "paid")
    return Outcome(replace(state, status=DRAFT, stage=None, since=ev.at), (Notify("withdrawn"),))


def office_of(stage: dict) -> str:
    return OFFICE_NAMES[stage["role"]] if stage.get("role") else "考试机构"


def _current(state: Lifecycle, stage: dict, rules: Rules, role: str, *, kinds: tuple[str, ...], doing: str) -> None:
    """The shared checks of a staff action: right kind of stage, the stage's own role, still at that stage."""
    if stage["kind"] not in kinds:
        other = {"payment": "由系统在收到支付结果后自动完成", "form_return": "请登记「已收到登记表」",
                 "review": "请审核通过或退回"}[stage["kind"]]
        raise TransitionRefused(f"「{stage['name']}」不能{doing}：{other}", "wrong_kind")
    # Strict on purpose: the province (or admin) does not act for another role's stage. A stage is the named
    # office's decision and its audit record says who decided; a province override would be a separate event.
    if role != stage["role"]:
        raise TransitionRefused(f"「{stage['name']}」由{OFFICE_NAMES[stage['role']]}办理，"
                                f"{OFFICE_NAMES.get(role, role)}的账号不能在此阶段{doing}", "role")
    if state.status != IN_REVIEW or state.stage != stage["id"]:
        now = status_text(state, rules)
        raise TransitionRefused(f"该申请已不在「{stage['name']}」阶段（当前：{now}），本次{doing}未生效，"
                                "请刷新后查看", "stale")


def status_text(state: Lifecycle, rules: Rules) -> str:
    """Where the application is, in a few words (未提交, 待主考学校初审, 审核通过, 未通过…)."""
    if state.status == DRAFT:
        return "已撤回，未提交" if state.submissions else "未提交"
    if state.status == APPROVED:
        return "审核通过"
    stage = rules.stage(state.stage)
    if state.status == REJECTED:
        return f"未通过{stage['name']}"
    if rules.onsite and rules.index[stage["id"]] == 0 and not state.onsite_confirmed:
        return "待现场确认"
    return "待" + stage["name"]


def forms_available(state: Lifecycle, profile_data: dict) -> list[str]:
    """The forms the candidate may print now: each once the current submission has passed the form's `after`
    point (submitted, a stage's id, or approved), and not while the application is a draft or rejected."""
    rules = Rules(profile_data)
    if state.status not in (IN_REVIEW, APPROVED):
        return []
    reached = len(rules.stages) if state.status == APPROVED else rules.index[state.stage]
    out = []
    for form in rules.forms:
        after = form["after"]
        if after == "submitted" or (after == "approved" and state.status == APPROVED) \
                or (after in rules.index and rules.index[after] < reached):
            out.append(form["id"])
    return out


def _approve(state: Lifecycle, ev: Approve, rules: Rules) -> Outcome:
    stage = rules.stage(ev.stage)
    _current(state, stage, rules, ev.role, kinds=("review",), doing="审核通过")
    if rules.onsite and rules.index[stage["id"]] == 0 and not state.onsite_confirmed:
        raise TransitionRefused("考生尚未现场确认，不能审核通过；请在考生到场确认后再审核", "onsite")
    return _advance(state, rules, ev.at)


def _reject(state: Lifecycle, ev: Reject, rules: Rules) -> Outcome:
    stage = rules.stage(ev.stage)
    reason = (ev.reason or "").strip()
    _current(state, stage, rules, ev.role, kinds=("review", "form_return"), doing="退回")
    if len(reason) < 2:
        raise TransitionRefused("退回申请请填写原因（至少 2 个字），考生会看到这条原因", "reason", "reason")
    paid = state.paid_order is not None
    used_up = rules.limit is not None and state.resubmissions >= rules.limit
    effects: list = []
    refund = None
    if paid and rules.fee and rules.fee["refund_on_reject"]:
        refund = "pending"
        effects.append(Refund(state.paid_order, rules.fee_fen()))
    # After the fee is paid a rejection is final for this window (重庆 终审 refunds at the end of the round;
    # 山西: after the county's approval there is no re-application).
    new = replace(state, status=REJECTED, reason=reason, final=paid or used_up, refund=refund, since=ev.at)
    return Outcome(new, (*effects, Notify("rejected", stage["id"])))


def _form_received(state: Lifecycle, ev: FormReceived, rules: Rules) -> Outcome:
    stage = rules.stage(ev.stage)
    _current(state, stage, rules, ev.role, kinds=("form_return",), doing="登记收到材料")
    return _advance(state, rules, ev.at)


def _confirm_onsite(state: Lifecycle, ev: ConfirmOnsite, rules: Rules) -> Outcome:
    if not rules.onsite:
        raise TransitionRefused("本省毕业申请不需要现场确认", "no_onsite")
    first = rules.stages[0]
    if ev.role != first["role"]:
        raise TransitionRefused(f"现场确认由{OFFICE_NAMES[first['role']]}办理，"
                                f"{OFFICE_NAMES.get(ev.role, ev.role)}的账号不能登记", "role")
    if state.status != IN_REVIEW or state.stage != first["id"]:
        raise TransitionRefused("只有已提交、尚未审核的申请才能登记现场确认", "not_now")
    if state.onsite_confirmed:
        raise TransitionRefused("该申请已登记现场确认，无需重复登记", "duplicate")
    return Outcome(replace(state, onsite_confirmed=True), (Notify("onsite_confirmed", first["id"]),))


def _payment_confirmed(state: Lifecycle, ev: PaymentConfirmed, rules: Rules) -> Outcome:
    if state.paid_order == ev.order_id:
        return Outcome(state)               # a replayed confirmation: nothing to do
    if state.status != IN_REVIEW or rules.stage(state.stage)["kind"] != "payment":
        raise TransitionRefused("该申请当前不在缴费阶段，不能登记缴费；如已扣款，请联系考试机构核对退款", "not_now")
    if ev.amount_fen != rules.fee_fen():
        raise TransitionRefused(f"缴费金额 {ev.amount_fen / 100:.2f} 元与应缴的 {rules.fee['amount_yuan']} 元不符",
                                "amount", "amount_fen")
    return _advance(state, rules, ev.at, paid_order=ev.order_id)


def _refund_done(state: Lifecycle, ev: RefundDone, rules: Rules) -> Outcome:
    if state.paid_order != ev.order_id or state.refund is None:
        raise TransitionRefused("该订单没有待退的费用", "not_now")
    if state.refund == "done":
        return Outcome(state)
    return Outcome(replace(state, refund="done"), (Notify("refunded", state.stage),))


_HANDLERS = {Submit: _submit, Withdraw: _withdraw, Approve: _approve, Reject: _reject, FormReceived: _form_received,
             ConfirmOnsite: _confirm_onsite, PaymentConfirmed: _payment_confirmed, RefundDone: _refund_done}
