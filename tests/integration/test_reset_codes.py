"""Issue 15 item 4: a reset code never lets staff become the candidate. The office asks for a code; it goes by SMS
to the phone on the record (the outbox, kind reset_code) and the owner reads a portal message; the office's screen
shows only where it went, so the clerk cannot set the password and sign in as the candidate.
"""
from __future__ import annotations

import time

from support.applying import candidate, ok, staff
from support.portal_client import client, fresh_address, solved_captcha

from functions.apply.effects.store import TableOutbox
from functions.common.time import beijing_day


def sms(table, to: str, kind: str) -> list[dict]:
    today = beijing_day(int(time.time())).isoformat()
    return [m for m in TableOutbox(table, time.time).day(today) if m["to"] == to and m.get("message_kind") == kind]


def test_a_candidates_reset_code_goes_to_the_candidates_phone_and_never_to_the_clerks_screen(portal, table):
    owner = candidate(portal, table, "420100")
    clerk = staff(portal, table, "reset-clerk", "city", ["420100"])
    answer = clerk.post(f"/api/apply/staff/accounts/{owner.account_id}/reset-code")
    assert answer.status_code == 200, answer.text
    shown = answer.json()
    assert "code" not in shown and shown["sent"] is True and shown["phone_tail"] == owner.who["phone"][-4:]
    [sent] = sms(table, owner.who["phone"], "reset_code")
    assert set(sent["variables"]) == {"code", "hours"} and owner.who["id_number"][-4:] not in sent["text"]
    messages = ok(owner.get("/api/apply/messages"))["messages"]
    assert messages[0]["event"] == "reset_code_sent" and "一次性验证码" in messages[0]["status_text"]
    with client(portal, fresh_address()) as http:                 # the owner, with the code from their phone
        done = http.post("/api/apply/password-reset/code", json={
            "kind": "email", "identifier": f"walk{owner.who['exam_no']}@test.biye.cn",
            "code": sent["variables"]["code"], "new_password": "Owner-pass-2026", **solved_captcha(http)})
        assert done.status_code == 200, done.text
