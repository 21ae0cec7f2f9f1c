"""Issue 15 item 4: a reset code never lets staff become the candidate. The office asks for a code; it goes by SMS
to the phone on the record (the outbox, kind reset_code) and the owner reads a portal message; the office's screen
shows only where it went, so the clerk cannot set the password and sign in as the candidate.
"""
from __future__ import annotations

import time

from support.applying import candidate, ok, staff
from support.portal_client import PASSWORD, client, fresh_address, solved_captcha

from functions.apply.accounts.store import NewAccount, create_account
from functions.apply.sms.store import SmsStore
from functions.common.dynamo import keys
from functions.common.time import beijing_day


def sms(table, to: str, kind: str) -> list[dict]:
    today = beijing_day(int(time.time())).isoformat()
    return [m for m in SmsStore(table).day(today) if m["to"] == to and m.get("message_kind") == kind]


def test_a_candidates_reset_code_goes_to_the_candidates_phone_and_never_to_the_clerks_screen(portal, table):
    owner = candidate(portal, table, "420100")
    clerk = staff(portal, table, "reset-clerk", "city", ["420100"])
    answer = clerk.post(f"/api/apply/staff/accounts/{owner.account_id}/reset-code")
    assert answer.status_code == 200, answer.text
    shown = answer.json()
    assert "code" not in shown and shown["sent"] is True and shown["phone_tail"] == owner.who["phone"][-4:]
    [sent] = sms(table, owner.who["phone"], "reset_code")
    assert set(sent["values"]) == {"code", "hours"} and owner.who["id_number"][-4:] not in sent["text"]
    messages = ok(owner.get("/api/apply/messages"))["messages"]
    assert messages[0]["event"] == "reset_code_sent" and "一次性验证码" in messages[0]["status_text"]
    with client(portal, fresh_address()) as http:                 # the owner, with the code from their phone
        done = http.post("/api/apply/password-reset/code", json={
            "kind": "email", "identifier": f"walk{owner.who['exam_no']}@test.biye.cn",
            "code": sent["values"]["code"], "new_password": "Owner-pass-2026", **solved_captcha(http)})
        assert done.status_code == 200, done.text


def test_a_new_admin_and_a_staff_members_code_need_a_second_admins_approval(portal, table):
    first = staff(portal, table, "four-eyes-a", "admin")
    second = staff(portal, table, "four-eyes-b", "admin")
    asked = first.post("/api/apply/staff/accounts", json={"login": "new-admin", "name": "新管理员", "role": "admin"})
    assert asked.status_code == 202 and "code" not in asked.json(), asked.text
    request_id = asked.json()["request_id"]
    assert table.get_item(Key=keys.login("staff", "new-admin")).get("Item") is None     # not made yet
    alone = first.post(f"/api/apply/staff/approvals/{request_id}/approve")
    assert alone.status_code == 403 and "另一位管理员" in alone.json()["error"]["message"]
    listed = ok(second.get("/api/apply/staff/approvals"))["requests"]
    assert any(r["request_id"] == request_id and r["requested_by"] for r in listed)
    made = ok(second.post(f"/api/apply/staff/approvals/{request_id}/approve"))
    assert made["code"] and made["login"] == "new-admin"
    assert second.post(f"/api/apply/staff/approvals/{request_id}/approve").status_code == 404   # once
    clerk_id = create_account(table, NewAccount(kind="staff", display_name="窗口", logins={"staff": "four-eyes-clerk"},
                                                password=PASSWORD, role="city", offices=("420100",)), int(time.time()))
    reset = first.post(f"/api/apply/staff/accounts/{clerk_id}/reset-code")
    assert reset.status_code == 200 and reset.json().get("pending") is True and "code" not in reset.json()
    issued = ok(second.post(f"/api/apply/staff/approvals/{reset.json()['request_id']}/approve"))
    assert issued["account_id"] == clerk_id and issued["code"]
