"""Issue 15 item 2: knowing a candidate's name, ID number and 准考证号 (all printed on the 准考证) does not take over
their record. Binding a record that already has an account needs the code sent to the phone on the record (through
the SMS outbox); every bound account then reads a portal message and gets an SMS; an account past the limit is
refused without locking the accounts already bound (a lock is an office action).
"""
from __future__ import annotations

import time

from support.applying import candidate, ok
from support.portal_client import PASSWORD, client, fresh_address, sign_in_answer, signed_in

from functions.apply.accounts.store import NewAccount, create_account
from functions.apply.sms.store import SmsStore
from functions.common.audit_log import entries
from functions.common.dynamo import keys
from functions.common.time import beijing_day

ACTIVATION = "/api/apply/accounts/me/activation"


def stranger(portal, table, email: str):
    """A new 湖北 account, not bound to any record, signed in."""
    create_account(table, NewAccount(kind="candidate", display_name=email, logins={"email": email},
                                     password=PASSWORD), int(time.time()))
    return signed_in(portal, "email", email)


def outbox(table, to: str, kind: str) -> list[dict]:
    today = beijing_day(int(time.time())).isoformat()
    sent = [m for m in SmsStore(table).day(today) if m["to"] == to and m.get("message_kind") == kind]
    return sorted(sent, key=lambda m: m["queued_at"])


def activate(me, who: dict, **more):
    return me.post(ACTIVATION, json={"name": who["name"], "id_number": who["id_number"], "exam_no": who["exam_no"],
                                     **more})


def test_a_second_binding_needs_the_code_sent_to_the_records_phone_and_is_told_to_the_owner(portal, table):
    owner = candidate(portal, table, "420100")
    who = owner.who
    thief = stranger(portal, table, f"thief{who['exam_no']}@test.biye.cn")
    asked = activate(thief, who)
    assert asked.status_code == 202, asked.text
    assert asked.json()["code_sent"] is True and asked.json()["phone_tail"] == who["phone"][-4:]
    assert ok(thief.get("/api/apply/accounts/me"))["exam_no"] is None          # nothing bound without the code
    [sms] = outbox(table, who["phone"], "binding_code")
    code = sms["values"]["code"]
    assert len(code) == 6 and set(sms["values"]) == {"code", "minutes"}
    assert who["id_number"][-4:] not in sms["text"] and who["id_number"][:6] not in sms["text"]
    wrong = activate(thief, who, code="000000" if code != "000000" else "111111")
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "code"
    assert ok(thief.get("/api/apply/accounts/me"))["exam_no"] is None
    done = activate(thief, who, code=code)                     # (here: the owner's own second account)
    assert done.status_code == 200, done.text
    messages = ok(owner.get("/api/apply/messages"))["messages"]
    assert messages[0]["event"] == "account_bound" and "新的网上账号" in messages[0]["status_text"]
    told = outbox(table, who["phone"], "new_binding_warning")
    assert len(told) == 1 and set(told[0]["values"]) == {"when"}
    assert who["id_number"][-4:] not in told[0]["text"]


def test_an_account_past_the_limit_is_refused_and_the_owner_is_not_locked_out(portal, table):
    owner = candidate(portal, table, "420100")
    who = owner.who
    for n in range(2):                                         # 湖北: three accounts at most
        extra = stranger(portal, table, f"extra{n}{who['exam_no']}@test.biye.cn")
        earlier = {m["SK"] for m in outbox(table, who["phone"], "binding_code")}
        assert activate(extra, who).status_code == 202
        # the code sent for this request: two sent in one second have no order by their time
        [sent] = [m for m in outbox(table, who["phone"], "binding_code") if m["SK"] not in earlier]
        code = sent["values"]["code"]
        assert activate(extra, who, code=code).status_code == 200
    fourth = stranger(portal, table, f"fourth{who['exam_no']}@test.biye.cn")
    refused = activate(fourth, who)
    assert refused.status_code == 403 and "不能再绑定" in refused.json()["error"]["message"]
    assert ok(owner.get("/api/apply/accounts/me"))["record_locked"] is False
    with client(portal, fresh_address()) as http:
        assert sign_in_answer(http, "email", f"walk{who['exam_no']}@test.biye.cn").status_code == 200
    logged = {e["action"] for e in entries(table, keys.candidate(who["exam_no"])[keys.PK])}
    assert "record_locked" not in logged
