"""The same eligibility answers for staff, for candidates in their jurisdiction only, and staff exceptions."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from functions.common.errors import BadInput, NotFound
from functions.common.jurisdiction import may_see
from functions.common.session import CurrentStaff, Identity

from .candidate import Choice, PlanId, RuleId, eligibility

router = APIRouter(prefix="/api/eligibility/staff/candidates/{exam_no}", tags=["staff"])

ExamNo = Annotated[str, Path(pattern=r"^\d{12}$", description="准考证号")]


class StaffException(BaseModel):
    """Force-complete a requirement, waive one, or let one passed course stand for another."""
    kind: Literal["force_complete", "waive", "substitute"]
    target: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,40}$")
    use: str | None = Field(default=None, pattern=r"^[0-9A-Za-z-]{1,12}$")
    replace: str | None = Field(default=None, pattern=r"^[0-9A-Za-z-]{1,12}$")
    reason: str = Field(min_length=2, max_length=500)


def _visible(staff: Identity, request: Request, exam_no: str, plan_id: str | None = None) -> None:
    """Another jurisdiction's candidate is answered exactly like one that does not exist."""
    record = request.app.state.eligibility.store.candidate(exam_no)
    hosts = request.app.state.eligibility.plan(plan_id).get("host_universities") or [] if plan_id else []
    if record is None or not may_see(staff, record["office"], hosts):
        raise NotFound("找不到该考生的考籍记录")


@router.get("/majors")
def majors(exam_no: ExamNo, staff: CurrentStaff, request: Request):
    """A candidate's majors with one-line verdicts."""
    _visible(staff, request, exam_no)
    return {"majors": eligibility(request).majors(exam_no)}


@router.get("/audits/{plan_id}")
def full_audit(exam_no: ExamNo, plan_id: PlanId, staff: CurrentStaff, request: Request):
    """A candidate's full audit of one major."""
    _visible(staff, request, exam_no, plan_id)
    return eligibility(request).audit(exam_no, plan_id)


@router.get("/what-if")
def what_if(exam_no: ExamNo, staff: CurrentStaff, request: Request):
    """A candidate's what-if across every plan they have passed courses in."""
    _visible(staff, request, exam_no)
    return {"plans": eligibility(request).what_if(exam_no)}


@router.get("/suggestions/{plan_id}")
def suggestions(exam_no: ExamNo, plan_id: PlanId, staff: CurrentStaff, request: Request):
    """The suggested 顶替 set for a candidate."""
    _visible(staff, request, exam_no, plan_id)
    return eligibility(request).suggestions(exam_no, plan_id)


@router.post("/choices/{plan_id}")
def add_choice(exam_no: ExamNo, plan_id: PlanId, choice: Choice, staff: CurrentStaff, request: Request):
    """Apply a 顶替 on a candidate's behalf (checked against its rule and logged with the staff member)."""
    _visible(staff, request, exam_no, plan_id)
    return eligibility(request).add_choices(staff, exam_no, plan_id, [choice.model_dump()])


@router.delete("/choices/{plan_id}/{rule_id}")
def remove_choice(exam_no: ExamNo, plan_id: PlanId, rule_id: RuleId, staff: CurrentStaff, request: Request):
    """Remove a candidate's 顶替."""
    _visible(staff, request, exam_no, plan_id)
    return eligibility(request).remove_choice(staff, exam_no, plan_id, rule_id)


@router.post("/exceptions/{plan_id}")
def add_exception(exam_no: ExamNo, plan_id: PlanId, body: StaffException, staff: CurrentStaff, request: Request):
    """Record a staff exception (who, why and when are kept; every later audit applies it)."""
    _visible(staff, request, exam_no, plan_id)
    if body.kind == "substitute" and not (body.use and body.replace):
        raise BadInput("课程替代须填写所用课程 (use) 与被替代课程 (replace)", field="use")
    if body.kind != "substitute" and not body.target:
        raise BadInput("请填写要认定或免除的要求 (target)", field="target")
    made = {k: v for k, v in body.model_dump().items() if v is not None}
    return eligibility(request).add_exception(staff, exam_no, plan_id, made)
