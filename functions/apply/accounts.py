"""Accounts in DynamoDB (the China partition has no Cognito user pools): creation and password checks.

Passwords are hashed with Argon2id (argon2-cffi, RFC 9106 low-memory profile); nothing here logs them.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import lru_cache

from functions.common import keys
from functions.common.errors import BadInput
from functions.common.session import Identity
from functions.common.transact import put, write_all


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


def password_problem(password: str) -> str | None:
    if not isinstance(password, str) or len(password) < 8:
        return "密码至少 8 位"
    if len(password) > 128:
        return "密码不能超过 128 位"
    kinds = sum(any(test(c) for c in password) for test in (str.isdigit, str.islower, str.isupper))
    kinds += any(not c.isalnum() for c in password)
    if kinds < 2:
        return "密码须包含字母、数字、符号中的至少两类"
    return None


@dataclass(frozen=True)
class NewAccount:
    kind: str                     # candidate | staff
    display_name: str
    logins: dict[str, str]        # identifier kind → value, e.g. {"id_number": "...", "exam_no": "..."}
    password: str
    exam_no: str | None = None
    role: str | None = None
    offices: tuple[str, ...] = ()
    universities: tuple[str, ...] = ()


def create_account(table, new: NewAccount, now: int) -> str:
    """Store the account and one item per sign-in identifier in one transaction: all or nothing."""
    problem = password_problem(new.password)
    if problem:
        raise BadInput(problem, field="password")
    account_id = secrets.token_hex(12)
    account = {**keys.account(account_id), "kind": "account", "who": new.kind, "display_name": new.display_name,
               "password_hash": _hasher().hash(new.password), "exam_no": new.exam_no, "role": new.role,
               "offices": list(new.offices), "universities": list(new.universities), "created_at": now}
    account = {k: v for k, v in account.items() if v is not None}
    writes = [put(table, account, "attribute_not_exists(PK)")]
    writes += [put(table, {**keys.login(kind, value), "kind": "login", "account_id": account_id},
                   "attribute_not_exists(PK)") for kind, value in new.logins.items()]
    write_all(table, writes, "该账号已存在")
    return account_id


def verify_sign_in(table, kind: str, identifier: str, password: str) -> Identity | None:
    """The identity for these credentials, or None. Same work whether the identifier exists or not."""
    link = table.get_item(Key=keys.login(kind, identifier), ConsistentRead=True).get("Item")
    account = table.get_item(Key=keys.account(link["account_id"]), ConsistentRead=True).get("Item") if link else None
    stored = account["password_hash"] if account else _dummy_hash()
    from argon2.exceptions import InvalidHashError, VerificationError
    try:
        _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if account is None:
        return None
    return Identity(account_id=link["account_id"], kind=account["who"], display_name=account["display_name"],
                    exam_no=account.get("exam_no"), role=account.get("role"),
                    offices=tuple(account.get("offices") or ()), universities=tuple(account.get("universities") or ()))
