"""Registering and activating candidate accounts, the way the province's profile says.

- 湖北 (identifiers: email): an account is e-mail + password + security question; it is bound to an exam record
  later by 在籍注册 (name + ID number + 准考证 must match an imported record). At most `max_accounts_per_exam_no`
  accounts per record; one more attempt locks the record until the candidate's office unlocks it (2007 FAQ).
- 安徽, 重庆, 山西 (identifiers: ID number, 准考证): registering is 在籍注册 itself; the identifiers are the logins.

What a registration must be is judged in rules.py; this module reads the record and stores the account.
"""
from __future__ import annotations

from functions.common.errors import BadInput, Conflict, Forbidden
from functions.common.session import Identity
from functions.profiles.loader import Profile

from .guards import Guard
from .rules import (
    ACTIVATE,
    MISMATCH,
    AccountKind,
    Registration,
    binds_at_registration,
    check_activation,
    record_matches,
    subject,
    too_many_accounts,
    tries_left,
)
from .store import AccountStore, NewAccount


def _matching_record(store: AccountStore, name: str | None, id_number: str | None, exam_no: str | None) -> dict | None:
    record = store.record(exam_no) if exam_no else None
    return record if record_matches(record, name or "", id_number or "") else None


def register(guard: Guard, store: AccountStore, profile: Profile, r: Registration) -> dict:
    """Create the account; for record provinces the record must match (failures count against the client)."""
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
                     security_question=r.security_question, security_answer=r.security_answer, phone=r.phone)
    taken = "该邮箱已注册，请直接登录；忘记密码请用“找回密码”" if not record else \
        "该身份证号或准考证号已注册账号，请直接登录；忘记密码请用“找回密码”"
    account_id = store.create(new, guard.now, max_per_record=profile.data["login"]["max_accounts_per_exam_no"],
                              conflict=taken)
    return {"account_id": account_id, "activated": record is not None}


def activate(guard: Guard, store: AccountStore, profile: Profile, me: Identity, name: str, id_number: str,
             exam_no: str) -> dict:
    """在籍注册: bind a signed-in, not yet bound account to the matching record, within the record's limit."""
    if binds_at_registration(profile):
        raise Conflict("本省注册时已核对考籍，无需再激活")
    if me.exam_no:
        raise Conflict("该账号已激活考籍，无需重复激活")
    check_activation(id_number, exam_no)
    guard.check_client()
    who = subject("activate", me.account_id)
    guard.throttle.check(ACTIVATE, who)
    record = _matching_record(store, name, id_number, exam_no)
    if record is None:
        left = guard.failed(ACTIVATE, who)
        store.log_account(me.account_id, me, "activation_failed", guard.now)
        raise BadInput(tries_left(MISMATCH, left or 0), field="name")
    limit = profile.data["login"]["max_accounts_per_exam_no"]
    if not store.bind(me, exam_no, record["name"], limit, guard.now):
        # One account more than the limit locks the record until its office unlocks it (湖北 2007 FAQ).
        store.lock_record(exam_no, me, f"注册账号超过 {limit} 个", guard.now)
        raise Forbidden(too_many_accounts(limit))
    return {"exam_no": exam_no, "name": record["name"]}
