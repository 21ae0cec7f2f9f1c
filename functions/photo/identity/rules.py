"""The identity check by photos (山西, seed 004): who may do what, from which status, and what follows.

  from                        check (automatic)     manual (candidate)   decide (staff)
  not_started (no item yet)   verified | failed     refused              refused
  failed                      verified | failed     manual_pending       refused
  manual_pending              refused (waiting)     refused              verified | rejected (reason)
  rejected                    verified | failed     refused              refused
  verified                    refused: final        refused              refused

An automatic check verifies only when `verifies` says so (number, name and faces all match the record); a
person verifies everything else, from the office's queue.

Pure: the store reads the item and writes the change; these functions only judge.
"""
from __future__ import annotations

from functions.common.errors import Conflict, Forbidden
from functions.common.jurisdiction import ALL_OF_PROVINCE, OFFICE_ROLES
from functions.photo.checks.match_limits import needed_similarity, same_name, same_number
from functions.photo.statuses import IdentityStatus
from functions.profiles.vocabulary import DocumentKind

PICTURES = (DocumentKind.ID_FRONT.value, DocumentKind.ID_HOLDING.value)
REVIEWERS = (*OFFICE_ROLES, *ALL_OF_PROVINCE)          # the 报名点 (county or city office) and the province


def refuse_check(status: str) -> None:
    """Conflict when no automatic check may run from `status` (asked before the pictures are read, and again
    when the outcome is recorded)."""
    if status == IdentityStatus.VERIFIED:
        raise Conflict("身份认证已经通过，无需再次认证")
    if status == IdentityStatus.MANUAL_PENDING:
        raise Conflict("您已申请报名点人工审核，请等待审核结果；如需帮助请联系所属报名点")


def verifies(result: dict, record: dict) -> bool:
    """Whether an automatic check may verify the identity: only a real check that found nothing wrong, read the
    card's 公民身份号码 and name and found both equal to the exam record's, and compared the card's portrait with
    the holder's face and found them alike enough (the threshold is set with margin: match_limits.py). An outcome
    that says less (nothing read, nothing compared, no findings because nothing was looked at) never verifies."""
    read = result.get("read") or {}
    number, name, alike = read.get("id_number"), read.get("name"), result.get("face_match")
    return (result.get("ok") is True and not result.get("findings")
            and isinstance(number, str) and same_number(number, record["id_number"])
            and isinstance(name, str) and same_name(name, record["name"])
            and isinstance(alike, int | float) and alike >= needed_similarity())


def after_check(result: dict, record: dict) -> IdentityStatus:
    """Verified by the check only when `verifies`; every other outcome is failed, from where the candidate
    retakes the pictures or sends them to the office's queue, where only a person can verify."""
    return IdentityStatus.VERIFIED if verifies(result, record) else IdentityStatus.FAILED


def refuse_manual(status: str) -> None:
    """Into the office's queue only after an automatic check failed (the seed's fallback)."""
    if status != IdentityStatus.FAILED:
        raise Conflict({
            IdentityStatus.NOT_STARTED: "请先上传身份证人像面照和手持身份证照并进行系统认证，"
                                        "系统认证未通过后才能申请人工审核",
            IdentityStatus.VERIFIED: "身份认证已经通过，无需人工审核",
            IdentityStatus.MANUAL_PENDING: "您已申请人工审核，请等待报名点审核结果",
            IdentityStatus.REJECTED: "报名点已退回您的认证，请按退回原因重新上传照片并再次进行系统认证",
        }[IdentityStatus(status)])


def refuse_decision(status: str | None) -> None:
    if status != IdentityStatus.MANUAL_PENDING:
        raise Conflict("这位考生的身份认证不在待审核状态，请刷新审核队列")


def after_decision(approve: bool) -> IdentityStatus:
    return IdentityStatus.VERIFIED if approve else IdentityStatus.REJECTED


def refuse_reviewer(role: str | None) -> None:
    if role not in REVIEWERS:
        raise Forbidden("身份认证由考生所属报名点（县、市招办）人工审核，您的账号无此权限")

