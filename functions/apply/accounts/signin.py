"""Signing in: password check, lockout that cannot shut the owner out, trusted browsers, the audit trail.

After 5 wrong passwords an identifier is locked for 15 minutes (the person is told until when). A browser that
signed in to the account before carries a device cookie and may still try (OWASP's "device cookies"), so an
attacker who keeps locking an account does not lock out its owner; 5 wrong passwords there revoke the device.
"""
from __future__ import annotations

import secrets

from functions.common.dynamo import keys
from functions.common.errors import Forbidden, NotSignedIn, TooMany
from functions.common.session import Identity, token_hash
from functions.common.time import beijing_clock
from functions.profiles.loader import Profile

from . import passwords
from .guards import Guard
from .rules import DEVICE, DEVICE_SECONDS, SIGN_IN, AccountStatus, mask_identifier, subject, wrong_password
from .store import AccountStore, identity_of


class SignIn:
    def __init__(self, guard: Guard, store: AccountStore, profile: Profile):
        self.guard, self.store, self.now, self.profile = guard, store, guard.now, profile
        self.trusted: str | None = None   # the device hash, when this browser was already trusted

    def authenticate(self, kind: str, identifier: str, password: str, device_token: str | None) -> Identity:
        """The identity for these credentials, or a 401/403/429 saying what happened (never which part was wrong)."""
        who = subject(kind, identifier)
        account_id = self.store.account_id_for(kind, identifier)
        account = self.store.load(account_id)
        device = self._device(device_token, account)
        counted, locked_until = self.guard.throttle.standing(SIGN_IN, who)
        if locked_until and not device:
            raise TooMany(SIGN_IN.message.format(until=beijing_clock(locked_until)), retry_at=locked_until)
        if not passwords.secret_matches(account["password_hash"] if account else None, password):
            return self._wrong(kind, identifier, who, account_id, device)
        # A lock someone else caused stays for everyone else, even after the owner got in; no counter, nothing to
        # clear (DynamoDB bills a delete of nothing as a write).
        if counted and not locked_until:
            self.guard.throttle.clear(SIGN_IN, who)
        if device:
            self.guard.throttle.clear(DEVICE, device)
        self.trusted = device
        if account.get("status") == AccountStatus.DISABLED:
            self.store.log_account(account["account_id"], account["account_id"], "sign_in_refused", self.now,
                                   reason="账号已停用")
            raise Forbidden(f"该账号已停用，请联系{self.profile.data['province_office']}")
        self._refuse_locked_record(account)
        self.store.log_account(account["account_id"], account["account_id"], "signed_in", self.now,
                               detail={"by": kind})
        return identity_of(account)

    def _wrong(self, kind: str, identifier: str, who: str, account_id: str | None, device: str | None) -> Identity:
        left = self.guard.failed(DEVICE, device) if device else self.guard.failed(SIGN_IN, who)
        if device and left == 0:
            self.guard.tokens.drop_device(device)
        if account_id:
            self.store.log_account(account_id, account_id, "sign_in_failed", self.now,
                                   detail={"by": kind, "trusted_device": bool(device)})
        else:
            self.store.log_security("sign_in_failed", self.now, by=kind, identifier=mask_identifier(kind, identifier))
        if left == 0 and not device:
            raise TooMany(SIGN_IN.message.format(until=beijing_clock(self.now + SIGN_IN.window)),
                          retry_at=self.now + SIGN_IN.window)
        raise NotSignedIn(wrong_password(kind, left or 0))

    def _refuse_locked_record(self, account: dict) -> None:
        exam_no = account.get("exam_no")
        if not exam_no or not self.store.binding(exam_no).get("locked"):
            return
        record = self.store.record(exam_no) or {}
        office = self.profile.office(record.get("office", ""))
        self.store.log_account(account["account_id"], account["account_id"], "sign_in_refused", self.now,
                               reason="考籍已锁定")
        raise Forbidden("该准考证注册的账号过多，考籍已被锁定。"
                        f"请携带身份证到档案所在地自考办（{office['name'] if office else '当地自考办'}）解锁。")

    def _device(self, token: str | None, account: dict | None) -> str | None:
        """The device's hash if the cookie names a live trusted device of this account, trusted since the password
        was last set (a reset or change deletes the account's devices; this also refuses one the deletion missed)."""
        if not token or not account or len(token) > 128:
            return None
        digest = token_hash(token)
        item = self.guard.tokens.device(digest, self.now)
        if item is None or item["account_id"] != account["account_id"]:
            return None
        trusted_at = int(item[keys.TTL_ATTRIBUTE]) - DEVICE_SECONDS
        return digest if trusted_at >= int(account.get("password_changed_at") or 0) else None

    def trust_device(self, account_id: str) -> str | None:
        """A new device token for this browser, unless it already carries a live one."""
        if self.trusted:
            return None
        token = secrets.token_urlsafe(32)
        self.guard.tokens.put_device(token_hash(token), account_id, self.now + DEVICE_SECONDS)
        return token
