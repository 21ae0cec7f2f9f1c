"""Each province's application walked through the running portal: from a draft, through the profile's stages in
its order (湖北 现场确认 and three reviews; 重庆 university, fee, city; 山西 county (系统审核通过 for a clean one),
fee, 登记表, county; 安徽 city and the joint review), to approval; and each rejection path: at every stage,
re-submission within the limit, the limit reached, a rejection after paying (final; 重庆 refunds at the batch's end,
山西 not at all). The printed forms are read back with pdftotext.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from support.applying import (
    HOSTS,
    NO_PRIOR,
    OFFICES,
    candidate,
    fill_in,
    ok,
    pay,
    pdf_text,
    prior_pending,
    staff,
    submit,
    verify_identity,
)
from support.portal_client import serving

from functions.profiles.loader import load_profile


@pytest.fixture(scope="module", params=sorted(OFFICES))
def province(request, portal, table):
    """The apply and photo functions serving one province's rules, with its staff: one account per review role."""
    code = request.param
    with serving("apply", code), serving("photo", code):
        office = OFFICES[code]
        team = {role: staff(portal, table, f"walk-{code}-{role}", role, offices=(office,))
                for role in ("county", "city")}
        team["university"] = staff(portal, table, f"walk-{code}-university", "university", universities=HOSTS)
        team["province"] = staff(portal, table, f"walk-{code}-province", "province")
        yield code, load_profile(code).data, team


def applicant(portal, table, province, *, held: bool = False):
    """A new candidate of the province, with everything the province asks filled in, ready to submit. `held`: one
    that no stage lets the system pass (山西's 系统审核通过 needs a clean audit: this one's 前置学历 waits for the
    county), so each stage is a person's to decide."""
    code, data, team = province
    held = held and data["review"]["stages"][0]["system_approval"]
    me = candidate(portal, table, OFFICES[code], province=code, **({"like": NO_PRIOR} if held else {}))
    if data["login"]["identity_check"] == "photos":
        verify_identity(me)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, code, reviewer=team.get(data["application"]["photo_review"] or "city"))
    if held:
        prior_pending(me)
    return me


def mine(me) -> dict:
    return ok(me.get("/api/apply/application"))["application"]


def decide(team, me, stage: dict, decision: str = "approve", reason: str | None = None, role: str | None = None):
    body = {"stage": stage["id"], "decision": decision, **({"reason": reason} if reason else {})}
    return team[role or stage["role"]].post(f"/api/apply/staff/applications/{me.who['exam_no']}/decision", json=body)


def walk(me, province, until: str | None = None) -> list[str]:
    """Take a submitted application through the stages (all, or up to the stage `until`); the statuses seen."""
    code, data, team = province
    seen = []
    for stage in data["review"]["stages"]:
        now = mine(me)
        if stage["system_approval"] and now["stage"] != stage["id"] and now["status"] == "in_review":
            continue                                # 系统审核通过 (test_system_approval_api)
        seen.append(now["status_text"])
        assert now["stage"] == stage["id"], (now, stage)
        if stage["id"] == until:
            return seen
        if stage["kind"] == "payment":
            assert "pay" in now["actions"]
            assert pay(me)["applied"] is True
        else:
            if data["application"]["onsite_confirmation"] and stage is data["review"]["stages"][0]:
                ok(team[stage["role"]].post(f"/api/apply/staff/applications/{me.who['exam_no']}/onsite"))
            if stage.get("joint_with"):                 # 安徽's 会审: the 主考院校's 同意 comes first
                ok(decide(team, me, stage, role=stage["joint_with"]))
            ok(decide(team, me, stage))
    seen.append(mine(me)["status_text"])
    return seen


def test_from_draft_to_approved_in_the_profiles_order_with_forms_and_messages(portal, table, province):
    code, data, team = province
    me = applicant(portal, table, province)
    submitted = ok(submit(me))
    assert submitted["reference"] and submitted["application"]["status"] == "in_review"
    seen = walk(me, province)
    stages = data["review"]["stages"]
    passed = sum(s["system_approval"] for s in stages)        # a clean application: the system passes these
    assert seen[-1] == "审核通过" and len(seen) == len(stages) + 1 - passed
    received = stages[0]["received_as"] + "，" if stages[0]["received_as"] else ""       # 安徽: 已受理
    first = received + "待" + stages[0]["name"] if not passed else "系统审核通过，待" + stages[1]["name"]
    assert seen[0] == ("待现场确认" if data["application"]["onsite_confirmation"] else first)
    for form in data["forms"]:
        text = pdf_text(me, form["id"])
        for words in (form["name"], me.who["name"], me.who["exam_no"], mine(me)["major_name"], submitted["reference"]):
            assert words in text, (form["id"], words)
    messages = ok(me.get("/api/apply/messages"))["messages"]
    assert messages[0]["status_text"] == "审核通过" and messages[-1]["event"] == "submitted"
    assert len(messages) == len(stages) + 1 + bool(data["application"]["onsite_confirmation"]) - passed
    assert all(m["next_step"] for m in messages)
    from functions.apply.app import app
    day = datetime.now(timezone(timedelta(hours=8))).date().isoformat()
    sms = [m["text"] for m in app.state.services.outbox.day(day) if m["to"] == me.who["phone"]]
    assert len(sms) == len(messages) and all(t.startswith(f"【{data['province']}自考】") for t in sms)


def test_a_rejection_is_shown_with_its_reason_and_resubmitted_within_the_limit(portal, table, province):
    code, data, team = province
    me = applicant(portal, table, province, held=True)
    limit = data["application"]["resubmission_limit"]
    first = data["review"]["stages"][0]
    for _ in range(1 + (limit if limit is not None else 2)):
        ok(submit(me))
        if data["application"]["onsite_confirmation"]:
            ok(team[first["role"]].post(f"/api/apply/staff/applications/{me.who['exam_no']}/onsite"))
        reason = data["review"]["reject_reasons"][0]
        ok(decide(team, me, first, "reject", reason))
        now = mine(me)
        assert now["status"] == "rejected" and now["reason"] == reason
        assert ok(me.get("/api/apply/messages"))["messages"][0]["reason"] == reason
    if limit is None:
        assert now["actions"] == ["resubmit"]
    else:
        assert now["actions"] == [] and "不能再重新申请" in now["next_step"]
        refused = submit(me)
        assert refused.status_code == 409 and "不能再重新申请" in refused.json()["error"]["message"]


def test_a_rejection_at_each_stage_is_final_after_paying_and_refunded_where_the_province_does(portal, table, province):
    code, data, team = province
    stages = data["review"]["stages"]
    fee_at = next((i for i, s in enumerate(stages) if s["kind"] == "payment"), len(stages))
    for index, stage in enumerate(stages):
        if stage["kind"] == "payment":
            continue                                   # nobody decides the fee: the provider's callback does
        me = applicant(portal, table, province, held=True)
        ok(submit(me))
        walk(me, province, until=stage["id"])
        reason = data["review"]["reject_reasons"][index % len(data["review"]["reject_reasons"])]
        ok(decide(team, me, stage, "reject", reason))
        now = mine(me)
        assert (now["status"], now["reason"], now["status_text"]) == ("rejected", reason, f"未通过{stage['name']}")
        if index < fee_at:
            assert now["actions"] == ["resubmit"], stage["id"]
            continue
        assert now["actions"] == [] and "不能再重新申请" in now["next_step"], stage["id"]   # paid: final
        order = table.get_item(Key={"PK": f"ORDER#{_order_id(me)}", "SK": "ORDER"})["Item"]
        when = data["fee"]["refund_when"]               # 重庆: at the batch's end (test_refund_at_round_end.py)
        assert order["status"] == ("refunded" if when == "on_reject" else "paid"), stage["id"]
        assert ("已退回原支付账户" in now["next_step"]) == (when == "on_reject")
        later = re.search(r"将在本次毕业办理结束后（\d{4}-\d\d-\d\d \d\d:\d\d 后）退回原支付账户$", now["next_step"])
        assert bool(later) == (when == "round_end")


def _order_id(me) -> str:
    from functions.apply.payments.rules import order_id_for
    batch = mine(me)["batch"]["id"]
    return order_id_for(f"{batch}#{me.who['exam_no']}", 1)
