"""When a fee paid before a rejection goes back (issue 19 item 14, 重庆 须知 9: 市自考办终审未通过的考生，其所交毕业
审定费在当次毕业办理结束后退回原交费账号): the profile's fee.refund_when says at once, at the batch's end, or never,
and a refund owed at the batch's end is not performed before it (effects/rules.waits)."""
from __future__ import annotations

import copy

from support.rule_checks import profile
from test_lifecycle import at_stage

from functions.apply.application.events import EffectTag
from functions.apply.application.lifecycle import Notify, Refund, Reject, transition
from functions.apply.application.rules import refund_after, round_ends
from functions.apply.application.status import describe, refund_shown
from functions.apply.effects.rules import waits
from functions.apply.effects.service import Effects
from functions.common.time import epoch_of

BATCH = {"id": "CQ-2026H2", "windows": {
    "社会考生": {"opens": "2026-11-01T00:00:00+08:00", "closes": "2027-01-15T17:00:00+08:00"},
    "*": {"opens": "2026-11-01T00:00:00+08:00", "closes": "2026-12-31T17:00:00+08:00"}}}
END = epoch_of("2027-01-15T17:00:00+08:00")
FINAL = Reject("city_review", "province", "成绩不符合毕业条件", at=1)


def test_the_round_ends_when_the_last_window_of_the_batch_closes():
    assert round_ends(BATCH) == END
    assert refund_after(BATCH) == "2027-01-15 17:00"            # Beijing time, as the status page says it
    assert round_ends({"id": "X", "windows": {}}) is None and refund_after(None) is None


def test_重庆_owes_the_refund_of_a_rejection_after_paying_at_the_round_end():
    rejected = transition(at_stage("chongqing", "city_review"), FINAL, profile("chongqing"))
    assert rejected.effects == (Refund("order-1", 6000, at_round_end=True), Notify("rejected", "city_review"))
    assert rejected.state.refund == "pending"
    assert refund_shown(rejected.state, profile("chongqing"), "2027-01-15 17:00") == \
        "待退费：本次毕业办理结束后（2027-01-15 17:00 后）由系统退回原支付账户"      # what staff read beside 已缴费


def test_a_province_refunding_on_reject_owes_it_at_once_and_one_refunding_never_owes_none():
    at_once = copy.deepcopy(profile("chongqing"))
    at_once["fee"]["refund_when"] = "on_reject"
    rejected = transition(at_stage("chongqing", "city_review"), FINAL, at_once)
    assert rejected.effects[0] == Refund("order-1", 6000)
    assert describe(rejected.state, at_once)["next_step"].endswith("已缴纳的毕业审定费将退回原支付账户")
    assert refund_shown(rejected.state, at_once) == "待退费：正在退回原支付账户"
    never = copy.deepcopy(profile("chongqing"))
    never["fee"]["refund_when"] = "never"
    rejected = transition(at_stage("chongqing", "city_review"), FINAL, never)
    assert rejected.effects == (Notify("rejected", "city_review"),) and rejected.state.refund is None


def test_a_refund_owed_at_the_round_end_waits_until_the_batchs_end_and_no_longer():
    owed = {"tag": "refund", "order_id": "order-1", "amount_fen": 6000, "at_round_end": True}
    assert waits(owed, END, END - 1)
    assert not waits(owed, END, END) and not waits(owed, END, END + 600)
    assert not waits({**owed, "at_round_end": False}, END, END - 1)        # on_reject: at once
    assert not waits({k: v for k, v in owed.items() if k != "at_round_end"}, END, END - 1)   # owed before the key
    assert not waits(owed, None, END - 1)          # a batch without an end holds no money back


class OwedStore:
    """Owed effects in memory, as EffectStore keeps them: found by the sweep (due), deleted when done."""

    def __init__(self, *items: dict):
        self.items = list(items)

    def due(self):
        return list(self.items)

    def owed(self, exam_no: str):
        return [i for i in self.items if i["exam_no"] == exam_no]

    def done(self, item: dict) -> None:
        self.items.remove(item)


def test_the_sweep_leaves_a_refund_for_the_round_end_owed_until_then_and_not_as_backlog():
    refund = {"SK": "EFFECT#r", "exam_no": "500198000001", "batch_id": "CQ-2026H2", "created_at": "1",
              "effect": {"tag": "refund", "order_id": "order-1", "amount_fen": 6000, "at_round_end": True}}
    sms = {"SK": "EFFECT#n", "exam_no": "500198000001", "batch_id": "CQ-2026H2", "created_at": "2",
           "effect": {"tag": "notify", "kind": "rejected"}}
    performed: list[str] = []
    now = [END - 60]
    store = OwedStore(refund, sms)
    effects = Effects(store, {EffectTag.REFUND: lambda i: performed.append("refund"),
                              EffectTag.NOTIFY: lambda i: performed.append("notify")},
                      round_ends=lambda: {"CQ-2026H2": round_ends(BATCH)}, clock=lambda: now[0])
    assert effects.settle("500198000001") == 1 and performed == ["notify"]       # a request does not refund
    assert effects.sweep() == (0, 0) and store.items == [refund]                 # waiting is not a backlog
    now[0] = END
    assert effects.sweep() == (1, 0) and performed == ["notify", "refund"] and store.items == []
    assert effects.sweep() == (0, 0) and performed.count("refund") == 1
