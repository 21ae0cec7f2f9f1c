"""Bulk approval of clean applications at one stage: each one decided on its own, each skip said with its reason.

Clean means: at the stage named, the audit as it stands now has no finding at all (so a staff exception entered
with its reason counts, and a record re-imported since submit is judged as it is), and, where the province
reviews photos, the photo is approved. Each approval goes through the same decision as a single one (conditional
on the version read): one decided meanwhile by someone else is skipped with that reason, never overwritten.
"""
from __future__ import annotations

from collections.abc import Callable

from functions.apply.application import lifecycle
from functions.common.dynamo import keys
from functions.common.errors import AppError, BadInput, Forbidden
from functions.common.jurisdiction import OFFICE_NAMES
from functions.common.session import Identity

from .detail import visible_application
from .queues import described

MAX_BULK = 100


def approve_clean(table, staff: Identity, profile, eligibility, decide: Callable, batch_id: str, stage_id: str,
                  exam_nos: list[str]) -> dict:
    stage = next((s for s in profile.stages if s["id"] == stage_id), None)
    if stage is None or stage["kind"] != "review":
        reviews = "、".join(f"{s['id']}（{s['name']}）" for s in profile.stages if s["kind"] == "review")
        raise BadInput(f"批量审核通过只用于审核阶段，可选：{reviews}", field="stage")
    if stage["role"] != staff.role:
        raise Forbidden(f"「{stage['name']}」由{OFFICE_NAMES[stage['role']]}办理，您的账号不能批量审核通过")
    approved, skipped = [], []
    for exam_no in dict.fromkeys(exam_nos):
        try:
            why = _not_clean(table, staff, profile, eligibility, batch_id, stage, exam_no)
            if why is None:
                decide(staff, exam_no, stage_id, True, None)
                approved.append(exam_no)
                continue
        except AppError as err:       # not found, decided meanwhile (409), refused by the lifecycle
            why = {"code": err.code, "message": err.message}
        skipped.append({"exam_no": exam_no, **why})
    return {"stage": stage_id, "approved": approved, "skipped": skipped}


def _not_clean(table, staff: Identity, profile, eligibility, batch_id: str, stage: dict, exam_no: str) -> dict | None:
    """Why this application is not approved in bulk, or None when it is clean."""
    item = visible_application(table, staff, exam_no, batch_id)
    state = lifecycle.Lifecycle.from_dict(item["lifecycle"])
    if state.status != lifecycle.IN_REVIEW or state.stage != stage["id"]:
        now = described(state, profile.data)["status_text"]
        return {"code": "NOT_AT_STAGE", "message": f"该申请不在「{stage['name']}」阶段（当前：{now}）"}
    audit = eligibility.audit(exam_no, item["plan_id"])
    if audit["findings"]:
        return {"code": "FINDINGS", "message": "审核发现问题，请逐份审核：" + "；".join(
            f["message"] for f in audit["findings"][:3]), "findings": [f["code"] for f in audit["findings"]]}
    if profile.data["application"]["photo_review"]:
        photo = table.get_item(Key=keys.current_upload(exam_no, "photo"), ConsistentRead=True).get("Item")
        if photo is None or photo.get("status") != "approved":
            return {"code": "PHOTO_NOT_APPROVED", "message": "照片尚未审核通过"}
    return None
