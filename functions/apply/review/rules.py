"""Staff review, the judgements: the review's vocabularies, who sees what, what a list covers and reads, what a
member of staff may do on an application, which applications bulk approval takes, what a window or a batch's dates
may be. (What the answers show is answers.py; both pure.)

Nothing here reads storage, a clock or the environment: the service reads and passes in (store.py holds every
DynamoDB and S3 call). Every "may this member of staff see this application" is `sees` here, which asks
common/jurisdiction.py's `may_see`; the lists read only the key ranges `list_ranges` names for the same scope.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from functions.apply.application.lifecycle import Lifecycle, TransitionRefused
from functions.apply.application.status import Status, describe
from functions.common.dynamo import keys
from functions.common.errors import BadInput, Forbidden, NotFound
from functions.common.jurisdiction import ALL_OF_PROVINCE, OFFICE_ROLES, Role, may_see, office_name
from functions.common.time import as_beijing, iso
from functions.photo.statuses import IdentityStatus, passed_for

if TYPE_CHECKING:
    from functions.common.session import Identity
    from functions.profiles.loader import Profile


STATUS_NAMES: dict[str, str] = {Status.DRAFT: "未提交", Status.IN_REVIEW: "审核中", Status.APPROVED: "审核通过",
                                Status.REJECTED: "未通过"}


class Onsite(StrEnum):
    """A list of who still has to come for 现场确认, or of who came."""
    AWAITING = "awaiting"
    CONFIRMED = "confirmed"


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class StaffAction(StrEnum):
    """What a member of staff may do on an application's page."""
    ONSITE = "onsite"
    FORM_RECEIVED = "form_received"
    APPROVE = "approve"
    REJECT = "reject"
    OPINION = "opinion"        # the joint office's 同意 / 不同意 at a joint review (sent as a decision)


class Skip(StrEnum):
    """Why bulk approval left an application for a decision one by one (besides the decision's own refusals)."""
    NOT_AT_STAGE = "NOT_AT_STAGE"
    FINDINGS = "FINDINGS"
    PHOTO_NOT_APPROVED = "PHOTO_NOT_APPROVED"
    EXCEPTIONS = "EXCEPTIONS"


NO_APPLICATION = "找不到该考生的毕业申请"
MAX_BULK = 100
EVERYONE = "*"                 # a window for every type of candidate
EXAM_NO = re.compile(r"\d{12}")
ID_NUMBER = re.compile(r"\d{17}[\dXx]")
NAME = re.compile(r"[\u3400-\u9fff\u00b7·A-Za-z]{1,30}")

Keep = Callable[[dict, int], bool]   # (a row, the index of the range it came from): show it?
Range = tuple[str, str]        # a GSI partition, and the sort-key prefix read within it ("" for all of it)


# -- who sees what ---------------------------------------------------------------------------------------------
def sees(staff: Identity, application: dict) -> bool:
    """Whether the staff member's jurisdiction covers this application (its office, or a host university)."""
    return may_see(staff, application["office"], application.get("host_universities") or ())


def visible(staff: Identity, application: dict | None) -> dict:
    """The application when `sees` says so; otherwise exactly the answer for one that does not exist."""
    if application is None or not sees(staff, application):
        raise NotFound(NO_APPLICATION)
    return application


def list_ranges(staff: Identity, batch_id: str, states: list[str], office: str | None,
                host: str | None) -> tuple[list[Range], Keep]:
    """The GSI3 key ranges this member of staff may read for these states (an office or university filter outside
    the scope reads nothing), and which rows to keep: those `sees` allows (the ranges already hold only those:
    asked again all the same, so no list can show what a page would refuse), each once."""
    if staff.role in ALL_OF_PROVINCE:
        offices: list[str] = [office or ""]
        hosts: list[str | None] = [host]
    elif staff.role in OFFICE_ROLES:
        offices, hosts = [o for o in staff.offices if not office or o == office], [host]
    elif staff.role == Role.UNIVERSITY:
        offices, hosts = [office or ""], [h for h in staff.universities if not host or h == host]
    else:
        offices, hosts = [], []
    ranges = [(_partition(batch_id, state, h), f"{o}#" if o else "")
              for state in states for h in hosts for o in offices]

    def keep(item: dict, at: int) -> bool:
        # An application naming two of my universities: shown in the first one's range only.
        mine = (at // len(offices)) % len(hosts)
        return sees(staff, item) and not any(h in item.get("host_universities", ()) for h in hosts[:mine])
    return ranges, keep


def _partition(batch_id: str, state: str, host: str | None) -> str:
    if host:
        return keys.host_review_list(batch_id, state, host)[keys.GSI2PK]
    return keys.review_list(batch_id, state)[keys.GSI3PK]


def name_ranges(staff: Identity, batch_id: str, name: str) -> tuple[list[Range], Keep]:
    """The name search's GSI1 ranges (an office reads its offices' ranges, others the name's whole partition), and
    which rows to keep: those `sees` allows."""
    partition = keys.application_by_name(batch_id, name)[keys.GSI1PK]
    ranges = [(partition, f"{o}#") for o in staff.offices] if staff.role in OFFICE_ROLES else [(partition, "")]
    return ranges, lambda item, _: sees(staff, item)


def search_kind(query: str) -> str:
    """exam_no, id_number or name: what a search looks for (an exact match of it)."""
    if EXAM_NO.fullmatch(query):
        return "exam_no"
    if ID_NUMBER.fullmatch(query):
        return "id_number"
    if not NAME.fullmatch(query):
        raise BadInput("请输入考生姓名、18 位身份证号或 12 位准考证号", field="q")
    return "name"


# -- lists -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """What a member of staff narrows a list by (all optional). `clean`: no finding in the audit at submit."""
    stage: str | None = None
    status: str | None = None
    office: str | None = None
    host: str | None = None
    plan_id: str | None = None
    verdict: str | None = None
    clean: bool | None = None
    onsite: bool | None = None


def filters(profile: Profile, *, stage: str | None, status: str | None, office: str | None, host: str | None,
            plan_id: str | None, verdict: str | None, clean: bool | None, onsite: str | None) -> Filters:
    """The list's filters; `onsite=awaiting` alone lists who still has to come: the first stage's queue."""
    if onsite == Onsite.AWAITING and not (stage or status):
        stage = profile.stages[0]["id"]
    return Filters(stage=stage, status=status, office=office, host=host, plan_id=plan_id, verdict=verdict,
                   clean=clean, onsite=None if onsite is None else onsite == Onsite.CONFIRMED)


def known_stage(profile: Profile, stage: str | None) -> None:
    if stage and stage not in {s["id"] for s in profile.stages}:
        known = "、".join(f"{s['id']}（{s['name']}）" for s in profile.stages)
        raise BadInput(f"本省的毕业审核没有「{stage}」这一阶段，可选：{known}", field="stage")


def state_of(lifecycle: dict) -> str:
    """An application's list: `in_review:<stage id>` while in review, else its status."""
    status = lifecycle.get("status", Status.DRAFT.value)
    return f"{Status.IN_REVIEW}:{lifecycle['stage']}" if status == Status.IN_REVIEW else status


def states(profile_data: dict, status: str | None = None, stage: str | None = None) -> list[str]:
    """The states a list covers: one stage, every stage (status in_review), one status, or all of them."""
    stages = [f"{Status.IN_REVIEW}:{s['id']}" for s in profile_data["review"]["stages"]]
    if stage:
        return [f"{Status.IN_REVIEW}:{stage}"]
    if status == Status.IN_REVIEW:
        return stages
    if status:
        return [status]
    return [Status.DRAFT.value, *stages, Status.APPROVED.value, Status.REJECTED.value]


def list_states(profile_data: dict, wanted: Filters) -> list[str]:
    """A draft, never submitted or withdrawn, is neither clean nor not: a `clean` filter leaves drafts out."""
    found = states(profile_data, wanted.status, wanted.stage)
    return [s for s in found if s != Status.DRAFT] if wanted.clean is not None else found


def since_of(item: dict) -> str:
    """When the application entered its current state (ISO, UTC)."""
    since = item["lifecycle"].get("since")
    return iso(int(since)) if since is not None else str(item.get("updated_at") or "")


def described(state: Lifecycle, profile_data: dict) -> dict:
    """status.describe, or, for a state the profile no longer fits (its stages changed during a batch: an unknown
    stage; its fee was dropped: a refund with no fee to name), what can still be said: a list or page never fails
    over one such application."""
    try:
        return describe(state, profile_data)
    except (TransitionRefused, KeyError, TypeError):
        text = STATUS_NAMES.get(state.status, state.status) + (f"（阶段「{state.stage}」）" if state.stage else "")
        return {"status": state.status, "stage": state.stage, "status_text": text, "next_step": None,
                "reason": state.reason, "actions": [], "staff_stage": text, "office": None}


def actions(staff: Identity, item: dict, profile: Profile) -> list[dict]:
    """What this member of staff may do now (the lifecycle still decides when they do it)."""
    state = Lifecycle.from_dict(item["lifecycle"])
    stages = profile.stages
    stage = next((s for s in stages if s["id"] == state.stage), None) if state.status == Status.IN_REVIEW else None
    if stage is not None and stage.get("joint_with") == staff.role:
        return [{"action": StaffAction.OPINION.value, "stage": stage["id"]}]
    if stage is None or stage.get("role") != staff.role:    # (a stage the profile no longer names: nobody acts)
        return []
    if profile.data["application"]["onsite_confirmation"] and stage is stages[0] and not state.onsite_confirmed:
        return [{"action": StaffAction.ONSITE.value}]        # 现场确认 comes before the first stage's decision
    verbs = [StaffAction.FORM_RECEIVED, StaffAction.REJECT] if stage["kind"] == "form_return" else \
        [StaffAction.APPROVE, StaffAction.REJECT]
    return [{"action": verb.value, "stage": stage["id"]} for verb in verbs]


# -- bulk approval ---------------------------------------------------------------------------------------------
def bulk_stage(profile: Profile, staff: Identity, stage_id: str) -> dict:
    """The review stage bulk approval acts at, if it is one and this member of staff's role decides it."""
    stage = next((s for s in profile.stages if s["id"] == stage_id), None)
    if stage is None or stage["kind"] != "review":
        reviews = "、".join(f"{s['id']}（{s['name']}）" for s in profile.stages if s["kind"] == "review")
        raise BadInput(f"批量审核通过只用于审核阶段，可选：{reviews}", field="stage")
    if stage["role"] != staff.role:
        office = office_name(profile.data, stage["role"])
        raise Forbidden(f"「{stage['name']}」由{office}办理，您的账号不能批量审核通过")
    return stage


def not_at_stage(item: dict, stage: dict, profile_data: dict) -> dict | None:
    """Why the application is not waiting at `stage` (None when it is)."""
    state = Lifecycle.from_dict(item["lifecycle"])
    if state.status == Status.IN_REVIEW and state.stage == stage["id"]:
        return None
    now = described(state, profile_data)["status_text"]
    return {"code": Skip.NOT_AT_STAGE.value, "message": f"该申请不在「{stage['name']}」阶段（当前：{now}）"}


def reviews_pending(photo: dict | None, identity: str | None, profile_data: dict) -> str | None:
    """Why no approval may be given yet (a single decision or bulk): where the province reviews photos, the photo
    is not approved; where it checks identity by photos, the identity (`identity`: its status) is not verified."""
    if profile_data["application"]["photo_review"] and (
            photo is None or photo.get("status") not in passed_for(profile_data["application"])):
        if profile_data["application"]["photo_after_submit"] and (photo or {}).get("status") != "pending_review":
            return "考生的毕业照片尚未通过系统认证，请等考生上传或申请人工审核后再审批"   # 山西: the candidate's turn
        return "照片尚未审核通过，请先审核照片"
    if profile_data["login"]["identity_check"] == "photos" and identity != IdentityStatus.VERIFIED:
        return "身份认证尚未通过，请先在身份认证队列中核对"
    return None


def not_clean(findings: list[dict], photo: dict | None, profile_data: dict, identity: str | None = None,
              exceptions: int = 0) -> dict | None:
    """Why an application at the stage is not approved in bulk, or None when it is clean: no staff exception (a
    person looks at every application an exception made eligible), no finding in the audit as it stands now, and no
    photo or identity review pending."""
    if exceptions:
        return {"code": Skip.EXCEPTIONS.value, "message": "该申请有特殊处理（认定、免除或课程替代），请逐份审核"}
    if findings:
        return {"code": Skip.FINDINGS.value, "message": "审核发现问题，请逐份审核：" + "；".join(
            f["message"] for f in findings[:3]), "findings": [f["code"] for f in findings]}
    pending = reviews_pending(photo, identity, profile_data)
    if pending:
        return {"code": Skip.PHOTO_NOT_APPROVED.value, "message": pending}
    return None


# -- batches: windows and dates --------------------------------------------------------------------------------
def province_only(staff: Identity, profile_data: dict) -> None:
    if staff.role not in ALL_OF_PROVINCE:
        raise Forbidden(f"申请时间和批次日期由{office_name(profile_data, Role.PROVINCE)}设置，您的账号无此权限")


def photo_window_kept(profile_data: dict) -> None:
    """A photo window only where the profile has one (安徽); elsewhere photos follow the application's window."""
    if not profile_data["application"]["photo_window"]:
        raise Forbidden("本省照片随毕业申请一起上传，不另设相片上传时间")


def own_office(staff: Identity, profile_data: dict, office: str) -> None:
    """An office's own window (profile `office_windows`) is set by that office's staff of the first review stage."""
    if not profile_data["application"]["office_windows"]:
        raise Forbidden(f"申请时间由{office_name(profile_data, Role.PROVINCE)}统一设置，各考试机构不另设")
    if staff.role != profile_data["review"]["stages"][0]["role"] or office not in staff.offices:
        raise Forbidden("只能设置本单位考生的申请时间，您的账号无此权限")


def window(profile_data: dict, kind: str, opens: datetime, closes: datetime) -> dict:
    """One type's window as stored: times typed without a zone are Beijing time."""
    types = profile_data["application"]["candidate_types"]
    if kind not in (*types, EVERYONE):
        raise BadInput(f"本省没有“{kind}”这类考生（可选：{'、'.join(types)}，或 * 表示全部考生）",
                       field="candidate_type")
    opens, closes = as_beijing(opens), as_beijing(closes)
    if opens >= closes:
        raise BadInput("申请结束时间应晚于开始时间", field="closes")
    return {"opens": opens.isoformat(timespec="minutes"), "closes": closes.isoformat(timespec="minutes")}


def dates(graduation: date, cutoff: date | None) -> dict:
    """The graduation date and the prior-education cut-off the audits of the batch use."""
    chosen = {"graduation_date": graduation.isoformat()}
    if cutoff:
        if cutoff > graduation:
            raise BadInput("前置学历截止日期不应晚于毕业时间", field="prior_edu_cutoff")
        chosen["prior_edu_cutoff"] = cutoff.isoformat()
    return chosen


def same_current(before: str, after: str) -> None:
    """A new graduation date must not make another batch the open one behind everyone's back."""
    if before != after:
        raise BadInput(f"改后当前批次将由 {before} 变为 {after}：当前批次的毕业时间须晚于其他批次",
                       field="graduation_date")