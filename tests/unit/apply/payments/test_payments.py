"""The sandbox payment provider: signed callbacks, and the idempotent order rule storage writes with."""
from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from functions.apply.payments.providers import PaymentProvider, SandboxProvider, canonical
from functions.apply.payments.rules import (
    CREATED,
    FAILED,
    PAID,
    REFUNDED,
    Callback,
    CallbackRejected,
    apply_callback,
    new_order,
    order_id_for,
)

SECRET = b"sandbox-secret-for-tests-only-32b"
sandbox = SandboxProvider(SECRET)
ORDER = new_order(order_id_for("APP-1", 1), 6000)


def rejected(body, why: str, provider: SandboxProvider = sandbox) -> CallbackRejected:
    with pytest.raises(CallbackRejected) as caught:
        provider.verify_callback(body, {})
    assert caught.value.why == why and caught.value.status == 400
    return caught.value


def signed(fields: dict, secret: bytes = SECRET) -> bytes:
    signature = hmac.new(secret, canonical(fields), hashlib.sha256).hexdigest()
    return json.dumps({**fields, "signature": signature}, ensure_ascii=False).encode("utf-8")


def test_the_sandbox_is_a_payment_provider():
    provider: PaymentProvider = sandbox
    link = provider.create_order(ORDER, "毕业审定费")
    assert link.provider == "sandbox" and link.order_id == ORDER.order_id
    assert link.url.startswith("/api/payments/sandbox/pay?order=BY") and "amount_fen=6000" in link.url


def test_order_ids_are_one_per_submission_and_fit_wechat_limits():
    assert order_id_for("APP-1", 1) == order_id_for("APP-1", 1) != order_id_for("APP-1", 2)
    assert len(ORDER.order_id) == 26 and ORDER.status == CREATED
    for bad_id, amount in [("短", 100), ("x" * 33, 100), ("BY-ok-id", 0), ("BY-ok-id", 1.5), ("BY-ok-id", True)]:
        with pytest.raises(ValueError):
            new_order(bad_id, amount)


def test_a_signed_paid_callback_verifies_and_applies_once():
    callback = sandbox.verify_callback(sandbox.callback_body(ORDER.order_id, 6000, PAID), {})
    assert (callback.order_id, callback.outcome, callback.amount_fen) == (ORDER.order_id, PAID, 6000)
    paid, changed = apply_callback(ORDER, callback)
    assert changed and paid.status == PAID and paid.transaction_id == callback.transaction_id
    assert apply_callback(paid, callback) == (paid, False)          # a replay is a no-op


def test_the_signature_covers_a_canonical_form_not_the_bytes():
    fields = {"provider": "sandbox", "order_id": ORDER.order_id, "amount_fen": 6000, "outcome": "paid",
              "transaction_id": "交易-1"}
    reordered = json.dumps(dict(reversed(list(json.loads(signed(fields)).items()))), indent=2).encode()
    assert sandbox.verify_callback(reordered, {}).transaction_id == "交易-1"
    assert canonical({"b": 1, "a": "中"}) == '{"a":"中","b":1}'.encode()


@pytest.mark.parametrize("change", [
    {"amount_fen": 1}, {"outcome": "failed"}, {"order_id": "BYsomeoneelse01"}, {"transaction_id": "T2"},
])
def test_a_tampered_callback_is_refused(change):
    fields = json.loads(sandbox.callback_body(ORDER.order_id, 6000, PAID))
    fields.update(change)
    assert rejected(json.dumps(fields).encode(), "bad_signature").message == "支付回调签名无效"


def test_missing_or_foreign_signatures_are_refused():
    fields = json.loads(sandbox.callback_body(ORDER.order_id, 6000, PAID))
    fields.pop("signature")
    assert rejected(json.dumps(fields).encode(), "bad_signature").message == "支付回调缺少签名"
    assert rejected(json.dumps({**fields, "signature": 42}).encode(), "bad_signature")
    other = SandboxProvider(b"another-secret-of-enough-length")
    rejected(other.callback_body(ORDER.order_id, 6000, PAID), "bad_signature")


@pytest.mark.parametrize("body", [b"", b"not json", b"\xff\xfe", b"[1,2]", b'"paid"', b"{" + b" " * 5000 + b"}", None])
def test_malformed_bodies_are_refused(body):
    assert rejected(body, "malformed").message.startswith("支付回调格式不正确")


@pytest.mark.parametrize("change", [
    {"amount_fen": "6000"}, {"amount_fen": -1}, {"amount_fen": True}, {"outcome": "refunded"}, {"outcome": "ok"},
    {"order_id": "x"}, {"transaction_id": ""}, {"provider": "wechat"}, {"extra": 1},
])
def test_correctly_signed_but_malformed_fields_are_refused(change):
    fields = {"provider": "sandbox", "order_id": ORDER.order_id, "amount_fen": 6000, "outcome": "paid",
              "transaction_id": "T1", **change}
    rejected(signed(fields), "malformed")


def test_unknown_order_and_wrong_amount_are_refused():
    callback = sandbox.verify_callback(sandbox.callback_body(ORDER.order_id, 5000, PAID), {})
    for order, why in [(None, "unknown_order"), (new_order("BYanotherorder", 5000), "unknown_order"),
                       (ORDER, "wrong_amount")]:
        with pytest.raises(CallbackRejected) as caught:
            apply_callback(order, callback)
        assert caught.value.why == why
    assert "5000 分与订单金额 6000 分不符" in caught.value.message


def test_failed_then_paid_but_never_paid_then_failed():
    failed_cb = sandbox.verify_callback(sandbox.callback_body(ORDER.order_id, 6000, FAILED), {})
    paid_cb = sandbox.verify_callback(sandbox.callback_body(ORDER.order_id, 6000, PAID), {})
    failed, changed = apply_callback(ORDER, failed_cb)
    assert changed and failed.status == FAILED and apply_callback(failed, failed_cb) == (failed, False)
    paid, changed = apply_callback(failed, paid_cb)
    assert changed and paid.status == PAID
    assert apply_callback(paid, failed_cb) == (paid, False)           # late news of a failed attempt


def test_a_second_payment_by_another_transaction_needs_a_person():
    paid, _ = apply_callback(ORDER, Callback(ORDER.order_id, PAID, 6000, "T1"))
    with pytest.raises(CallbackRejected) as caught:
        apply_callback(paid, Callback(ORDER.order_id, PAID, 6000, "T2"))
    assert caught.value.why == "double_payment" and "人工核对" in caught.value.message


def test_refunds_only_after_payment():
    with pytest.raises(CallbackRejected) as caught:
        sandbox.refund(ORDER, "R1")
    assert caught.value.why == "not_paid" and caught.value.message == "订单尚未支付，不能退款"
    with pytest.raises(CallbackRejected):
        apply_callback(ORDER, Callback(ORDER.order_id, REFUNDED, 6000, "R1"))
    paid, _ = apply_callback(ORDER, Callback(ORDER.order_id, PAID, 6000, "T1"))
    refund = sandbox.refund(paid, "R1")
    refunded, changed = apply_callback(paid, refund)
    assert changed and refunded.status == REFUNDED and refunded.refund_id == "R1"
    assert apply_callback(refunded, refund) == (refunded, False)
    assert apply_callback(refunded, Callback(ORDER.order_id, PAID, 6000, "T1")) == (refunded, False)


def test_the_sandbox_wants_a_real_secret_and_only_pay_page_outcomes():
    for secret in (b"short", "a-text-secret-of-enough-length"):
        with pytest.raises(ValueError):
            SandboxProvider(secret)
    with pytest.raises(ValueError):
        sandbox.callback_body(ORDER.order_id, 6000, REFUNDED)


callbacks = st.builds(Callback, st.just(ORDER.order_id), st.sampled_from([PAID, FAILED, REFUNDED]), st.just(6000),
                      st.sampled_from(["T1", "R1"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(callbacks, max_size=12))
def test_any_replay_order_of_callbacks_keeps_the_order_consistent(sequence):
    order, seen = ORDER, [ORDER.status]
    for callback in sequence:
        try:
            new, changed = apply_callback(order, callback)
        except CallbackRejected as err:
            assert err.why in ("not_paid", "double_payment")
            continue
        assert changed == (new != order)
        assert apply_callback(new, callback) == (new, False)           # every applied callback is idempotent
        order = new
        if changed:
            seen.append(order.status)
    # created → (failed →)* paid → refunded: never back from paid, never refunded without paid.
    assert seen[:1] == [CREATED] and seen.count(PAID) <= 1 and seen.count(REFUNDED) <= 1
    if REFUNDED in seen:
        assert seen.index(PAID) < seen.index(REFUNDED)
    if PAID in seen:
        assert FAILED not in seen[seen.index(PAID):]
