"""重庆 refunds the fee of an application its 市自考办 rejects after payment when the round ends, not at once (issue 19
item 14; seed 003 须知 9: 其所交毕业审定费在当次毕业办理结束后退回原交费账号): before the batch's end nobody asks the
payment provider for the money back, whatever the requests and the sweeper do; the first sweep after the end does,
once, and the candidate (and the staff's page) read the date before and the refund after. The end is the batch's
as the province sets it when the sweep runs: moving it into the past is what lets the refund go."""
from __future__ import annotations

import httpx
import pytest
from boto3.dynamodb.conditions import Key
from support.applying import HOSTS, OFFICES, at_the_fee, ok, pay, staff
from support.portal_client import serving

from functions.apply.payments.providers import SandboxProvider
from functions.common.batches import all_batches
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.common.time import epoch_of, shown
from functions.profiles.loader import load_profile

STAFF = "/api/apply/staff"
PAST = {"opens": "2026-11-01T00:00", "closes": "2026-12-01T00:00"}     # before today: the round is over


@pytest.fixture(scope="module")
def chongqing(portal):
    with serving("apply", "chongqing") as app, serving("photo", "chongqing"):
        yield app


def refunds_asked(monkeypatch) -> list[str]:
    """The orders the payment provider (the sandbox) is asked to refund, in order."""
    asked: list[str] = []
    real = SandboxProvider.refund

    def refund(self, order, refund_id):
        asked.append(order.order_id)
        return real(self, order, refund_id)
    monkeypatch.setattr(SandboxProvider, "refund", refund)
    return asked


def windows_of(table, batch: str) -> dict[str, dict]:
    """The batch's windows per type of candidate, as the portal reads the batch (other tests may have moved them)."""
    return next(b for b in all_batches(Store(table)) if b["id"] == batch)["windows"]


def set_windows(province: httpx.Client, batch: str, windows: dict[str, dict]) -> None:
    """The provincial office sets each window on its staff page, as the province whose type of candidate it is."""
    for kind, window in windows.items():
        code = next((c for c in OFFICES if kind in load_profile(c).data["application"]["candidate_types"]), "hubei")
        with serving("apply", code):
            ok(province.put(f"{STAFF}/batches/{batch}/windows/{kind}",
                            json={"opens": window["opens"], "closes": window["closes"]}))


def owed_refunds(table, exam_no: str) -> list[dict]:
    answer = table.query(KeyConditionExpression=Key("PK").eq(f"CAND#{exam_no}") & Key("SK").begins_with("EFFECT#"),
                         ConsistentRead=True)
    return [i for i in answer["Items"] if i["effect"]["tag"] == "refund"]


def test_a_重庆_rejection_after_paying_is_refunded_by_the_first_sweep_after_the_batchs_end_and_once(
        portal, table, chongqing, monkeypatch):
    university = staff(portal, table, "refund-university", "university", universities=HOSTS)
    city = staff(portal, table, "refund-city", "province")
    me = at_the_fee(portal, table, university)
    order_id = ok(me.get("/api/apply/application/payment"))["order_id"]
    assert pay(me)["applied"] is True
    asked = refunds_asked(monkeypatch)
    ok(city.post(f"{STAFF}/applications/{me.who['exam_no']}/decision",
                 json={"stage": "city_review", "decision": "reject", "reason": "成绩不符合毕业条件"}))

    sweep = chongqing.state.services.effects.sweep
    sweep(limit=100000)                                  # the round is still on: the refund waits, and is no backlog
    assert order_id not in asked
    assert table.get_item(Key=keys.order(order_id))["Item"]["status"] == "paid"
    assert [r["effect"]["order_id"] for r in owed_refunds(table, me.who["exam_no"])] == [order_id]
    batch = city.get(f"{STAFF}/review").json()["current_batch"]
    before = windows_of(table, batch)
    ends = shown(max(epoch_of(w["closes"]) for w in before.values()))     # the last window's close, Beijing time
    now = ok(me.get("/api/apply/application"))["application"]
    assert now["next_step"].endswith(f"已缴纳的毕业审定费将在本次毕业办理结束后（{ends} 后）退回原支付账户")
    message = ok(me.get("/api/apply/messages"))["messages"][0]
    assert message["event"] == "rejected" and f"（{ends} 后）退回原支付账户" in message["next_step"]
    page = f"{STAFF}/applications/{me.who['exam_no']}"
    assert ok(city.get(page))["application"]["refund"] == f"待退费：本次毕业办理结束后（{ends} 后）由系统退回原支付账户"

    try:
        set_windows(city, batch, {kind: PAST for kind in before})      # the province ends the round
        sweep(limit=100000)
        sweep(limit=100000)                              # the next sweep finds nothing more to do
    finally:
        set_windows(city, batch, before)
    assert asked.count(order_id) == 1
    assert table.get_item(Key=keys.order(order_id))["Item"]["status"] == "refunded"
    assert owed_refunds(table, me.who["exam_no"]) == []
    after = ok(me.get("/api/apply/application"))["application"]
    assert after["next_step"].endswith("已缴纳的毕业审定费已退回原支付账户") and after["actions"] == []
    assert ok(city.get(page))["application"]["refund"] == "已退费（已退回原支付账户）"
