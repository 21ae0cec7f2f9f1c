"""Signing in: password check, lockout that cannot shut the owner out, trusted browsers, the audit trail.

After 5 wrong passwords an identifier is locked for 15 minutes (the person is told until when). A browser that
signed in to the account before carries a device cookie and may still try (OWASP's "device cookies"), so an
attacker who keeps locking an account does not lock out its owner; 5 wrong passwords there revoke the device.
"""
from __future__ import annotations

import secrets
from datetime import date

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.errors import BadInput, Forbidden, NotSignedIn, TooMany
from functions.common.ids import email_problem, exam_no_problem, id_number_problem
from functions.common.session import Identity, token_hash
from functions.common.time import beijing_clock, iso
from functions.profiles.loader import Profile

from .guards import DEVICE, SIGN_IN, Guard, mask_identifier
from .store import account_id_for, identity_of, load_account, secret_matches
from .throttle import subject

DEVICE_COOKIE = "biye_device"
DEVICE_SECONDS = 180 * 24 * 60 * 60
_CHECKS = {"id_number": id_number_problem, "exam_no": exam_no_problem, "email": email_problem}
KIND_NAMES = {"id_number": "身份证号", "exam_no": "准考证号", "email": "邮箱", "staff": "工作人员登录名"}


def normalise_identifier(profile: Profile, kind: str, identifier: str, today: date | None = None) -> str:
    """The identifier as stored, or a 422 saying what is wrong (the kind must be one the province uses)."""
    if kind != "staff" and kind not in profile.data["login"]["identifiers"]:
        allowed = "、".join(KIND_NAMES[k] for k in profile.data["login"]["identifiers"])
        raise BadInput(f"本省考生请用{allowed}登录", field="kind")
    value = identifier.strip()
    value = value.upper() if kind == "id_number" else value.lower() if kind in ("email", "staff") else value
    check = _CHECKS.get(kind)
    problem = check(value, today) if kind == "id_number" else check(value) if check else None
    if problem:
        raise BadInput(problem, field="identifier")
    return value


def _security_log(table, now: int, action: str, **detail) -> None:
    """Events that belong to no account (unknown identifier) go under one partition per day."""
    table.put_item(Item=log_item(f"SECURITY#{iso(now)[:10]}", "anonymous", action, now, after=detail))


class SignIn:
    def __init__(self, guard: Guard, profile: Profile):
        self.guard, self.table, self.now, self.profile = guard, guard.table, guard.now, profile
        self.trusted: str | None = None   # the device hash, when this browser was already trusted

    def authenticate(self, kind: str, identifier: str, password: str, device_token: str | None) -> Identity:
        """The identity for these credentials, or a 401/403/429 saying what happened (never which part was wrong)."""
        who = subject(kind, identifier)
        account_id = account_id_for(self.table, kind, identifier)
        device = self._device(device_token, account_id)
        locked_until = self.guard.throttle.blocked_until(SIGN_IN, who)
        if locked_until and not device:
            raise TooMany(SIGN_IN.message.format(until=beijing_clock(locked_until)), retry_at=locked_until)
        account = load_account(self.table, account_id)
        if not secret_matches(account["password_hash"] if account else None, password):
            return self._wrong(kind, identifier, who, account_id, device)
        if not locked_until:  # a lock someone else caused stays for everyone else, even after the owner got in
            self.guard.throttle.clear(SIGN_IN, who)
        if device:
            self.guard.throttle.clear(DEVICE, device)
        self.trusted = device
        if account.get("status") == "disabled":
            self._log(account_id, "sign_in_refused", reason="账号已停用")
            raise Forbidden("该账号已停用，请联系省自考办")
        self._refuse_locked_record(account)
        self._log(account_id, "signed_in", detail={"by": kind})
        return identity_of(account)

    def _wrong(self, kind, identifier, who, account_id, device) -> Identity:
        left = self.guard.failed(DEVICE if device else SIGN_IN, device or who)
        if device and left == 0:
            self.table.delete_item(Key=keys.trusted_device(device))
        if account_id:
            self._log(account_id, "sign_in_failed", detail={"by": kind, "trusted_device": bool(device)})
        else:
            _security_log(self.table, self.now, "sign_in_failed", by=kind, identifier=mask_identifier(kind, identifier))
        if left == 0 and not device:
            raise TooMany(SIGN_IN.message.format(until=beijing_clock(self.now + SIGN_IN.window)),
                          retry_at=self.now + SIGN_IN.window)
        hint = f"（再错 {left} 次将暂停登录 15 分钟）" if left and left <= 3 else ""
        raise NotSignedIn(f"{KIND_NAMES[kind]}或密码不正确{hint}")

    def _refuse_locked_record(self, account: dict) -> None:
        if not account.get("exam_no"):
            return
        record = self.table.get_item(Key=keys.record_accounts(account["exam_no"]), ConsistentRead=True).get("Item")
        if record and record.get("locked"):
            office = self._office_name(account["exam_no"])
            self._log(account[keys.PK].split("#", 1)[1], "sign_in_refused", reason="考籍已锁定")
            raise Forbidden(f"该准考证注册的账号过多，考籍已被锁定。请携带身份证到档案所在地自考办（{office}）解锁。")

    def _office_name(self, exam_no: str) -> str:
        record = self.table.get_item(Key=keys.candidate(exam_no)).get("Item") or {}
        office = self.profile.office(record.get("office", ""))
        return office["name"] if office else "当地自考办"

    def _device(self, token: str | None, account_id: str | None) -> str | None:
        """The device's hash if the cookie names a live trusted device of this account."""
        if not token or not account_id or len(token) > 128:
            return None
        digest = token_hash(token)
        item = self.table.get_item(Key=keys.trusted_device(digest), ConsistentRead=True).get("Item")
        alive = item and item["account_id"] == account_id and int(item[keys.TTL_ATTRIBUTE]) > self.now
        return digest if alive else None

    def trust_device(self, account_id: str) -> str | None:
        """A new device token for this browser, unless it already carries a live one."""
        if self.trusted:
            return None
        token = secrets.token_urlsafe(32)
        self.table.put_item(Item={**keys.trusted_device(token_hash(token)), "kind": "device", "account_id": account_id,
                                  keys.TTL_ATTRIBUTE: self.now + DEVICE_SECONDS})
        return token

    def _log(self, account_id: str, action: str, reason: str | None = None, detail: dict | None = None) -> None:
        self.table.put_item(Item=log_item(keys.account(account_id)[keys.PK], account_id, action, self.now,
                                          after=detail, reason=reason))
