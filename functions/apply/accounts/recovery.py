"""Getting back into an account: by security question (湖北) or by a one-time code (every province): a candidate's
code goes by SMS to the phone on the record (staff only ask for it), a new staff member's is handed over in person.

By security question, in three steps so that nobody learns whether an e-mail has an account, nor its question,
without holding the account's phone: the e-mail (and a captcha) gives a ticket and sends a six-digit code by SMS,
always the same answer; the code shows the question; the answer and a new password reset.

Both set a new password, end every session of the account and revoke its trusted browsers. A question ticket
allows 5 codes and 3 answers; a staff code is single use, expires in 24 hours and is burned after 5 wrong tries
(rules.py); the answer and codes are never stored plain.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from functions.apply.application.events import Notice
from functions.common.errors import BadInput, Conflict, TooMany
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
    RESET_CODE_DIGITS,
    RESET_CODE_NEUTRAL,
    RESET_CODE_TRIES,
    RESET_EXPIRED,
    TICKET_ANSWERS,
    TICKET_SECONDS,
    code_digest,
    mask_identifier,
    normalise_answer,
    phone_tail,
    require_password,
    shown_code,
    subject,
)
from .store import AccountStore, TokenStore


def start_question(guard: Guard, store: AccountStore, outbox, email: str) -> dict:
    """After a captcha: a ticket, and a six-digit code by SMS to the account's phone (else the bound record's). The
    answer is the same for an e-mail nobody registered, one without a phone and one with: who asks learns nothing
    about the account until they prove they hold its phone (verify_code), and only then see its question."""
    who = subject("reset", email)
    guard.throttle.check(RESET, who)
    account = store.load(store.account_id_for("email", email))
    if account is None or not account.get("security_answer_hash"):
        account = None
    ticket, code = secrets.token_urlsafe(24), f"{secrets.randbelow(10 ** RESET_CODE_DIGITS):0{RESET_CODE_DIGITS}d}"
    digest = token_hash(ticket)
    guard.tokens.put_ticket(digest, account["account_id"] if account else "", who,
                            _ticket_code(digest, code if account else secrets.token_hex(16)),
                            guard.now + TICKET_SECONDS)
    if account is not None:
        _send_reset_code(store, outbox, account, code, guard.now)
    else:
        store.log_security("reset_asked_unknown", guard.now, identifier=mask_identifier("email", email))
    return {"ticket": ticket, "next": RESET_CODE_NEUTRAL, "expires_at": guard.now + TICKET_SECONDS}


def _ticket_code(ticket_digest: str, code: str) -> str:
    # Bound to the ticket: a code read from one SMS answers only the ticket it was sent for.
    return hashlib.sha256(f"{ticket_digest}\x1f{code.strip()}".encode()).hexdigest()


def _send_reset_code(store: AccountStore, outbox, account: dict, code: str, now: int) -> None:
    exam_no = str(account.get("exam_no") or "")
    phone = str(account.get("phone") or "") or (store.record_phone(exam_no) if exam_no else "")
    account_id = account["account_id"]
    if not phone:
        store.log_account(account_id, "anonymous", "reset_code_not_sent", now, reason="账号和考籍都没有手机号")
        return
    try:     # each ticket its own message: two asked in one second were one, and the second code never arrived
        outbox.queue("reset_code", phone, {"code": code, "hours": str(TICKET_SECONDS // 3600)},
                     dedupe=f"reset-question#{account_id}#{now}#{secrets.token_hex(4)}", exam_no=exam_no,
                     account=account_id)
    except TooMany:
        # Over the SMS limits: said to nobody (the answer stays the same), kept in the account's log.
        store.log_account(account_id, "anonymous", "reset_code_not_sent", now, reason="短信发送次数已达上限")
        return
    store.log_account(account_id, "anonymous", "reset_code_sent", now, detail={"phone_tail": phone_tail(phone)})


def verify_code(guard: Guard, store: AccountStore, ticket: str, code: str) -> dict:
    """The code from the SMS: right, the ticket may now answer the question, which is shown; wrong 5 times (or the
    ticket of an e-mail without an account, whose code matches nothing), the ticket is gone."""
    digest = token_hash(ticket)
    item = guard.tokens.ticket(digest, guard.now)
    if item is None:
        raise BadInput(RESET_EXPIRED, field="code")
    guard.throttle.check(RESET, item["who"])
    if not hmac.compare_digest(item["code_hash"], _ticket_code(digest, code)):
        guard.failed(RESET, item["who"])
        if item["account_id"]:
            store.log_account(item["account_id"], "anonymous", "reset_code_wrong", guard.now)
        if guard.tokens.count_code_try(digest) >= RESET_CODE_TRIES:
            guard.tokens.drop_ticket(digest)
            raise BadInput("验证码错误次数过多，请重新开始", field="code")
        raise BadInput("验证码不正确，请核对短信中的 6 位数字", field="code")
    account = store.load(item["account_id"])
    if account is None or not account.get("security_question"):      # (deleted since the ticket was made)
        guard.tokens.drop_ticket(digest)
        raise BadInput(RESET_EXPIRED, field="code")
    guard.tokens.verify_ticket(digest)
    return {"question": account["security_question"]}


def finish_question(guard: Guard, store: AccountStore, ticket: str, answer: str, new_password: str) -> None:
    digest = token_hash(ticket)
    item = guard.tokens.ticket(digest, guard.now)
    if item is None or not item.get("verified"):
        raise BadInput(RESET_EXPIRED, field="ticket")
    account_id = item["account_id"]
    who = item["who"]
    guard.throttle.check(RESET, who)
    # A weak new password is said before the answer is judged, so it costs no try.
    require_password(new_password, "new_password", store.personal_numbers(account_id))
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
    outbox.queue("reset_code", phone, {"code": shown_code(code), "hours": hours},
                 dedupe=f"reset#{account_id}#{now}#{secrets.token_hex(4)}",
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
