"""Registering and activating candidate accounts, the way the province's profile says.

- 湖北 (identifiers: email): an account is e-mail + password + security question; it is bound to an exam record
  later by 在籍注册 (name + ID number + 准考证 must match an imported record). At most `max_accounts_per_exam_no`
  accounts per record; a second one needs a code sent to the record's phone (binding.py), one past the limit is
  refused without locking anyone out (the 2007 FAQ's lock stays an office action).
- 安徽, 重庆, 山西 (identifiers: ID number, 准考证): registering is 在籍注册 itself; the identifiers are the logins.

What a registration must be is judged in rules.py; this module reads the record and stores the account.
"""
from __future__ import annotations

from functions.apply.application.events import Notice
from functions.common.errors import BadInput, Conflict, Forbidden
from functions.common.session import Identity
from functions.common.time import beijing_day, shown
from functions.profiles.loader import Profile

from . import binding as binding_codes
from .guards import Guard
from .rules import (
    ACTIVATE,
    MISMATCH,
    RECORD_LOCKED,
    AccountKind,
    Registration,
    binds_at_registration,
    check_activation,
    phone_tail,
    record_matches,
    subject,
    too_many_accounts,
    tries_left,
)
from .store import AccountStore, NewAccount, TokenStore


def _matching_record(store: AccountStore, name: str | None, id_number: str | None, exam_no: str | None) -> dict | None:
    record = store.record(exam_no) if exam_no else None
    return record if record_matches(record, name or "", id_number or "") else None


def register(guard: Guard, store: AccountStore, profile: Profile, r: Registration, outbox=None) -> dict:
    """Create the account; for record provinces the record must match (failures count against the client). An
    identifier that already has an account is answered exactly as a new registration (a stranger must not learn
    that an e-mail or ID number is registered here); the owner is told instead (warn_owner)."""
    record = None
    if binds_at_registration(profile):
        record = _matching_record(store, r.name, r.id_number, r.exam_no)
        if record is None:
            guard.failed()
            raise BadInput(MISMATCH, field="name")
    values = {"email": r.email, "id_number": r.id_number, "exam_no": r.exam_no}
    logins = {kind: values[kind] for kind in profile.data["login"]["identifiers"]}
    new = NewAccount(kind=AccountKind.CANDIDATE, display_name=record["name"] if record else r.email, logins=logins,
                     password=r.password, exam_no=r.exam_no if record else None,
                     security_question=r.security_question, security_answer=r.security_answer, phone=r.phone,
                     agreed_at=guard.now if r.agreement else None)
    try:
        account_id = store.create(new, guard.now, max_per_record=profile.data["login"]["max_accounts_per_exam_no"])
    except Conflict:
        warn_owner(store, outbox, logins, r.exam_no if record else None, guard.now)
        return {"account_id": None, "activated": record is not None}
    return {"account_id": account_id, "activated": record is not None}


def warn_owner(store: AccountStore, outbox, logins: dict[str, str], exam_no: str | None, now: int) -> None:
    """Someone registered again with identifiers that have an account: an SMS to the owner (the account's phone,
    and the record's), at most one a day per account so that nobody can flood a phone with captchas, a portal
    message on the record, and an entry in the account's log."""
    owners = {a for a in (store.account_id_for(kind, value) for kind, value in logins.items()) if a}
    day, at = beijing_day(now).isoformat(), shown(now)
    for account_id in sorted(owners):
        account = store.load(account_id) or {}
        record_no = str(account.get("exam_no") or exam_no or "")
        phones = {str(account.get("phone") or ""), store.record_phone(record_no) if record_no else ""}
        for phone in sorted(p for p in phones if p):
            outbox.queue("register_attempt_warning", phone, {"when": at}, exam_no=record_no, account=account_id,
                         dedupe=f"register-attempt#{account_id}#{day}#{phone_tail(phone)}")
        store.log_account(account_id, "anonymous", "registration_refused_taken", now,
                          detail={"phones_told": len([p for p in phones if p])})
    if exam_no:
        store.post_message(exam_no, {"event": Notice.REGISTER_ATTEMPT.value, "stage": None,
                                     "status_text": f"{at} 有人用您的证件号和准考证号再次注册账号，未成功",
                                     "next_step": "您的账号不受影响。如果是您忘记了密码，请用“找回密码”",
                                     "reason": None}, now)


def activate(guard: Guard, store: AccountStore, profile: Profile, me: Identity, name: str, id_number: str,
             exam_no: str, code: str | None = None, *, tokens: TokenStore, outbox) -> dict:
    """在籍注册: bind a signed-in, not yet bound account to the matching record, within the record's limit. A record
    that already has an account binds one more only with the code sent to its phone (binding.py); answers the bound
    record, or that the code was sent."""
    if binds_at_registration(profile):
        raise Conflict("本省注册时已核对考籍，无需再激活")
    if me.exam_no:
        raise Conflict("该账号已激活考籍，无需重复激活")
    check_activation(name, id_number, exam_no)
    guard.check_client()
    who = subject("activate", me.account_id)
    guard.throttle.check(ACTIVATE, who)
    record = _matching_record(store, name, id_number, exam_no)
    if record is None:
        left = guard.failed(ACTIVATE, who)
        store.log_account(me.account_id, me, "activation_failed", guard.now)
        raise BadInput(tries_left(MISMATCH, left or 0), field="name")
    limit = profile.data["login"]["max_accounts_per_exam_no"]
    binding = store.binding(exam_no)
    if binding.get("locked"):
        raise Forbidden(RECORD_LOCKED)
    bound = list(binding.get("accounts") or [])
    if len(bound) >= limit:
        # Refused, never locked: the owner's accounts keep working (a lock is the office's decision).
        store.log_account(me.account_id, me, "activation_refused", guard.now, reason=f"已绑定 {limit} 个账号")
        raise Forbidden(too_many_accounts(limit))
    if bound:
        if not code:
            return binding_codes.send_code(tokens, outbox, store, me, record, guard.now)
        binding_codes.check_code(tokens, me, exam_no, code, guard.now)
    if not store.bind(me, exam_no, record["name"], limit, guard.now):
        raise Forbidden(too_many_accounts(limit))           # (bound by someone else meanwhile)
    if bound:
        binding_codes.tell_bound_accounts(store, outbox, exam_no, bound, guard.now)
    return {"exam_no": exam_no, "name": record["name"]}
