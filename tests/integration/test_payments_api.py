"""Paying 重庆's fee through the running portal: the order due at the fee stage, provider callbacks checked by
signature and applied once (replayed, concurrent, reordered), and nobody paying or reading another's order."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from botocore.exceptions import ClientError
from support.applying import at_the_fee, candidate, ok, staff
from support.portal_client import serving

from functions.common.audit_log import entries
from functions.common.dynamo import keys

OFFICE = "500103"
CALLBACK = "/api/apply/payments/sandbox/callback"


@pytest.fixture(scope="module")
def chongqing(portal):
    with serving("apply", "chongqing") as app, serving("photo", "chongqing"):
        yield app


@pytest.fixture(scope="module")
def university(portal, table, chongqing):
    return staff(portal, table, "pay-university", "university",
                 universities=("南京航空航天大学", "南京财经大学", "南京师范大学", "南京农业大学"))


def sandbox(app):
    return app.state.services.payments.provider("sandbox")


def post(http: httpx.Client, body: bytes) -> httpx.Response:
    return http.post(CALLBACK, content=body, headers={"Content-Type": "application/json"})


def test_the_order_is_due_at_the_fee_stage_and_paid_once_whatever_the_callbacks_do(portal, table, chongqing,
                                                                                   university):
    me = at_the_fee(portal, table, university)
    order = ok(me.get("/api/apply/application/payment"))
    assert order["amount_fen"] == 6000 and order["status"] == "created"
    assert order["pay_url"].startswith("/pay/sandbox.html?")
    provider, anyone = sandbox(chongqing), httpx.Client(base_url=portal.url, timeout=60)
    failed = provider.callback_body(order["order_id"], 6000, "failed")
    paid = provider.callback_body(order["order_id"], 6000, "paid")
    assert ok(post(anyone, failed))["status"] == "failed"              # a failed attempt, then a good one
    with ThreadPoolExecutor(10) as pool:                               # the provider repeats itself, at once
        answers = list(pool.map(lambda _: post(anyone, paid), range(10)))
    assert [a.status_code for a in answers] == [200] * 10
    assert sum(a.json()["applied"] for a in answers) == 1
    late_failure = ok(post(anyone, failed))                            # news of the failure arrives again, late
    assert late_failure["applied"] is False and late_failure["status"] == "paid"
    application = ok(me.get("/api/apply/application"))["application"]
    assert application["stage"] == "city_review" and "pay" not in application["actions"]
    log = [e["action"] for e in entries(table, f"CAND#{me.who['exam_no']}")
           if e["action"] in ("payment_failed", "paid", "payment_unexpected")]
    assert log == ["payment_failed", "paid"]
    assert table.get_item(Key=keys.order(order["order_id"]))["Item"]["status"] == "paid"
    again = me.get("/api/apply/application/payment")
    assert again.status_code == 409 and "无需重复缴费" in again.json()["error"]["message"]


def concurrent_twin_commits_first(monkeypatch, table) -> None:
    """The next transaction meets another one writing the same items, as two deliveries of one notification do:
    the other (here: the same transaction, sent again) commits, and DynamoDB cancels ours for TransactionConflict."""
    client = table.meta.client
    original, first = client.transact_write_items, [True]

    def transact_write_items(**request):
        if first[0]:
            first[0] = False
            original(**request)
            raise ClientError({"Error": {"Code": "TransactionCanceledException", "Message": "Transaction cancelled"},
                               "CancellationReasons": [{"Code": "TransactionConflict"}] + [{"Code": "None"}] * 2,
                               "ResponseMetadata": {"HTTPStatusCode": 400}}, "TransactWriteItems")
        return original(**request)
    monkeypatch.setattr(client, "transact_write_items", transact_write_items)


def test_a_callback_whose_twin_committed_first_answers_from_the_stored_order(portal, table, chongqing, university,
                                                                           monkeypatch):
    """A provider retries every answer but 200: a callback that lost the race to an identical one must still say
    200 once the order is paid, from what is stored, and the payment is applied once."""
    me = at_the_fee(portal, table, university)
    order = ok(me.get("/api/apply/application/payment"))
    paid = sandbox(chongqing).callback_body(order["order_id"], 6000, "paid")
    concurrent_twin_commits_first(monkeypatch, table)
    answer = post(httpx.Client(base_url=portal.url, timeout=60), paid)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"ok": True, "applied": False, "status": "paid"}
    monkeypatch.undo()
    assert [e["action"] for e in entries(table, f"CAND#{me.who['exam_no']}") if e["action"] == "paid"] == ["paid"]
    assert ok(me.get("/api/apply/application"))["application"]["stage"] == "city_review"


def test_forged_malformed_unknown_and_wrong_amount_callbacks_are_refused(portal, table, chongqing, university):
    me = at_the_fee(portal, table, university)
    order = ok(me.get("/api/apply/application/payment"))
    provider, anyone = sandbox(chongqing), httpx.Client(base_url=portal.url, timeout=60)
    genuine = json.loads(provider.callback_body(order["order_id"], 6000, "paid"))
    forged = json.dumps({**genuine, "amount_fen": 1}).encode()
    cases = {"bad_signature": forged, "malformed": b'[1, 2]',
             "unknown_order": provider.callback_body("BY" + "0" * 24, 6000, "paid"),
             "wrong_amount": provider.callback_body(order["order_id"], 1, "paid")}
    for why, body in cases.items():
        answer = post(anyone, body)
        assert answer.status_code == 400 and answer.json()["error"]["why"] == why, (why, answer.text)
    not_utf8 = post(anyone, b"\xff\xfe not json")
    assert not_utf8.status_code == 400 and "UTF-8" in not_utf8.json()["error"]["message"]
    assert post(anyone, b"{" * 5000).status_code in (400, 413)
    assert table.get_item(Key=keys.order(order["order_id"]))["Item"]["status"] == "created"
    assert ok(me.get("/api/apply/application"))["application"]["stage"] == "fee"


def test_nobody_pays_or_reads_another_candidates_order(portal, table, chongqing, university):
    owner, other = at_the_fee(portal, table, university), candidate(portal, table, OFFICE, province="chongqing")
    order = ok(owner.get("/api/apply/application/payment"))
    theirs = other.post("/api/apply/payments/sandbox/pay", json={"order_id": order["order_id"], "outcome": "paid"})
    assert theirs.status_code == 404
    assert other.get("/api/apply/application/payment").status_code == 404      # they have no application
    assert table.get_item(Key=keys.order(order["order_id"]))["Item"]["status"] == "created"
    anonymous = httpx.Client(base_url=portal.url, timeout=60)
    assert anonymous.post("/api/apply/payments/sandbox/pay",
                          json={"order_id": order["order_id"], "outcome": "paid"}).status_code == 401


def test_a_paid_order_has_a_receipt_its_own_candidate_alone_may_read(portal, table, chongqing, university):
    """Issue 20 item 12 (山西's seed 004: 查看订单并打印): a paid order's receipt names the order, the amount, when it
    was paid (stored in UTC), the payer, what was paid for and the provider; another candidate's order is a 404 the
    same as one that does not exist, and an order not yet paid has no receipt."""
    owner, other = at_the_fee(portal, table, university), at_the_fee(portal, table, university)
    order = ok(owner.get("/api/apply/application/payment"))
    receipt = f"/api/apply/payments/orders/{order['order_id']}/receipt"
    unpaid = owner.get(receipt)
    assert unpaid.status_code == 409 and "尚未缴费" in unpaid.json()["error"]["message"]
    provider, anyone = sandbox(chongqing), httpx.Client(base_url=portal.url, timeout=60)
    assert ok(post(anyone, provider.callback_body(order["order_id"], 6000, "paid")))["status"] == "paid"
    shown = ok(owner.get(receipt))
    stored = table.get_item(Key=keys.order(order["order_id"]))["Item"]
    assert shown["order_id"] == order["order_id"] and shown["amount_fen"] == 6000 and shown["status"] == "paid"
    assert shown["paid_at"] == stored["paid_at"] and shown["paid_at"].endswith("Z")
    assert shown["payer_name"] == owner.who["name"] and shown["exam_no"] == owner.who["exam_no"]
    assert shown["fee_name"] == order["fee_name"] and "重庆" in shown["paid_for"]
    assert shown["provider_name"] == "沙箱支付（仅用于测试）"
    theirs, nobody = other.get(receipt), other.get("/api/apply/payments/orders/NO-SUCH-ORDER1/receipt")
    assert theirs.status_code == nobody.status_code == 404
    assert theirs.json()["error"] == nobody.json()["error"]
    assert owner.who["name"] not in theirs.text
    assert anyone.get(receipt).status_code == 401
    assert owner.get("/api/apply/payments/orders/<script>/receipt").status_code in (404, 422)
