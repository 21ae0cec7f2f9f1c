"""Staff accounts (made by a provincial admin) and what offices do for candidates' accounts: codes and unlocking.

Every action is decided on the server from the session: an admin manages staff; a county or city office acts only
for candidates whose file it holds (functions/common/jurisdiction.py); other candidates are simply not found.
"""
from __future__ import annotations

import secrets
from collections.abc import Callable

from functions.common.errors import BadInput, NotFound
from functions.common.jurisdiction import Role, may_see
from functions.common.session import Identity
from functions.profiles.loader import Profile
from functions.profiles.vocabulary import LoginKind

from .four_eyes import Requests
from .recovery import issue_code, send_code
from .rules import (
    AccountKind,
    AccountStatus,
    mask_identifier,
    require_admin,
    require_candidate_helper,
    staff_problem,
)
from .store import AccountStore, NewAccount, TokenStore


class StaffAdmin:
    def __init__(self, table, profile: Profile, clock: Callable[[], int], outbox=None):
        self.store, self.tokens, self.profile, self.clock = AccountStore(table), TokenStore(table), profile, clock
        self.outbox = outbox                   # where candidates' reset codes go (sms.outbox.Outbox)
        self.requests = Requests(table)

    def create_staff(self, admin: Identity, login: str, name: str, role: str, offices: tuple[str, ...],
                     universities: tuple[str, ...]) -> dict:
        """A staff account with no usable password yet: the answer carries a one-time code to set one. A new admin
        is only asked for here: a second admin approves it (four_eyes.py)."""
        require_admin(admin.role)
        problem = staff_problem(self.profile, role, offices, universities)
        if problem:
            raise BadInput(problem, field="offices" if "考办" in problem else "universities")
        if role == Role.ADMIN:
            return self.requests.ask(admin, "create_admin", {"login": login.lower(), "name": name, "role": role,
                                                             "offices": list(offices),
                                                             "universities": list(universities)}, self.clock())
        return self._create(admin, login, name, role, offices, universities)

    def _create(self, admin: Identity, login: str, name: str, role: str, offices: tuple[str, ...],
                universities: tuple[str, ...]) -> dict:
        now, unusable = self.clock(), secrets.token_urlsafe(24) + "aA1!"
        account_id = self.store.create(NewAccount(kind=AccountKind.STAFF, display_name=name,
                                                  logins={LoginKind.STAFF: login.lower()}, password=unusable,
                                                  role=role, offices=offices, universities=universities),
                                       now, conflict="该登录名已被使用", actor=admin)
        return {"account_id": account_id, "login": login.lower(),
                **issue_code(self.tokens, self.store, admin, account_id, now)}

    def pending_requests(self, admin: Identity) -> list[dict]:
        require_admin(admin.role)
        return self.requests.pending(self._staff_named)

    def _staff_named(self, account_id: str) -> str:
        account = self.store.load(account_id) or {}
        login = (account.get("logins") or {}).get("staff")
        return f"{account.get('display_name', '（账号已不存在）')}" + (f"（登录名 {login}）" if login else "")

    def approve(self, admin: Identity, request_id: str) -> dict:
        """A second admin approves: the act is done now and its code shown to the approving admin only."""
        require_admin(admin.role)
        action, params, _ = self.requests.take(admin, request_id, self.clock())
        if action == "create_admin":
            return self._create(admin, params["login"], params["name"], params["role"], tuple(params["offices"]),
                                tuple(params["universities"]))
        return {"account_id": params["account_id"],
                **issue_code(self.tokens, self.store, admin, params["account_id"], self.clock())}

    def list_staff(self, admin: Identity) -> list[dict]:
        require_admin(admin.role)
        return self.store.staff_accounts()

    def disable_staff(self, admin: Identity, account_id: str, reason: str) -> None:
        require_admin(admin.role)
        if account_id == admin.account_id:
            raise BadInput("不能停用自己的账号", field="account_id")
        account = self.store.load(account_id)
        if account is None or account["who"] != AccountKind.STAFF:
            raise NotFound("找不到该工作人员账号")
        self.store.disable(account_id, admin, reason, self.clock())

    def _record_for(self, staff: Identity, exam_no: str) -> None:
        """Refused unless this member of staff may act for the record's candidate (not found: no hint it exists)."""
        require_candidate_helper(staff.role)
        record = self.store.record(exam_no)
        if record is None or not may_see(staff, record["office"]):
            raise NotFound("找不到该考生")

    def record_accounts(self, staff: Identity, exam_no: str) -> dict:
        """The accounts bound to a candidate's record, identifiers masked, and whether the record is locked."""
        self._record_for(staff, exam_no)
        bound = self.store.binding(exam_no)
        accounts = []
        for account_id in bound.get("accounts", []):
            account = self.store.load(account_id) or {}
            accounts.append({"account_id": account_id, "created_at": account.get("created_at"),
                             "status": account.get("status", AccountStatus.ACTIVE),
                             "logins": {k: mask_identifier(k, v) for k, v in (account.get("logins") or {}).items()}})
        return {"exam_no": exam_no, "locked": bool(bound.get("locked")), "accounts": accounts}

    def reset_code(self, staff: Identity, account_id: str) -> dict:
        """Office staff: a code for a candidate in their jurisdiction, sent to the candidate's phone (staff see only
        where it went). Admin: also for staff accounts, handed over in person."""
        account = self.store.require(account_id)
        if account["who"] == AccountKind.STAFF:
            require_admin(staff.role)         # asked for here, done when a second admin approves
            return self.requests.ask(staff, "staff_reset_code", {"account_id": account_id}, self.clock())
        if not account.get("exam_no"):
            raise NotFound("该账号尚未激活考籍，请考生重新注册")
        self._record_for(staff, account["exam_no"])
        return send_code(self.tokens, self.store, self.outbox, staff, {**account, "account_id": account_id},
                         self.clock())

    def lock_record(self, staff: Identity, exam_no: str, reason: str) -> None:
        """An office action (湖北 FAQ): a record staff judge abused is locked until it is unlocked."""
        self._record_for(staff, exam_no)
        self.store.lock_record(exam_no, staff, reason, self.clock())

    def unlock_record(self, staff: Identity, exam_no: str, reason: str) -> None:
        self._record_for(staff, exam_no)
        self.store.unlock_record(exam_no, staff, reason, self.clock())
