"""本、专科专业一并申请 (安徽, profile application.prior_education.concurrent_associate): a candidate who applies for a
专科 in a batch may apply for a 本科 in the same batch without proving prior education, the 本科 resting on the 专科
(seed 002: 当次一并申请办理我省自考本、专科毕业手续的，无需验证前置学历; 考生应在提交专科毕业申请后，及时向相关市
教育考试机构反映，确认本次专科专业符合毕业条件后再提交本科专业毕业申请).

Pure: how the 专科 application stands, as the 本科's audit reads it (the engine's concurrent_associate_application,
prior_education.py): pending until the office that decides prior education (安徽: the city) has passed it,
confirmed from then on, rejected with its reason while it stands rejected.
"""
from __future__ import annotations

from functions.profiles.vocabulary import is_bachelor

from .status import Lifecycle, Status


def bundles(profile_data: dict) -> bool:
    """Whether the province lets a 本科 rest on a 专科 applied for in the same batch."""
    return bool(profile_data["application"]["prior_education"].get("concurrent_associate"))


def associate_standing(item: dict | None, profile_data: dict) -> dict | None:
    """The 专科 application `item` of a batch as the engine reads it beside a 本科 of the same batch
    ({batch, major, status, reason}); None where the province has no such pairing or `item` is no 专科."""
    if not item or not bundles(profile_data) or is_bachelor(item.get("level")):
        return None
    state = Lifecycle.from_dict(item["lifecycle"])
    standing = {"batch": item["batch_id"], "major": item.get("major_name"), "status": _status(state, profile_data)}
    if standing["status"] == "rejected" and state.reason:
        standing["reason"] = state.reason
    return standing


def refused_over(standing: dict | None) -> str | None:
    """Why the 本科 may not pass while its 专科 (`standing`, associate_standing) stands rejected (seed 002: the 本科
    rests on the 专科 of the same batch), for the reviewer deciding the 本科; None otherwise."""
    if not standing or standing["status"] != "rejected":
        return None
    reason = f"（{standing['reason']}）" if standing.get("reason") else ""
    return (f"一并申请的专科专业（{standing['major']}）未通过审核{reason}，本科专业以其毕业审核通过为前提，"
            "不能审核通过，请驳回")


def _status(state: Lifecycle, profile_data: dict) -> str:
    if state.status == Status.APPROVED:
        return "confirmed"
    if state.status == Status.REJECTED:
        return "rejected"
    if state.status == Status.IN_REVIEW and state.stage in _after_confirmation(profile_data):
        return "confirmed"
    return "pending"


def _after_confirmation(profile_data: dict) -> list[str]:
    """The stages after the first one of the office that decides prior education (安徽: 市级教育考试机构初审): an
    application waiting at one of them has been confirmed by that office."""
    role = profile_data["application"]["prior_education"]["decided_by"]
    stages = [s["id"] for s in profile_data["review"]["stages"]]
    roles = [s.get("role") for s in profile_data["review"]["stages"]]
    return stages[roles.index(role) + 1:] if role in roles else []
