"""Getting back into an account: by security question (湖北) or by a one-time code (every province): a candidate's
code goes by SMS to the phone on the record (staff only ask for it), a new staff member's is handed over in person.

Both set a new password and end every session of the account. A question ticket allows 3 answers; a staff code
is single use, expires in 24 hours and is burned after 5 wrong tries (rules.py); the answer and code are never
stored plain.
"""
from __future__ import annotations

import hmac
import secrets

from functions.apply.application.events import Notice
from functions.common.errors import BadInput, Conflict, NotFound
from functions.common.session import Identity, token_hash
from functions.common.time import shown

from . import passwords
from .guards import Guard
from .rules import (
    CODE_ALPHABET,
    CODE_LENGTH,
    CODE_SECONDS,
    CODE_TRIES,
    RESET,
    TICKET_ANSWERS,
    TICKET_SECONDS,
    code_digest,
    normalise_answer,
    phone_tail,
    shown_code,
    subject,
)
from .store import AccountStore, TokenStore


def start_question(guard: Guard, store: AccountStore, email: str) -> dict:
    """After a captcha: the account's security question and a ticket to answer it with."""
    account = store.load(store.account_id_for("email", email))
    if account is None or not account.get("security_answer_hash"):
        guard.failed()
        # Registration already tells whether an e-mail is taken, so saying so here reveals nothing new.
        raise NotFound("没有找到用该邮箱注册并设置了安全问题的账号", field="email")
    guard.throttle.check(RESET, subject("reset", account["account_id"]))
    ticket = secrets.token_urlsafe(24)
    guard.tokens.put_ticket(token_hash(ticket), account["account_id"], guard.now + TICKET_SECONDS)
    return {"ticket": ticket, "question": account["security_question"], "expires_at": guard.now + TICKET_SECONDS}


def finish_question(guard: Guard, store: AccountStore, ticket: str, answer: str, new_password: str) -> None:
    digest = token_hash(ticket)
    item = guard.tokens.ticket(digest, guard.now)
    if item is None:
        raise BadInput("找回密码的页面已过期，请重新开始", field="ticket")
    account_id = item["account_id"]
    who = subject("reset", account_id)
    guard.throttle.check(RESET, who)
    account = store.load(account_id)
    if not passwords.secret_matches(account.get("security_answer_hash") if account else None,
                                    normalise_answer(answer)):
        guard.failed(RESET, who)
        answers = guard.tokens.count_answer(digest)
        store.log_account(account_id, "anonymous", "reset_answer_wrong", guard.now)
        if answers >= TICKET_ANSWERS:
            guard.tokens.drop_ticket(digest)
            raise BadInput("安全问题答案不正确，次数已用完，请重新开始", field="answer")
        raise BadInput(f"安全问题答案不正确（还可尝试 {TICKET_ANSWERS - answers} 次）", field="answer")
    store.set_password(account_id, new_password, guard.now, "anonymous", "password_reset_by_question",
                       also=(guard.tokens.use_ticket(digest),))
    guard.throttle.clear(RESET, who)


def send_code(tokens: TokenStore, store: AccountStore, outbox, staff: Identity, account: dict, now: int) -> dict:
    """A candidate's code goes to the candidate, never to the member of staff who asked for it: an SMS to the phone
    on the record (else the account's own phone) and a portal message on the record; staff read only where it went
    (SMS kind `reset_code` {code, hours}). A candidate without a phone is helped at the counter after the office
    corrects the phone on the record."""
    phone = store.record_phone(account["exam_no"]) or str(account.get("phone") or "")
    if not phone:
        raise Conflict("该考生的考籍档案和账号中都没有手机号，无法发送验证码：请考生携带身份证到考试机构办理",
                       field="phone")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    account_id, hours = account["account_id"], str(CODE_SECONDS // 3600)
    tokens.put_code(account_id, code_digest(code), staff.account_id, now + CODE_SECONDS)
    outbox.queue("reset_code", phone, {"code": shown_code(code), "hours": hours}, dedupe=f"reset#{account_id}#{now}",
                 exam_no=account["exam_no"], account=account_id)
    store.post_message(account["exam_no"], {
        "event": Notice.RESET_CODE_SENT.value, "stage": None,
        "status_text": f"{shown(now)} 考试机构为您的账号发送了找回密码的一次性验证码（短信）",
        "next_step": "如果不是您本人申请的，请不要使用该验证码，并立即联系档案所在地自考办", "reason": None}, now)
    store.log_account(account_id, staff, "reset_code_sent", now, detail={"phone_tail": phone_tail(phone)})
    return {"sent": True, "phone_tail": phone_tail(phone), "expires_at": now + CODE_SECONDS}


def issue_code(tokens: TokenStore, store: AccountStore, staff: Identity, account_id: str, now: int,
               action: str = "reset_code_issued") -> dict:
    """A new one-time code for the account (replacing any earlier one); shown once, to be handed over in person."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    tokens.put_code(account_id, code_digest(code), staff.account_id, now + CODE_SECONDS)
    store.log_account(account_id, staff, action, now)
    return {"code": shown_code(code), "expires_at": now + CODE_SECONDS}


def reset_with_code(guard: Guard, store: AccountStore, kind: str, identifier: str, code: str,
                    new_password: str) -> None:
    """Set a new password with a staff-issued code (also how new staff set their first password)."""
    who = subject("code", kind, identifier)
    guard.throttle.check(RESET, who)
    account_id = store.account_id_for(kind, identifier)
    expected = guard.tokens.code_digest(account_id, guard.now) if account_id else None
    if expected is None or not hmac.compare_digest(expected, code_digest(code)):
        guard.failed(RESET, who)
        if expected is not None:
            if guard.tokens.count_try(account_id) >= CODE_TRIES:
                guard.tokens.drop_code(account_id)
            store.log_account(account_id, "anonymous", "reset_code_wrong", guard.now)
        raise BadInput("账号或一次性验证码不正确（验证码 24 小时内有效，只能使用一次）", field="code")
    try:
        store.set_password(account_id, new_password, guard.now, "anonymous", "password_reset_by_code",
                           also=(guard.tokens.use_code(account_id, expected),))
    except Conflict:
        raise BadInput("该一次性验证码已被使用，请联系自考办重新发放", field="code") from None
    guard.throttle.clear(RESET, who)
