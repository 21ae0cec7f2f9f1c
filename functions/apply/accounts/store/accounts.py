"""Accounts in DynamoDB (the China partition has no Cognito user pools): accounts and their sign-in identifiers,
passwords, sessions, the accounts bound to an exam record, and the audit entries of all these.

An account bound to an exam record counts against the record's limit in the same transaction. An account as read
here is its item with `account_id` added.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from boto3.dynamodb.conditions import Key

from functions.common import session as sessions
from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store, every_item
from functions.common.dynamo.transact import TransactionConflict, put, update, write_all
from functions.common.errors import NotFound
from functions.common.session import Identity
from functions.common.time import iso
from functions.photo.identity import store as identity_checks

from .. import passwords
from ..rules import AccountKind, AccountStatus, normalise_answer, require_password


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
    agreed_at: int | None = None  # when the candidate agreed to the 使用协议 at registration


def create_account(table, new: NewAccount, now: int, *, max_per_record: int = 1, conflict: str = "该账号已存在",
                   actor: Identity | str | None = None) -> str:
    """Store the account, one item per sign-in identifier and (if bound) the record's counter: all or nothing."""
    return AccountStore(table).create(new, now, max_per_record=max_per_record, conflict=conflict, actor=actor)


def identity_of(account: dict) -> Identity:
    return Identity(account_id=account["account_id"], kind=account["who"], display_name=account["display_name"],
                    exam_no=account.get("exam_no"), role=account.get("role"),
                    offices=tuple(account.get("offices") or ()), universities=tuple(account.get("universities") or ()))


def _account_id(item: dict) -> str:
    return item[keys.PK].split("#", 1)[1]


class AccountStore:
    def __init__(self, table):
        self.table = table

    # -- accounts and their identifiers ----------------------------------------------------------------------------
    def create(self, new: NewAccount, now: int, *, max_per_record: int = 1, conflict: str = "该账号已存在",
               actor: Identity | str | None = None) -> str:
        require_password(new.password, "password", (new.logins.get("id_number"), new.logins.get("exam_no"),
                                                    new.exam_no))
        account_id = secrets.token_hex(12)
        answer_hash = passwords.hash_secret(normalise_answer(new.security_answer)) if new.security_answer else None
        account = {**keys.account(account_id), "kind": "account", "who": new.kind, "display_name": new.display_name,
                   "password_hash": passwords.hash_secret(new.password), "exam_no": new.exam_no, "role": new.role,
                   "offices": list(new.offices), "universities": list(new.universities), "created_at": now,
                   "logins": dict(new.logins), "status": AccountStatus.ACTIVE.value, "phone": new.phone,
                   "security_question": new.security_question, "security_answer_hash": answer_hash,
                   "agreed_at": new.agreed_at}
        if new.kind == AccountKind.STAFF:
            account.update({**keys.staff_accounts(), keys.GSI1SK: next(iter(new.logins.values()))})
        account = {k: v for k, v in account.items() if v is not None}
        writes = [put(self.table, account, "attribute_not_exists(PK)")]
        writes += [put(self.table, {**keys.login(kind, value), "kind": "login", "account_id": account_id},
                       "attribute_not_exists(PK)") for kind, value in new.logins.items()]
        if new.exam_no:
            writes.append(self._bind(new.exam_no, account_id, max_per_record))
        writes.append(put(self.table, log_item(keys.account(account_id)[keys.PK], actor or account_id,
                                               "account_created", now,
                                               after={"who": new.kind, "role": new.role, "bound": bool(new.exam_no)})))
        write_all(self.table, writes, conflict)
        return account_id

    def account_id_for(self, kind: str, identifier: str) -> str | None:
        link = self.table.get_item(Key=keys.login(kind, identifier), ConsistentRead=True).get("Item")
        return link["account_id"] if link else None

    def load(self, account_id: str | None) -> dict | None:
        if not account_id:
            return None
        item = self.table.get_item(Key=keys.account(account_id), ConsistentRead=True).get("Item")
        return {**item, "account_id": account_id} if item else None

    def require(self, account_id: str) -> dict:
        account = self.load(account_id)
        if account is None:
            raise NotFound("找不到该账号")
        return account

    def staff_accounts(self) -> list[dict]:
        items = every_item(self.table.query, IndexName=keys.GSI1,
                           KeyConditionExpression=Key(keys.GSI1PK).eq(keys.staff_accounts()[keys.GSI1PK]))
        return [{"account_id": _account_id(i), "login": i[keys.GSI1SK], "name": i["display_name"],
                 "role": i.get("role"), "offices": i.get("offices", []), "universities": i.get("universities", []),
                 "status": i.get("status", AccountStatus.ACTIVE.value)} for i in items]

    def disable(self, account_id: str, admin: Identity, reason: str, now: int) -> None:
        """Stop the account and end its sessions."""
        write_all(self.table, [update(self.table, keys.account(account_id), "SET #s = :off", "attribute_exists(PK)",
                                      names={"#s": "status"}, values={":off": AccountStatus.DISABLED.value}),
                               put(self.table, log_item(keys.account(account_id)[keys.PK], admin, "staff_disabled",
                                                        now, reason=reason))],
                  "账号状态已变化，请刷新")
        self.revoke_sessions(account_id)

    # -- passwords and sessions ------------------------------------------------------------------------------------
    def set_password(self, account_id: str, password: str, now: int, actor: Identity | str, action: str,
                     also: tuple[dict, ...] = (), keep_session: str | None = None) -> None:
        """Replace the password (with `also`, e.g. using up a code, in one transaction); end other sessions."""
        require_password(password, "new_password", self.personal_numbers(account_id))
        devices = self.trusted_devices(account_id)
        writes = [update(self.table, keys.account(account_id), "SET password_hash = :h, password_changed_at = :now",
                         "attribute_exists(PK)", values={":h": passwords.hash_secret(password), ":now": now}),
                  *also,
                  put(self.table, log_item(keys.account(account_id)[keys.PK], actor, action, now,
                                           after={"trusted_devices_revoked": len(devices)}))]
        write_all(self.table, writes, "操作已失效，请重新开始")
        self.revoke_sessions(account_id, keep=keep_session)
        self.revoke_devices(devices)

    def sign_out_everywhere(self, me: Identity, now: int) -> dict:
        """End every session of the account, this one too, and forget its trusted browsers; logged as the person's
        own act."""
        devices = self.trusted_devices(me.account_id)
        ended = self.revoke_sessions(me.account_id)
        self.revoke_devices(devices)
        done = {"sessions": ended, "trusted_devices": len(devices)}
        self.log_account(me.account_id, me, "signed_out_everywhere", now, detail=done)
        return done

    def trusted_devices(self, account_id: str) -> list[dict]:
        """The keys of the account's trusted devices (a browser that signed in before may try while it is locked)."""
        return [{keys.PK: i[keys.PK], keys.SK: i[keys.SK]} for i in every_item(
            self.table.query, IndexName=keys.GSI1,
            KeyConditionExpression=Key(keys.GSI1PK).eq(keys.account_devices(account_id)[keys.GSI1PK]))]

    def revoke_devices(self, devices: list[dict]) -> None:
        """A new password (or 退出所有设备) means no browser is trusted for the old one any longer."""
        for key in devices:
            self.table.delete_item(Key=key)

    def personal_numbers(self, account_id: str) -> tuple[str | None, ...]:
        """The account's ID number and 准考证号 (its logins, and the bound record's), which no password may hold."""
        account = self.load(account_id) or {}
        logins = account.get("logins") or {}
        record = self.record(account["exam_no"]) if account.get("exam_no") else None
        return (logins.get("id_number"), logins.get("exam_no"), account.get("exam_no"),
                (record or {}).get("id_number"))

    def start_session(self, identity: Identity, now: int) -> tuple[str, dict]:
        """(cookie token, the session's CSRF token and end)."""
        token, item = sessions.new_session_item(identity, now)   # looked up when called: tests watch what it makes
        self.table.put_item(Item=item)
        return token, {"csrf": item["csrf"], "expires_at": item[keys.TTL_ATTRIBUTE]}

    def end_session(self, session_hash: str) -> None:
        self.table.delete_item(Key=keys.session(session_hash))

    def revoke_sessions(self, account_id: str, keep: str | None = None) -> int:
        """Delete every session of the account (but `keep`, a session hash): a copied cookie stops working too."""
        revoked = 0
        for item in every_item(self.table.query, IndexName=keys.GSI1, KeyConditionExpression=Key(keys.GSI1PK).eq(
                keys.account_sessions(account_id)[keys.GSI1PK])):
            if item[keys.PK] != keys.session(keep or "")[keys.PK]:
                self.table.delete_item(Key={keys.PK: item[keys.PK], keys.SK: item[keys.SK]})
                revoked += 1
        return revoked

    # -- exam records and the accounts bound to them ---------------------------------------------------------------
    def record(self, exam_no: str) -> dict | None:
        """The imported exam record (name, ID number, office), read consistently."""
        return self.table.get_item(Key=keys.candidate(exam_no), ConsistentRead=True).get("Item")

    def record_phone(self, exam_no: str) -> str:
        """The phone on the imported record (in its document), where binding codes and reset codes go."""
        record = Store(self.table).candidate(exam_no) or {}
        return str(record.get("phone") or "")

    def binding(self, exam_no: str) -> dict:
        """The accounts bound to the record (`accounts`, `count`) and whether it is `locked`; {} before the first."""
        return self.table.get_item(Key=keys.record_accounts(exam_no), ConsistentRead=True).get("Item") or {}

    def _bind(self, exam_no: str, account_id: str, max_accounts: int) -> dict:
        """The counter update that binds one more account to an exam record, refused past the limit or when locked."""
        return update(self.table, keys.record_accounts(exam_no),
                      "SET #n = if_not_exists(#n, :zero) + :one,"
                      " accounts = list_append(if_not_exists(accounts, :empty), :me),"
                      " locked = if_not_exists(locked, :no)",
                      "attribute_not_exists(PK) OR (#n < :max AND locked = :no)", names={"#n": "count"},
                      values={":zero": 0, ":one": 1, ":empty": [], ":me": [account_id], ":max": max_accounts,
                              ":no": False})

    def bind(self, me: Identity, exam_no: str, name: str, max_accounts: int, now: int) -> bool:
        """Bind a not yet bound account to the record; False when the record has no room left (or is locked)."""
        writes = [self._bind(exam_no, me.account_id, max_accounts),
                  update(self.table, keys.account(me.account_id), "SET exam_no = :e, display_name = :n",
                         "attribute_not_exists(exam_no)", values={":e": exam_no, ":n": name}),
                  put(self.table, log_item(keys.account(me.account_id)[keys.PK], me, "activated", now,
                                           after={"exam_no": exam_no}))]
        try:
            write_all(self.table, writes, "该账号已激活考籍")
        except TransactionConflict as conflict:
            if 0 in conflict.failed:
                return False
            raise
        self.log_record(exam_no, me, "account_bound", now)
        return True

    def post_message(self, exam_no: str, message: dict, now: int) -> None:
        """A portal message on the record, beside its status messages (every bound account reads them)."""
        self.table.put_item(Item={**keys.message(exam_no, iso(now), secrets.token_hex(4)), "kind": "message",
                                  **message, "at": iso(now)})

    def lock_record(self, exam_no: str, me: Identity, reason: str, now: int) -> None:
        write_all(self.table, [update(self.table, keys.record_accounts(exam_no), "SET locked = :yes, locked_at = :now",
                                      "attribute_exists(PK) AND locked <> :yes", values={":yes": True, ":now": now}),
                               put(self.table, log_item(keys.candidate(exam_no)[keys.PK], me, "record_locked", now,
                                                        reason=reason))],
                  "该考籍已锁定，或还没有绑定账号")

    def unlock_record(self, exam_no: str, staff: Identity, reason: str, now: int) -> None:
        write_all(self.table, [update(self.table, keys.record_accounts(exam_no), "SET locked = :no REMOVE locked_at",
                                      "locked = :yes", values={":no": False, ":yes": True}),
                               put(self.table, log_item(keys.candidate(exam_no)[keys.PK], staff, "record_unlocked",
                                                        now, reason=reason))],
                  "该考籍没有被锁定")

    def identity_check(self, exam_no: str) -> dict:
        """Where the record's identity check by photos stands (functions/photo/identity keeps it)."""
        return identity_checks.current(self.table, exam_no)

    # -- the audit trail -------------------------------------------------------------------------------------------
    def log_account(self, account_id: str, actor: Identity | str, action: str, now: int, *,
                    reason: str | None = None, detail: dict | None = None) -> None:
        self.table.put_item(Item=log_item(keys.account(account_id)[keys.PK], actor, action, now,
                                          after=detail, reason=reason))

    def log_record(self, exam_no: str, actor: Identity | str, action: str, now: int) -> None:
        self.table.put_item(Item=log_item(keys.candidate(exam_no)[keys.PK], actor, action, now))

    def log_security(self, action: str, now: int, **detail) -> None:
        """Events that belong to no account (unknown identifier) go under one partition per day."""
        self.table.put_item(Item=log_item(f"SECURITY#{iso(now)[:10]}", "anonymous", action, now, after=detail))
