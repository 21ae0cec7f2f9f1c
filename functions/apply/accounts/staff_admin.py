"""Staff accounts (made by a provincial admin) and what offices do for candidates' accounts: codes and unlocking.

Every action is decided on the server from the session: an admin manages staff; a county or city office acts only
for candidates whose file it holds (functions/common/jurisdiction.py); other candidates are simply not found.
"""
from __future__ import annotations

import secrets

from boto3.dynamodb.conditions import Key

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.store import every_item
from functions.common.dynamo.transact import put, update, write_all
from functions.common.errors import BadInput, Forbidden, NotFound
from functions.common.jurisdiction import OFFICE_ROLES, may_see
from functions.common.session import Identity
from functions.profiles.loader import Profile

from .guards import mask_identifier
from .recovery import issue_code
from .store import NewAccount, create_account, load_account, require_account, revoke_sessions

CANDIDATE_HELPERS = ("county", "city", "province", "admin")


def staff_problem(profile: Profile, role: str, offices: tuple[str, ...], universities: tuple[str, ...]) -> str | None:
    """What is wrong with a staff member's jurisdiction (shared by `biye staff add` and the admin page)."""
    if role in OFFICE_ROLES:
        if not offices:
            return "县(市、区)或市(州)自考办的工作人员须指定管辖的考办"
        unknown = [o for o in offices if profile.office(o) is None]
        if unknown:
            return f"本省没有这些考办代码：{'、'.join(unknown)}"
    elif offices:
        return "只有县、市自考办的工作人员需要指定考办"
    if role == "university" and not universities:
        return "主考院校的工作人员须指定院校"
    if role != "university" and universities:
        return "只有主考院校的工作人员需要指定院校"
    return None


def require_admin(staff: Identity) -> None:
    if staff.role != "admin":
        raise Forbidden("只有省级管理员可以管理工作人员账号")


def create_staff(table, profile: Profile, admin: Identity, login: str, name: str, role: str,
                 offices: tuple[str, ...], universities: tuple[str, ...], now: int) -> dict:
    """A staff account with no usable password yet: the answer carries a one-time code to set one."""
    require_admin(admin)
    problem = staff_problem(profile, role, offices, universities)
    if problem:
        raise BadInput(problem, field="offices" if "考办" in problem else "universities")
    unusable = secrets.token_urlsafe(24) + "aA1!"
    account_id = create_account(table, NewAccount(kind="staff", display_name=name, logins={"staff": login.lower()},
                                                  password=unusable, role=role, offices=offices,
                                                  universities=universities),
                                now, conflict="该登录名已被使用", actor=admin)
    return {"account_id": account_id, "login": login.lower(), **issue_code(table, admin, account_id, now)}


def list_staff(table, admin: Identity) -> list[dict]:
    require_admin(admin)
    items = every_item(table.query, IndexName=keys.GSI1,
                       KeyConditionExpression=Key(keys.GSI1PK).eq(keys.staff_accounts()[keys.GSI1PK]))
    return [{"account_id": i[keys.PK].split("#", 1)[1], "login": i[keys.GSI1SK], "name": i["display_name"],
             "role": i.get("role"), "offices": i.get("offices", []), "universities": i.get("universities", []),
             "status": i.get("status", "active")} for i in items]


def disable_staff(table, admin: Identity, account_id: str, reason: str, now: int) -> None:
    require_admin(admin)
    if account_id == admin.account_id:
        raise BadInput("不能停用自己的账号", field="account_id")
    account = load_account(table, account_id)
    if account is None or account["who"] != "staff":
        raise NotFound("找不到该工作人员账号")
    write_all(table, [update(table, keys.account(account_id), "SET #s = :off", "attribute_exists(PK)",
                             names={"#s": "status"}, values={":off": "disabled"}),
                      put(table, log_item(keys.account(account_id)[keys.PK], admin, "staff_disabled", now, reason=reason))],
              "账号状态已变化，请刷新")
    revoke_sessions(table, account_id)


def _record_for(table, staff: Identity, exam_no: str) -> dict:
    """The exam record if this member of staff may act for its candidate; otherwise not found (no hint it exists)."""
    if staff.role not in CANDIDATE_HELPERS:
        raise Forbidden("只有自考办的工作人员可以处理考生账号")
    record = table.get_item(Key=keys.candidate(exam_no)).get("Item")
    if record is None or not may_see(staff, record["office"]):
        raise NotFound("找不到该考生")
    return record


def record_accounts(table, staff: Identity, exam_no: str) -> dict:
    """The accounts bound to a candidate's record, identifiers masked, and whether the record is locked."""
    _record_for(table, staff, exam_no)
    bound = table.get_item(Key=keys.record_accounts(exam_no), ConsistentRead=True).get("Item") or {}
    accounts = []
    for account_id in bound.get("accounts", []):
        account = load_account(table, account_id) or {}
        accounts.append({"account_id": account_id, "created_at": account.get("created_at"),
                         "status": account.get("status", "active"),
                         "logins": {k: mask_identifier(k, v) for k, v in (account.get("logins") or {}).items()}})
    return {"exam_no": exam_no, "locked": bool(bound.get("locked")), "accounts": accounts}


def candidate_reset_code(table, staff: Identity, account_id: str, now: int) -> dict:
    """Office staff: a code for a candidate in their jurisdiction. Admin: also for staff accounts."""
    account = require_account(table, account_id)
    if account["who"] == "staff":
        require_admin(staff)
    elif not account.get("exam_no"):
        raise NotFound("该账号尚未激活考籍，请考生重新注册")
    else:
        _record_for(table, staff, account["exam_no"])
    return issue_code(table, staff, account_id, now)


def unlock_record(table, staff: Identity, exam_no: str, reason: str, now: int) -> None:
    _record_for(table, staff, exam_no)
    write_all(table, [update(table, keys.record_accounts(exam_no), "SET locked = :no REMOVE locked_at",
                             "locked = :yes", values={":no": False, ":yes": True}),
                      put(table, log_item(keys.candidate(exam_no)[keys.PK], staff, "record_unlocked", now, reason=reason))],
              "该考籍没有被锁定")
