"""Accounts in DynamoDB (the China partition has no Cognito user pools): creation, passwords, revocation.

Passwords and security answers are hashed with Argon2id (argon2-cffi, RFC 9106 low-memory profile); nothing here
logs them. An account bound to an exam record counts against the record's limit in the same transaction.
"""
from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from boto3.dynamodb.conditions import Key

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.store import every_item
from functions.common.dynamo.transact import put, update, write_all
from functions.common.errors import BadInput, NotFound
from functions.common.session import Identity


@lru_cache(maxsize=1)
def _hasher():
    """Imported on first use: argon2's C bindings are not needed to answer most requests (cold start)."""
    from argon2 import PasswordHasher
    return PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=1)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the identifier is unknown, so a wrong name costs as long as a wrong password.
    Made on first use, not at import: it costs as much as a sign-in and would slow every cold start."""
    return _hasher().hash(secrets.token_hex(16))


def hash_secret(value: str) -> str:
    return _hasher().hash(value)


def secret_matches(stored: str | None, value: str) -> bool:
    """Constant work whether or not there is a stored hash."""
    from argon2.exceptions import InvalidHashError, VerificationError
    try:
        return bool(_hasher().verify(stored or _dummy_hash(), value)) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def normalise_answer(answer: str) -> str:
    """Security answers compare without regard to width, case or spaces (“北京 ” = “北京”, “Ａ” = “a”)."""
    return "".join(unicodedata.normalize("NFKC", answer).casefold().split())


def password_problem(password: str) -> str | None:
    if not isinstance(password, str) or len(password) < 8:
        return "密码至少 8 位"
    if len(password) > 128:
        return "密码不能超过 128 位"
    kinds = sum(any(test(c) for c in password) for test in (str.isdigit, str.islower, str.isupper))
    kinds += any(not c.isalnum() for c in password)
    if kinds < 2:
        return "密码须包含字母、数字、符号中的至少两类"
    if len(set(password)) < 4:
        return "密码过于简单，请不要重复同一个字符"
    return None


@dataclass(frozen=True)
class NewAccount:
    kind: str                     # candidate | staff
    display_name: str
    logins: dict[str, str]        # identifier kind → value, e.g. {"id_number": "...", "exam_no": "..."}
    password: str
    exam_no: str | None = None    # a candidate account bound to an exam record at creation
    role: str | None = None
    offices: tuple[str, ...] = ()
    universities: tuple[str, ...] = ()
    security_question: str | None = None
    security_answer: str | None = None
    phone: str | None = None


def bind_record(table, exam_no: str, account_id: str, max_accounts: int) -> dict:
    """The counter update that binds one more account to an exam record, refused past the limit or when locked."""
    return update(table, keys.record_accounts(exam_no),
                  "SET #n = if_not_exists(#n, :zero) + :one, accounts = list_append(if_not_exists(accounts, :empty), :me),"
                  " locked = if_not_exists(locked, :no)",
                  "attribute_not_exists(PK) OR (#n < :max AND locked = :no)",
                  names={"#n": "count"},
                  values={":zero": 0, ":one": 1, ":empty": [], ":me": [account_id], ":max": max_accounts, ":no": False})


def create_account(table, new: NewAccount, now: int, *, max_per_record: int = 1, conflict: str = "该账号已存在",
                   actor: Identity | str | None = None) -> str:
    """Store the account, one item per sign-in identifier and (if bound) the record's counter: all or nothing."""
    problem = password_problem(new.password)
    if problem:
        raise BadInput(problem, field="password")
    account_id = secrets.token_hex(12)
    account = {**keys.account(account_id), "kind": "account", "who": new.kind, "display_name": new.display_name,
               "password_hash": hash_secret(new.password), "exam_no": new.exam_no, "role": new.role,
               "offices": list(new.offices), "universities": list(new.universities), "created_at": now,
               "logins": dict(new.logins), "status": "active", "phone": new.phone, "security_question": new.security_question,
               "security_answer_hash": hash_secret(normalise_answer(new.security_answer)) if new.security_answer else None}
    if new.kind == "staff":
        account.update({**keys.staff_accounts(), keys.GSI1SK: next(iter(new.logins.values()))})
    account = {k: v for k, v in account.items() if v is not None}
    writes = [put(table, account, "attribute_not_exists(PK)")]
    writes += [put(table, {**keys.login(kind, value), "kind": "login", "account_id": account_id},
                   "attribute_not_exists(PK)") for kind, value in new.logins.items()]
    if new.exam_no:
        writes.append(bind_record(table, new.exam_no, account_id, max_per_record))
    writes.append(put(table, log_item(keys.account(account_id)[keys.PK], actor or account_id, "account_created", now,
                                      after={"who": new.kind, "role": new.role, "bound": bool(new.exam_no)})))
    write_all(table, writes, conflict)
    return account_id


def account_id_for(table, kind: str, identifier: str) -> str | None:
    link = table.get_item(Key=keys.login(kind, identifier), ConsistentRead=True).get("Item")
    return link["account_id"] if link else None


def load_account(table, account_id: str | None) -> dict | None:
    if not account_id:
        return None
    return table.get_item(Key=keys.account(account_id), ConsistentRead=True).get("Item")


def require_account(table, account_id: str) -> dict:
    account = load_account(table, account_id)
    if account is None:
        raise NotFound("找不到该账号")
    return account


def identity_of(account: dict) -> Identity:
    return Identity(account_id=account[keys.PK].split("#", 1)[1], kind=account["who"],
                    display_name=account["display_name"], exam_no=account.get("exam_no"), role=account.get("role"),
                    offices=tuple(account.get("offices") or ()), universities=tuple(account.get("universities") or ()))


def revoke_sessions(table, account_id: str, keep: str | None = None) -> int:
    """Delete every session of the account (but `keep`, a session hash): a copied cookie stops working too."""
    revoked = 0
    for item in every_item(table.query, IndexName=keys.GSI1, KeyConditionExpression=Key(keys.GSI1PK).eq(
            keys.account_sessions(account_id)[keys.GSI1PK])):
        if item[keys.PK] != keys.session(keep or "")[keys.PK]:
            table.delete_item(Key={keys.PK: item[keys.PK], keys.SK: item[keys.SK]})
            revoked += 1
    return revoked


def set_password(table, account_id: str, password: str, now: int, actor: Identity | str, action: str,
                 extra_writes: list[dict] = (), keep_session: str | None = None) -> None:
    """Replace the password (with `extra_writes`, e.g. using up a code, in one transaction); end other sessions."""
    problem = password_problem(password)
    if problem:
        raise BadInput(problem, field="new_password")
    writes = [update(table, keys.account(account_id), "SET password_hash = :h, password_changed_at = :now",
                     "attribute_exists(PK)", values={":h": hash_secret(password), ":now": now}),
              *extra_writes,
              put(table, log_item(keys.account(account_id)[keys.PK], actor, action, now))]
    write_all(table, writes, "操作已失效，请重新开始")
    revoke_sessions(table, account_id, keep=keep_session)
