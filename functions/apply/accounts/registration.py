"""Registering and activating candidate accounts, the way the province's profile says.

- 湖北 (identifiers: email): an account is e-mail + password + security question; it is bound to an exam record
  later by 在籍注册 (name + ID number + 准考证 must match an imported record). At most `max_accounts_per_exam_no`
  accounts per record; one more attempt locks the record until the candidate's office unlocks it (2007 FAQ).
- 安徽, 重庆, 山西 (identifiers: ID number, 准考证): registering is 在籍注册 itself; the identifiers are the logins.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.transact import TransactionConflict, put, update, write_all
from functions.common.errors import BadInput, Conflict, Forbidden
from functions.common.ids import email_problem, exam_no_problem, id_number_problem, phone_problem
from functions.common.session import Identity
from functions.profiles.loader import Profile

from .guards import ACTIVATE, Guard
from .store import NewAccount, bind_record, create_account, password_problem
from .throttle import subject

RECORD_KINDS = ("id_number", "exam_no")
MISMATCH = "姓名、身份证号、准考证号与考籍档案不一致，请核对（须与报名时登记的一致）"


@dataclass(frozen=True)
class Registration:
    password: str
    email: str | None = None
    security_question: str | None = None
    security_answer: str | None = None
    name: str | None = None
    id_number: str | None = None
    exam_no: str | None = None
    phone: str | None = None


def binds_at_registration(profile: Profile) -> bool:
    return any(kind in RECORD_KINDS for kind in profile.data["login"]["identifiers"])


def clean_name(name: str | None) -> str:
    return unicodedata.normalize("NFKC", name or "").strip()


def check_registration(profile: Profile, r: Registration, today) -> Registration:
    """The registration with identifiers normalised, or a 422 naming the first field that is wrong."""
    login = profile.data["login"]
    problems = []
    if "email" in login["identifiers"]:
        problems.append(("email", email_problem((r.email or "").strip())))
    if login["security_question"]:
        if not (2 <= len((r.security_question or "").strip()) <= 50):
            problems.append(("security_question", "请填写安全问题（2–50 个字）"))
        if not (2 <= len((r.security_answer or "").strip()) <= 50):
            problems.append(("security_answer", "请填写安全问题答案（2–50 个字）"))
    if binds_at_registration(profile):
        problems += [("name", None if 1 <= len(clean_name(r.name)) <= 30 else "请填写姓名（与准考证上一致）"),
                     ("id_number", id_number_problem((r.id_number or "").strip().upper(), today)),
                     ("exam_no", exam_no_problem((r.exam_no or "").strip()))]
    if r.phone:
        problems.append(("phone", phone_problem(r.phone.strip())))
    problems.append(("password", password_problem(r.password)))
    for field, problem in problems:
        if problem:
            raise BadInput(problem, field=field)
    return Registration(password=r.password, email=(r.email or "").strip().lower() or None,
                        security_question=(r.security_question or "").strip() or None,
                        security_answer=r.security_answer, name=clean_name(r.name) or None,
                        id_number=(r.id_number or "").strip().upper() or None,
                        exam_no=(r.exam_no or "").strip() or None, phone=(r.phone or "").strip() or None)


def matching_record(table, name: str, id_number: str, exam_no: str) -> dict | None:
    record = table.get_item(Key=keys.candidate(exam_no), ConsistentRead=True).get("Item")
    if record and clean_name(record["name"]) == name and str(record["id_number"]).upper() == id_number:
        return record
    return None


def register(guard: Guard, profile: Profile, r: Registration) -> dict:
    """Create the account; for record provinces the record must match (failures count against the client)."""
    table, now = guard.table, guard.now
    record = None
    if binds_at_registration(profile):
        record = matching_record(table, r.name, r.id_number, r.exam_no)
        if record is None:
            guard.failed()
            raise BadInput(MISMATCH, field="name")
    values = {"email": r.email, "id_number": r.id_number, "exam_no": r.exam_no}
    logins = {kind: values[kind] for kind in profile.data["login"]["identifiers"]}
    new = NewAccount(kind="candidate", display_name=record["name"] if record else r.email, logins=logins,
                     password=r.password, exam_no=r.exam_no if record else None,
                     security_question=r.security_question, security_answer=r.security_answer, phone=r.phone)
    taken = "该邮箱已注册，请直接登录；忘记密码请用“找回密码”" if not record else \
        "该身份证号或准考证号已注册账号，请直接登录；忘记密码请用“找回密码”"
    account_id = create_account(table, new, now, max_per_record=profile.data["login"]["max_accounts_per_exam_no"],
                                conflict=taken)
    return {"account_id": account_id, "activated": record is not None}


def activate(guard: Guard, profile: Profile, me: Identity, name: str, id_number: str, exam_no: str) -> dict:
    """在籍注册: bind a signed-in, not yet bound account to the matching record, within the record's limit."""
    if binds_at_registration(profile):
        raise Conflict("本省注册时已核对考籍，无需再激活")
    if me.exam_no:
        raise Conflict("该账号已激活考籍，无需重复激活")
    for field, problem in (("id_number", id_number_problem(id_number, None)), ("exam_no", exam_no_problem(exam_no))):
        if problem:
            raise BadInput(problem, field=field)
    guard.check_client()
    who = subject("activate", me.account_id)
    guard.throttle.check(ACTIVATE, who)
    record = matching_record(guard.table, clean_name(name), id_number, exam_no)
    if record is None:
        left = guard.failed(ACTIVATE, who)
        guard.table.put_item(Item=log_item(keys.account(me.account_id)[keys.PK], me, "activation_failed", guard.now))
        raise BadInput(MISMATCH + (f"（还可尝试 {left} 次）" if left <= 3 else ""), field="name")
    limit = profile.data["login"]["max_accounts_per_exam_no"]
    writes = [bind_record(guard.table, exam_no, me.account_id, limit),
              update(guard.table, keys.account(me.account_id), "SET exam_no = :e, display_name = :n",
                     "attribute_not_exists(exam_no)", values={":e": exam_no, ":n": record["name"]}),
              put(guard.table, log_item(keys.account(me.account_id)[keys.PK], me, "activated", guard.now,
                                        after={"exam_no": exam_no}))]
    try:
        write_all(guard.table, writes, "该账号已激活考籍")
    except TransactionConflict as conflict:
        if 0 in conflict.failed:
            _lock(guard, me, exam_no, limit)
        raise
    guard.table.put_item(Item=log_item(keys.candidate(exam_no)[keys.PK], me, "account_bound", guard.now))
    return {"exam_no": exam_no, "name": record["name"]}


def _lock(guard: Guard, me: Identity, exam_no: str, limit: int) -> None:
    """One account more than the limit locks the record until its office unlocks it (湖北 2007 FAQ)."""
    writes = [update(guard.table, keys.record_accounts(exam_no), "SET locked = :yes, locked_at = :now",
                     "attribute_exists(PK)", values={":yes": True, ":now": guard.now}),
              put(guard.table, log_item(keys.candidate(exam_no)[keys.PK], me, "record_locked", guard.now,
                                        reason=f"注册账号超过 {limit} 个"))]
    write_all(guard.table, writes, "考籍状态已变化")
    raise Forbidden(f"同一准考证最多注册 {limit} 个账号，该考籍已被锁定。请携带身份证到档案所在地自考办解锁。")
