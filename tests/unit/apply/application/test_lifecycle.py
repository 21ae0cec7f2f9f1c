"""The application lifecycle walked through the four real province profiles."""
from __future__ import annotations

import ast
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.rule_checks import profile

from functions.apply.application.lifecycle import (
    APPROVED,
    DRAFT,
    IN_REVIEW,
    REJECTED,
    Approve,
    ConfirmOnsite,
    CreateOrder,
    FormReceived,
    Lifecycle,
    MakeForm,
    Notify,
    Opinion,
    PaymentConfirmed,
    Refund,
    RefundDone,
    Reject,
    Submit,
    TransitionRefused,
    Withdraw,
    forms_available,
    transition,
)
from functions.apply.application.status import describe

PROVINCES = ("hubei", "anhui", "chongqing", "shanxi")
ROLES = ("county", "city", "university", "province", "admin")


def stages(code: str) -> list[dict]:
    return profile(code)["review"]["stages"]


def passing_event(stage: dict, code: str, order: str = "order-1"):
    """The event that moves an application on from `stage`."""
    if stage["kind"] == "payment":
        return PaymentConfirmed(order, profile(code)["fee"]["amount_yuan"] * 100, at=300)
    if stage["kind"] == "form_return":
        return FormReceived(stage["id"], stage["role"], at=300)
    return Approve(stage["id"], stage["role"], at=300)


def submitted(code: str, state: Lifecycle | None = None) -> Lifecycle:
    state = transition(state or Lifecycle(), Submit(at=100), profile(code)).state
    if profile(code)["application"]["onsite_confirmation"]:
        state = transition(state, ConfirmOnsite(stages(code)[0]["role"], at=200), profile(code)).state
    return state


def at_stage(code: str, stage_id: str, state: Lifecycle | None = None) -> Lifecycle:
    """A submitted application moved on until it waits at `stage_id`."""
    state = submitted(code, state or Lifecycle())
    for stage in stages(code):
        if stage["id"] == stage_id:
            return state
        state = transition(agreed(state, stage, code), passing_event(stage, code), profile(code)).state
    raise AssertionError(stage_id)


def agreed(state: Lifecycle, stage: dict, code: str) -> Lifecycle:
    """At a joint review (安徽's 会审), the joint office's 同意 recorded, so the stage's office may approve."""
    if not stage.get("joint_with"):
        return state
    return transition(state, Opinion(stage["id"], stage["joint_with"], True, None, "u-1", at=250), profile(code)).state


def agreed_at(code: str, stage_id: str) -> Lifecycle:
    return agreed(at_stage(code, stage_id), next(s for s in stages(code) if s["id"] == stage_id), code)


def refused(state, event, code) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as caught:
        transition(state, event, profile(code))
    return caught.value


# The whole road, with every effect, for each province.
EXPECTED_WALK = {
    "hubei": [
        ("submit", [MakeForm("application_form"), Notify("submitted", "city_review")]),
        ("onsite", [Notify("onsite_confirmed", "city_review")]),
        ("city_review", [Notify("advanced", "university_review")]),
        ("university_review", [Notify("advanced", "province_review")]),
        ("province_review", [Notify("approved")]),
    ],
    "anhui": [
        ("submit", [Notify("submitted", "city_review")]),
        ("city_review", [Notify("advanced", "joint_review")]),
        ("opinion", []),                                       # the 主考院校's 同意: no message to the candidate
        ("joint_review", [MakeForm("registration_form"), Notify("approved")]),
    ],
    "chongqing": [
        ("submit", [Notify("submitted", "university_review")]),
        ("university_review", [CreateOrder(6000, 1), Notify("advanced", "fee")]),
        ("fee", [Notify("advanced", "city_review")]),
        ("city_review", [Notify("approved")]),
    ],
    "shanxi": [
        ("submit", [Notify("submitted", "county_review")]),
        ("county_review", [CreateOrder(5000, 1), Notify("advanced", "fee")]),
        ("fee", [MakeForm("registration_form"), Notify("advanced", "registration_form")]),
        ("registration_form", [Notify("advanced", "county_final")]),
        ("county_final", [Notify("approved")]),
    ],
}


@pytest.mark.parametrize("code", PROVINCES)
def test_each_province_walks_from_draft_to_approved_through_every_stage(code):
    p, state, seen = profile(code), Lifecycle(), []
    by_id = {s["id"]: s for s in stages(code)}
    for step, effects in EXPECTED_WALK[code]:
        event = {"submit": Submit(at=100), "onsite": ConfirmOnsite("city", at=150),
                 "opinion": Opinion("joint_review", "university", True, None, "u-1", at=250)}.get(step) \
            or passing_event(by_id[step], code)
        outcome = transition(state, event, p)
        assert list(outcome.effects) == effects, step
        state = outcome.state
        seen.append(step)
    assert [s for s in seen if s in by_id] == [s["id"] for s in stages(code)]
    assert state.status == APPROVED and state.stage is None and state.submissions == 1
    assert state.paid_order == ("order-1" if p["fee"] else None)
    assert describe(state, p)["status_text"] == "审核通过"


def test_candidate_texts_along_the_way():
    cq, sx, hb = profile("chongqing"), profile("shanxi"), profile("hubei")
    assert describe(at_stage("chongqing", "university_review"), cq)["status_text"] == "待主考学校初审"
    at_fee = describe(at_stage("chongqing", "fee"), cq, pay_by="2025年6月30日")
    assert at_fee["next_step"] == "请在 2025年6月30日 前缴纳毕业审定费 60 元" and at_fee["actions"] == ["pay"]
    assert describe(at_stage("shanxi", "fee"), sx)["next_step"] == "请在规定时间内缴纳毕业审核费 50 元"
    form = describe(at_stage("shanxi", "registration_form"), sx)
    assert form["next_step"] == "请填写《毕业生登记表》并导出，打印一式两份，签字后在规定时间内交县(市、区)招办"
    assert form["staff_stage"] == "提交毕业生登记表"
    waiting = describe(transition(Lifecycle(), Submit(at=1), hb).state, hb)
    assert waiting["status_text"] == "待现场确认" and "《毕业生申请表》" in waiting["next_step"]
    assert waiting["actions"] == ["withdraw"] and waiting["staff_stage"] == "市(州)自考办审核"
    assert describe(Lifecycle(), hb) == {"status": DRAFT, "stage": None, "status_text": "未提交",
                                         "next_step": "请核对个人信息和申请专业，确认无误后提交毕业申请",
                                         "reason": None, "actions": ["submit"], "staff_stage": "未提交",
                                         "office": None}


DECIDING = [(code, s["id"]) for code in PROVINCES for s in stages(code) if s["kind"] != "payment"]
AFTER_FEE = {("chongqing", "city_review"), ("shanxi", "registration_form"), ("shanxi", "county_final")}


@pytest.mark.parametrize("code,stage_id", DECIDING)
def test_rejection_at_each_stage(code, stage_id):
    p = profile(code)
    role = next(s["role"] for s in stages(code) if s["id"] == stage_id)
    outcome = transition(at_stage(code, stage_id), Reject(stage_id, role, " 材料不全 ", at=400), p)
    state = outcome.state
    assert (state.status, state.stage, state.reason, state.since) == (REJECTED, stage_id, "材料不全", 400)
    paid = (code, stage_id) in AFTER_FEE
    refund = [Refund("order-1", 6000, at_round_end=True)] if code == "chongqing" and paid else []
    assert list(outcome.effects) == [*refund, Notify("rejected", stage_id)]
    assert state.final is paid                      # only a rejection after the fee closes the window's chance
    assert state.refund == ("pending" if refund else None)
    text = describe(state, p)
    assert text["reason"] == "材料不全" and text["actions"] == ([] if paid else ["resubmit"])


@pytest.mark.parametrize("code", ["shanxi", "anhui"])
def test_one_resubmission_then_the_rejection_is_final(code):
    p, first = profile(code), stages(code)[0]
    state = transition(at_stage(code, first["id"]), Reject(first["id"], first["role"], "个人信息有误", at=1), p).state
    assert describe(state, p)["next_step"].endswith("（本次申请期间还可重新提交 1 次）")
    state = transition(state, Submit(at=2), p).state
    assert (state.status, state.stage, state.submissions, state.resubmissions) == (IN_REVIEW, first["id"], 2, 1)
    state = transition(state, Reject(first["id"], first["role"], "个人信息有误", at=3), p).state
    assert state.final and describe(state, p)["actions"] == []
    error = refused(state, Submit(at=4), code)
    assert error.why == "final" and "不能再重新申请" in error.message and error.status == 409


@pytest.mark.parametrize("code", ["hubei", "chongqing"])
def test_unlimited_resubmission_while_the_window_is_open(code):
    p, first = profile(code), stages(code)[0]
    state = Lifecycle()
    for round_ in range(6):
        state = submitted(code, state)
        state = transition(state, Reject(first["id"], first["role"], "材料不全", at=round_), p).state
        assert not state.final and "还可重新提交" not in describe(state, p)["next_step"]
    assert state.resubmissions == 5 and state.submissions == 6
    assert transition(state, Submit(at=99, window=(0, 100)), p).state.status == IN_REVIEW
    assert refused(state, Submit(at=101, window=(0, 100)), code).why == "closed"


def test_a_resubmission_needs_a_fresh_onsite_confirmation_in_hubei():
    p = profile("hubei")
    reject = Reject("city_review", "city", "现场确认材料不全", at=1)
    state = transition(at_stage("hubei", "city_review"), reject, p).state
    assert not state.locked
    state = transition(state, Submit(at=2), p).state
    assert not state.onsite_confirmed and refused(state, Approve("city_review", "city", at=3), "hubei").why == "onsite"


@pytest.mark.parametrize("code", PROVINCES)
def test_withdraw_before_any_decision_returns_to_draft(code):
    p = profile(code)
    state = transition(Lifecycle(), Submit(at=1), p).state
    outcome = transition(state, Withdraw(at=2), p)
    assert outcome.state.status == DRAFT and outcome.effects == (Notify("withdrawn"),)
    assert describe(outcome.state, p)["status_text"] == "已撤回，未提交"
    again = transition(outcome.state, Submit(at=3), p).state
    assert (again.submissions, again.resubmissions) == (2, 0)   # a withdrawal spends no re-application


@pytest.mark.parametrize("code,message", [
    ("chongqing", "该申请已由主考学校审核通过，不能撤回；如需更正信息，请联系主考学校"),
    ("hubei", "该申请已由市级教育考试机构审核通过，不能撤回；如需更正信息，请联系主考学校"),
    ("shanxi", "该申请已由县(市、区)招办审核通过，不能撤回；如需更正信息，请联系县(市、区)招办"),
    ("anhui", "该申请已由市级教育考试机构审核通过，不能撤回；如需更正信息，请联系省级教育考试机构"),
])
def test_withdraw_after_a_decision_is_refused(code, message):
    state = at_stage(code, stages(code)[1]["id"])
    error = refused(state, Withdraw(at=5), code)
    assert error.message == message and error.why == "decided"


def test_withdraw_refused_when_locked_draft_rejected_or_approved():
    hb = profile("hubei")
    assert "现场确认" in refused(at_stage("hubei", "city_review"), Withdraw(at=1), "hubei").message
    assert refused(Lifecycle(), Withdraw(at=1), "hubei").message == "该申请尚未提交，无需撤回"
    approved = transition(agreed_at("anhui", "joint_review"), Approve("joint_review", "province", at=1),
                          profile("anhui")).state
    assert refused(approved, Withdraw(at=2), "anhui").message == "该申请已审核通过，不能撤回"
    rejected = transition(at_stage("hubei", "city_review"), Reject("city_review", "city", "材料不全", at=1), hb).state
    assert refused(rejected, Withdraw(at=2), "hubei").why == "rejected"


@pytest.mark.parametrize("code", PROVINCES)
def test_a_decision_for_a_stage_the_application_has_left_is_refused(code):
    first, second = stages(code)[0], stages(code)[1]
    state = at_stage(code, second["id"])
    for stale in (Approve(first["id"], first["role"], at=9), Reject(first["id"], first["role"], "迟到的退回", at=9)):
        error = refused(state, stale, code)
        assert error.why == "stale" and error.status == 409
        assert error.message.startswith(f"该申请已不在「{first['name']}」阶段（当前：待")


def test_a_double_decision_is_refused_and_so_are_decisions_after_the_end():
    hb = profile("hubei")
    state = at_stage("hubei", "city_review")
    moved = transition(state, Approve("city_review", "city", at=1), hb).state
    assert refused(moved, Approve("city_review", "city", at=1), "hubei").why == "stale"
    rejected = transition(state, Reject("city_review", "city", "材料不全", at=1), hb).state
    assert refused(rejected, Approve("city_review", "city", at=2), "hubei").why == "stale"
    assert refused(Lifecycle(), Approve("city_review", "city", at=2), "hubei").why == "stale"


WRONG_ROLES = [(code, s["id"], role) for code in PROVINCES for s in stages(code) if s.get("role")
               for role in ROLES if role != s["role"]]


@pytest.mark.parametrize("code,stage_id,role", WRONG_ROLES)
def test_only_the_stages_own_role_decides(code, stage_id, role):
    stage = next(s for s in stages(code) if s["id"] == stage_id)
    state = at_stage(code, stage_id)
    events = [Reject(stage_id, role, "材料不全", at=9)]
    events.append(FormReceived(stage_id, role, at=9) if stage["kind"] == "form_return" else Approve(stage_id, role, 9))
    for event in events:
        error = refused(state, event, code)
        assert error.why == "role" and error.status == 403 and "的账号不能在此阶段" in error.message


def test_wrong_kind_of_action_for_the_stage():
    assert "由系统在收到支付结果后自动完成" in refused(at_stage("chongqing", "fee"), Approve("fee", "province", 1),
                                                      "chongqing").message
    assert refused(at_stage("shanxi", "registration_form"), Approve("registration_form", "county", 1),
                   "shanxi").why == "wrong_kind"
    assert refused(at_stage("shanxi", "county_review"), FormReceived("county_review", "county", 1),
                   "shanxi").why == "wrong_kind"
    error = refused(at_stage("anhui", "city_review"), Approve("no_such_stage", "city", 1), "anhui")
    assert error.why == "unknown_stage" and error.status == 422


@pytest.mark.parametrize("reason", ["", "   ", "缺", None])
def test_a_rejection_needs_a_reason(reason):
    error = refused(at_stage("anhui", "city_review"), Reject("city_review", "city", reason, at=1), "anhui")
    assert error.status == 422 and error.field == "reason" and "原因" in error.message


def test_onsite_confirmation_in_hubei():
    hb = profile("hubei")
    state = transition(Lifecycle(), Submit(at=1), hb).state
    assert refused(state, Approve("city_review", "city", at=2), "hubei").message.startswith("考生尚未现场确认")
    assert refused(state, ConfirmOnsite("university", at=2), "hubei").why == "role"
    assert refused(state, ConfirmOnsite("province", at=2), "hubei").why == "role"
    # A rejection before the candidate comes is allowed (nothing is confirmed by rejecting).
    assert transition(state, Reject("city_review", "city", "成绩与档案不符", 2), hb).state.status == REJECTED
    confirmed = transition(state, ConfirmOnsite("city", at=2), hb).state
    assert confirmed.locked and confirmed.onsite_confirmed
    assert refused(confirmed, ConfirmOnsite("city", at=3), "hubei").why == "duplicate"
    later = transition(confirmed, Approve("city_review", "city", at=3), hb).state
    assert later.locked and refused(later, ConfirmOnsite("city", at=4), "hubei").why == "not_now"


@pytest.mark.parametrize("code", ["anhui", "chongqing", "shanxi"])
def test_onsite_confirmation_is_refused_where_the_province_has_none(code):
    state = transition(Lifecycle(), Submit(at=1), profile(code)).state
    error = refused(state, ConfirmOnsite(stages(code)[0]["role"], at=2), code)
    assert error.message == "本省毕业申请不需要现场确认"
    # …and the first approval needs none.
    assert transition(state, passing_event(stages(code)[0], code), profile(code)).state.stage == stages(code)[1]["id"]


def test_payment_checks_and_replays():
    cq = profile("chongqing")
    at_fee = at_stage("chongqing", "fee")
    error = refused(at_fee, PaymentConfirmed("order-1", 5000, at=1), "chongqing")
    assert error.why == "amount" and "50.00 元与应缴的 60 元不符" in error.message
    assert refused(at_stage("chongqing", "university_review"), PaymentConfirmed("order-1", 6000, 1),
                   "chongqing").why == "not_now"
    paid = transition(at_fee, PaymentConfirmed("order-1", 6000, at=1), cq)
    replay = transition(paid.state, PaymentConfirmed("order-1", 6000, at=2), cq)
    assert replay.state == paid.state and not replay.changed and paid.changed
    assert refused(paid.state, PaymentConfirmed("order-2", 6000, at=2), "chongqing").why == "not_now"


def test_refund_in_chongqing_only_and_only_once():
    cq, sx = profile("chongqing"), profile("shanxi")
    reject = Reject("city_review", "province", "成绩不符合毕业条件", 1)
    rejected = transition(at_stage("chongqing", "city_review"), reject, cq)
    assert rejected.effects[0] == Refund("order-1", 6000, at_round_end=True)
    assert "已缴纳的毕业审定费将在本次毕业办理结束后退回原支付账户" in describe(rejected.state, cq)["next_step"]
    assert refused(rejected.state, RefundDone("order-9", at=2), "chongqing").why == "not_now"
    done = transition(rejected.state, RefundDone("order-1", at=2), cq)
    assert done.state.refund == "done" and done.effects == (Notify("refunded", "city_review"),)
    assert "已退回原支付账户" in describe(done.state, cq)["next_step"]
    assert not transition(done.state, RefundDone("order-1", at=3), cq).changed
    shanxi = transition(at_stage("shanxi", "county_final"), Reject("county_final", "county", "登记表填写不规范", 1), sx)
    assert shanxi.effects == (Notify("rejected", "county_final"),) and shanxi.state.refund is None
    assert refused(shanxi.state, RefundDone("order-1", at=2), "shanxi").why == "not_now"


def test_a_new_submission_in_chongqing_gets_its_own_order():
    cq = profile("chongqing")
    state = transition(at_stage("chongqing", "university_review"), Reject("university_review", "university",
                                                                          "自我鉴定不符合要求", 1), cq).state
    state = transition(state, Submit(at=2), cq).state
    outcome = transition(state, Approve("university_review", "university", at=3), cq)
    assert outcome.effects[0] == CreateOrder(6000, 2)


def test_refusals_carry_their_tag_in_the_error_body():
    error = refused(Lifecycle(), Withdraw(at=1), "anhui")
    assert error.body() == {"error": {"code": "TRANSITION_REFUSED", "message": "该申请尚未提交，无需撤回",
                                      "why": "not_submitted"}}
    with pytest.raises(TypeError):
        transition(Lifecycle(), object(), profile("anhui"))


def test_state_round_trips_through_a_stored_item():
    state = at_stage("shanxi", "registration_form")
    stored = {k: Decimal(v) if isinstance(v, int) and not isinstance(v, bool) else v
              for k, v in state.as_dict().items()}
    assert Lifecycle.from_dict({**stored, "pk": "APP#1"}) == state


@pytest.mark.parametrize("name", ["application/lifecycle.py", "application/events.py", "application/status.py",
                                  "payments/providers.py", "forms/data.py", "application/rules.py", "payments/rules.py",
                                  "effects/rules.py"])
def test_the_lifecycle_payments_and_form_data_are_pure(name):
    forbidden = {"boto3", "botocore", "fastapi", "mangum", "time", "os", "random", "datetime", "requests"}
    if name == "forms/data.py":
        forbidden -= {"datetime"}   # it parses dates (date.fromisoformat); reading the clock is still refused below
    path = Path(__file__).resolve().parents[4] / "functions" / "apply" / name
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            assert not {a.name.split(".")[0] for a in node.names} & forbidden, name
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            assert node.module.split(".")[0] not in forbidden, name
        elif isinstance(node, ast.Attribute):
            assert node.attr not in {"now", "today", "utcnow", "getenv", "environ"}, name


def test_forms_are_printable_once_the_current_submission_passed_their_point():
    hubei = profile("hubei")
    assert forms_available(Lifecycle(), hubei) == []
    assert forms_available(submitted("hubei", Lifecycle()), hubei) == ["application_form"]
    sx = profile("shanxi")
    assert forms_available(at_stage("shanxi", "fee"), sx) == []
    assert forms_available(at_stage("shanxi", "registration_form"), sx) == ["registration_form"]
    rejected = transition(at_stage("shanxi", "county_final"),
                          Reject("county_final", "county", "登记表填写不规范", at=9), sx).state
    assert forms_available(rejected, sx) == []
    ah = profile("anhui")
    assert forms_available(at_stage("anhui", "joint_review"), ah) == []
    approved = transition(agreed_at("anhui", "joint_review"), Approve("joint_review", "province", at=9), ah).state
    assert forms_available(approved, ah) == ["registration_form"]


# Properties over any sequence of events, refused ones included.


def vocabulary(code: str) -> list:
    p = profile(code)
    fen = p["fee"]["amount_yuan"] * 100 if p["fee"] else 100
    events = [Submit(at=1), Submit(at=1, window=(5, 9)), Withdraw(at=1)]
    events += [ConfirmOnsite(role, at=1) for role in ROLES]
    for stage in stages(code) + [{"id": "ghost"}]:
        for role in ROLES:
            events += [Approve(stage["id"], role, at=1), Reject(stage["id"], role, "材料不全", at=1),
                       Reject(stage["id"], role, "", at=1), FormReceived(stage["id"], role, at=1),
                       Opinion(stage["id"], role, True, None, "u-1", at=1),
                       Opinion(stage["id"], role, False, "成绩有误", "u-1", at=1)]
    for order in ("order-1", "order-2"):
        events += [PaymentConfirmed(order, fen, at=1), PaymentConfirmed(order, fen + 1, at=1), RefundDone(order, at=1)]
    return events


VOCABULARY = {code: vocabulary(code) for code in PROVINCES}
REACHED: set = set()


def likely_events(state: Lifecycle, code: str) -> list:
    first = stages(code)[0]
    if state.status != IN_REVIEW:
        return [Submit(at=1)]
    stage = next(s for s in stages(code) if s["id"] == state.stage)
    events = [passing_event(stage, code), ConfirmOnsite(first["role"], at=1)]
    if stage.get("role"):
        events.append(Reject(stage["id"], stage["role"], "材料不全", at=1))
    if stage.get("joint_with"):
        events.append(Opinion(stage["id"], stage["joint_with"], True, None, "u-1", at=1))
    return events


# Derandomized: the same 400 runs every time, so the coverage guard below cannot fail on an unlucky draw (it did,
# once: no 湖北 run reached approval).
@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.sampled_from(PROVINCES), st.data())
def test_no_sequence_of_events_skips_a_stage_or_doubles_an_order(code, data):
    p = profile(code)
    ids = [s["id"] for s in stages(code)]
    fee = p["fee"]
    limit = p["application"]["resubmission_limit"]
    state, passed, orders, refunds = Lifecycle(), [], {}, 0
    for _ in range(data.draw(st.integers(0, 40))):
        # Half the time a plausible next step (so runs get far), otherwise anything at all.
        plausible = likely_events(state, code)
        event = data.draw(st.sampled_from(plausible if data.draw(st.booleans()) else VOCABULARY[code]))
        try:
            outcome = transition(state, event, p)
        except TransitionRefused:
            continue
        new, effects = outcome.state, outcome.effects
        if isinstance(event, Opinion):           # the joint office's part: recorded, nothing else moves
            assert not effects and new == replace(state, opinion=new.opinion)
        assert sum(isinstance(e, Notify) for e in effects) == (1 if new != state and not isinstance(event, Opinion)
                                                               else 0)
        if isinstance(event, Submit) and new.submissions != state.submissions:
            passed = []
        elif new.stage != state.stage and new.status in (IN_REVIEW, APPROVED) and state.status == IN_REVIEW:
            passed.append(state.stage)               # moved on: exactly the next stage, or approved after the last
            assert new.stage == (ids[len(passed)] if len(passed) < len(ids) else None)
        if new.status == APPROVED:
            assert passed == ids
            assert (new.paid_order is not None) == bool(fee)
        if ids[0] != new.stage and new.status == IN_REVIEW and p["application"]["onsite_confirmation"]:
            assert new.onsite_confirmed
        for effect in effects:
            if isinstance(effect, CreateOrder):
                assert effect.submission == new.submissions and effect.amount_fen == fee["amount_yuan"] * 100
                orders[effect.submission] = orders.get(effect.submission, 0) + 1
                assert orders[effect.submission] == 1
                assert next(s for s in stages(code) if s["id"] == new.stage)["kind"] == "payment"
            if isinstance(effect, Refund):
                refunds += 1
                assert fee["refund_when"] != "never" and effect.order_id == state.paid_order and new.final
        assert limit is None or new.resubmissions <= limit
        state = new
        REACHED.add((code, state.status, state.stage, state.final))
    assert refunds <= 1


def test_the_property_run_reached_every_stage_and_ending():
    """Guards the property above against generating only trivial runs (it runs after it in file order)."""
    if not REACHED:
        pytest.skip("the property test did not run in this session")
    for code in PROVINCES:
        for stage in stages(code):
            assert (code, IN_REVIEW, stage["id"], False) in REACHED, (code, stage["id"])
        assert (code, APPROVED, None, False) in REACHED, code
    assert ("shanxi", REJECTED, "county_review", True) in REACHED
