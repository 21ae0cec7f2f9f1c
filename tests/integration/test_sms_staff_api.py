"""Staff read the SMS sent to a candidate on the application page's API: in their jurisdiction only, the phone
masked, a one-time code never shown, each with its delivery state in words."""
from __future__ import annotations

import pytest
from support.applying import candidate, ok, staff, submit

OFFICE, OTHER = "420100", "420200"


@pytest.fixture
def services(portal):
    from functions.apply.app import app
    return app.state.services


def ready(portal, table):
    me = candidate(portal, table, OFFICE)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"]}))
    return me


def test_staff_see_the_messages_sent_and_their_state_in_their_jurisdiction_only(portal, table, services):
    me = ready(portal, table)
    ok(submit(me))
    exam_no = me.who["exam_no"]
    services.outbox.queue("binding_code", me.who["phone"], {"code": "739105", "minutes": "10"},
                          dedupe=f"{exam_no}#code", exam_no=exam_no, account="acct-1")
    city = staff(portal, table, "sms-city", "city", offices=(OFFICE,))
    messages = ok(city.get(f"/api/apply/staff/applications/{exam_no}/messages"))["messages"]
    assert [m["kind"] for m in messages] == ["绑定考籍验证码", "已提交"]
    code, submitted = messages
    assert "739105" not in code["text"] and "******" in code["text"]
    assert code["to"] == me.who["phone"][:3] + "****" + me.who["phone"][-4:]
    assert submitted["status"] == "logged" and submitted["status_text"] == "仅记录（本地环境不发送）"
    assert "您的毕业申请" in submitted["text"] and submitted["queued_at"][:2] == "20"
    other = staff(portal, table, "sms-other-city", "city", offices=(OTHER,))
    refused = other.get(f"/api/apply/staff/applications/{exam_no}/messages")
    assert refused.status_code == 404 and "739105" not in refused.text
    assert me.get(f"/api/apply/staff/applications/{exam_no}/messages").status_code in (401, 403)


def test_a_rejection_reason_that_quotes_the_id_number_sends_none_of_it(portal, table, services):
    me = ready(portal, table)
    ok(submit(me))
    exam_no, id_number = me.who["exam_no"], me.who["id_number"]
    city = staff(portal, table, "sms-city-2", "city", offices=(OFFICE,))
    path = f"/api/apply/staff/applications/{exam_no}"
    ok(city.post(path + "/onsite"))
    reason = f"身份证号{id_number}（生日{id_number[6:14]}）与考籍记录不一致，请到考办核对"
    ok(city.post(path + "/decision", json={"stage": "city_review", "decision": "reject", "reason": reason}))
    [rejected] = [m for m in services.outbox.to_candidate(exam_no) if m["message_kind"] == "rejected"]
    sent = rejected["text"] + "".join(rejected["values"].values())
    assert "与考籍记录不一致" in sent and id_number not in sent and id_number[6:14] not in sent
    # (by kind: the submit's and the rejection's SMS queued in one second have no order by time)
    shown = next(m for m in ok(city.get(path + "/messages"))["messages"] if m["kind"] == "退回")
    assert id_number[6:14] not in shown["text"]


def test_biye_outbox_prints_the_days_messages_as_a_readable_log(portal, table, services, capsys):
    from functions.cli import main
    me = ready(portal, table)
    services.outbox.queue("binding_code", me.who["phone"], {"code": "204618", "minutes": "10"},
                          dedupe=f"{me.who['exam_no']}#cli", exam_no=me.who["exam_no"], account="cli-1")
    assert main(["outbox", "--to", me.who["phone"]]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.endswith("仅记录（本地环境不发送）  【湖北自考】您正在绑定考籍，验证码204618，10分钟内有效。"
                         "如非本人操作，请忽略本短信。")
    assert main(["outbox", "--day", "2026-13-01"]) == 2
    assert capsys.readouterr().err.strip() == "biye outbox: --day 应为日期，例如 2026-05-01"
