"""The same eligibility answers for staff, for candidates in their jurisdiction only, and staff exceptions."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.errors import BadInput
from functions.common.models import AnswerRoute

from ..deps import CurrentStaff, EligibilityDep
from ..models import Audit, Choice, ExamNo, Majors, PlanId, RuleId, StaffException, Suggestions, WhatIf

router = APIRouter(prefix="/api/eligibility/staff/candidates/{exam_no}", tags=["staff"], route_class=AnswerRoute)


@router.get("/majors", response_model=Majors)
def majors(exam_no: ExamNo, staff: CurrentStaff, eligibility: EligibilityDep):
    """A candidate's majors with one-line verdicts."""
    eligibility.visible(staff, exam_no)
    return {"majors": eligibility.majors(exam_no)}


@router.get("/audits/{plan_id}", response_model=Audit)
def full_audit(exam_no: ExamNo, plan_id: PlanId, staff: CurrentStaff, eligibility: EligibilityDep):
    """A candidate's full audit of one major."""
    eligibility.visible(staff, exam_no, plan_id)
    return eligibility.audit(exam_no, plan_id)


@router.get("/what-if", response_model=WhatIf)
def what_if(exam_no: ExamNo, staff: CurrentStaff, eligibility: EligibilityDep):
    """A candidate's what-if across every plan they have passed courses in."""
    eligibility.visible(staff, exam_no)
    return {"plans": eligibility.what_if(exam_no)}


@router.get("/suggestions/{plan_id}", response_model=Suggestions)
def suggestions(exam_no: ExamNo, plan_id: PlanId, staff: CurrentStaff, eligibility: EligibilityDep):
    """The suggested 顶替 set for a candidate."""
    eligibility.visible(staff, exam_no, plan_id)
    return eligibility.suggestions(exam_no, plan_id)


@router.post("/choices/{plan_id}", response_model=Audit)
def add_choice(exam_no: ExamNo, plan_id: PlanId, choice: Choice, staff: CurrentStaff, eligibility: EligibilityDep):
    """Apply a 顶替 on a candidate's behalf (checked against its rule and logged with the staff member)."""
    eligibility.visible(staff, exam_no, plan_id)
    return eligibility.add_choices(staff, exam_no, plan_id, [choice.model_dump()])


@router.delete("/choices/{plan_id}/{rule_id}", response_model=Audit)
def remove_choice(exam_no: ExamNo, plan_id: PlanId, rule_id: RuleId, staff: CurrentStaff,
                  eligibility: EligibilityDep):
    """Remove a candidate's 顶替."""
    eligibility.visible(staff, exam_no, plan_id)
    return eligibility.remove_choice(staff, exam_no, plan_id, rule_id)


@router.post("/exceptions/{plan_id}", response_model=Audit)
def add_exception(exam_no: ExamNo, plan_id: PlanId, body: StaffException, staff: CurrentStaff,
                  eligibility: EligibilityDep):
    """Record a staff exception (who, why and when are kept; every later audit applies it)."""
    eligibility.visible(staff, exam_no, plan_id)
    if body.kind == "substitute" and not (body.use and body.replace):
        raise BadInput("课程替代须填写所用课程 (use) 与被替代课程 (replace)", field="use")
    if body.kind != "substitute" and not body.target:
        raise BadInput("请填写要认定或免除的要求 (target)", field="target")
    return eligibility.add_exception(staff, exam_no, plan_id, body.model_dump(exclude_none=True))
