"""Getting back into an account: by security question (湖北) or by a one-time code from staff (every province).

Both set a new password and end every session of the account. A question ticket allows 3 answers; a staff code
is single use, expires in 24 hours and is burned after 5 wrong tries; the answer and code are never stored plain.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.transact import delete
from functions.common.errors import BadInput, Conflict, NotFound
from functions.common.session import Identity, token_hash

from .guards import RESET, Guard
from .store import account_id_for, load_account, normalise_answer, secret_matches, set_password
from .throttle import add_one, subject

TICKET_SECONDS = 10 * 60
TICKET_ANSWERS = 3
CODE_SECONDS = 24 * 60 * 60
CODE_TRIES = 5
CODE_ALPHABET = "346789ACDEFGHJKMNPQRTUVWXY"   # no look-alikes: read out over the phone
CODE_LENGTH = 10                               # 26^10 ≈ 2^47, and only 5 tries


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().replace("-", "").replace(" ", "").encode()).hexdigest()


def start_question(guard: Guard, email: str) -> dict:
    """After a captcha: the account's security question and a ticket to answer it with."""
    account = load_account(guard.table, account_id_for(guard.table, "email", email))
    if account is None or not account.get("security_answer_hash"):
        guard.failed()
        # Registration already tells whether an e-mail is taken, so saying so here reveals nothing new.
        raise NotFound("没有找到用该邮箱注册并设置了安全问题的账号", field="email")
    account_id = account[keys.PK].split("#", 1)[1]
    guard.throttle.check(RESET, subject("reset", account_id))
    ticket = secrets.token_urlsafe(24)
    guard.table.put_item(Item={**keys.reset_ticket(token_hash(ticket)), "kind": "reset_ticket",
                               "account_id": account_id, "answers": 0, keys.TTL_ATTRIBUTE: guard.now + TICKET_SECONDS})
    return {"ticket": ticket, "question": account["security_question"], "expires_at": guard.now + TICKET_SECONDS}


def finish_question(guard: Guard, ticket: str, answer: str, new_password: str) -> None:
    key = keys.reset_ticket(token_hash(ticket))
    item = guard.table.get_item(Key=key, ConsistentRead=True).get("Item")
    if item is None or int(item[keys.TTL_ATTRIBUTE]) <= guard.now:
        raise BadInput("找回密码的页面已过期，请重新开始", field="ticket")
    account_id = item["account_id"]
    who = subject("reset", account_id)
    guard.throttle.check(RESET, who)
    account = load_account(guard.table, account_id)
    if not secret_matches(account.get("security_answer_hash") if account else None, normalise_answer(answer)):
        guard.failed(RESET, who)
        answers = add_one(guard.table, key, "answers")
        guard.table.put_item(Item=log_item(keys.account(account_id)[keys.PK], "anonymous", "reset_answer_wrong", guard.now))
        if answers >= TICKET_ANSWERS:
            guard.table.delete_item(Key=key)
            raise BadInput("安全问题答案不正确，次数已用完，请重新开始", field="answer")
        raise BadInput(f"安全问题答案不正确（还可尝试 {TICKET_ANSWERS - answers} 次）", field="answer")
    set_password(guard.table, account_id, new_password, guard.now, "anonymous", "password_reset_by_question",
                 extra_writes=[delete(guard.table, key, "attribute_exists(PK)")])
    guard.throttle.clear(RESET, who)


def issue_code(table, staff: Identity, account_id: str, now: int, action: str = "reset_code_issued") -> dict:
    """A new one-time code for the account (replacing any earlier one); shown once, to be handed over in person."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    table.put_item(Item={**keys.reset_code(account_id), "kind": "reset_code", "code_hash": _code_hash(code),
                         "tries": 0, "issued_by": staff.account_id, keys.TTL_ATTRIBUTE: now + CODE_SECONDS})
    table.put_item(Item=log_item(keys.account(account_id)[keys.PK], staff, action, now))
    return {"code": f"{code[:5]}-{code[5:]}", "expires_at": now + CODE_SECONDS}


def reset_with_code(guard: Guard, kind: str, identifier: str, code: str, new_password: str) -> None:
    """Set a new password with a staff-issued code (also how new staff set their first password)."""
    who = subject("code", kind, identifier)
    guard.throttle.check(RESET, who)
    account_id = account_id_for(guard.table, kind, identifier)
    key = keys.reset_code(account_id or "none")
    item = guard.table.get_item(Key=key, ConsistentRead=True).get("Item") if account_id else None
    live = item is not None and int(item[keys.TTL_ATTRIBUTE]) > guard.now
    if not live or not hmac.compare_digest(item["code_hash"], _code_hash(code)):
        guard.failed(RESET, who)
        if live:
            tries = add_one(guard.table, key, "tries")
            if tries >= CODE_TRIES:
                guard.table.delete_item(Key=key)
            guard.table.put_item(Item=log_item(keys.account(account_id)[keys.PK], "anonymous", "reset_code_wrong", guard.now))
        raise BadInput("账号或一次性验证码不正确（验证码 24 小时内有效，只能使用一次）", field="code")
    try:
        set_password(guard.table, account_id, new_password, guard.now, "anonymous", "password_reset_by_code",
                     extra_writes=[delete(guard.table, key, "code_hash = :h", values={":h": item["code_hash"]})])
    except Conflict:
        raise BadInput("该一次性验证码已被使用，请联系自考办重新发放", field="code") from None
    guard.throttle.clear(RESET, who)
