"""Staff actions on an application: decisions at a stage, on-site confirmation, printing a candidate's form."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from functions.apply.application.routes import ExamNo, FormId
from functions.apply.deps import CurrentStaff, DecisionsDep, FormsDep

router = APIRouter(prefix="/api/apply/staff/applications/{exam_no}", tags=["staff decisions"])


class Decision(BaseModel):
    stage: str = Field(pattern=r"^[a-z_]{1,40}$", description="审核阶段编号")
    decision: Literal["approve", "reject"]
    reason: str | None = Field(default=None, max_length=200)


@router.post("/decision")
def decide(exam_no: ExamNo, body: Decision, staff: CurrentStaff, decisions: DecisionsDep):
    """Approve or reject at the named stage (the stage makes a stale second decision fail, not overwrite)."""
    return decisions.decide(staff, exam_no, body.stage, body.decision == "approve", body.reason)


@router.post("/onsite")
def confirm_onsite(exam_no: ExamNo, staff: CurrentStaff, decisions: DecisionsDep):
    """现场确认 (湖北): recorded by the office; locks the candidate's data."""
    return decisions.confirm_onsite(staff, exam_no)


@router.get("/forms/{form_id}")
def candidate_form(exam_no: ExamNo, form_id: FormId, staff: CurrentStaff, decisions: DecisionsDep,
                   forms: FormsDep):
    """A short-lived link to a candidate's printed form, for an application in my jurisdiction."""
    _, item = decisions.visible(staff, exam_no)
    return forms.link(item, form_id)
