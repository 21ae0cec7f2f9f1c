"""The same eligibility answers for staff, for candidates in their jurisdiction only (about.py), and staff
exceptions."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.errors import BadInput
from functions.common.models import AnswerRoute

from ..deps import EligibilityDep, Theirs, TheirsPlan
from ..models import Audit, StaffException
from .about import add_routes

router = APIRouter(prefix="/api/eligibility/staff/candidates/{exam_no}", tags=["staff"], route_class=AnswerRoute)
add_routes(router, Theirs, TheirsPlan)


@router.post("/exceptions/{plan_id}", response_model=Audit)
def add_exception(body: StaffException, subject: TheirsPlan, eligibility: EligibilityDep):
    """Record a staff exception (who, why and when are kept; every later audit applies it)."""
    subject.check(eligibility)
    if body.kind == "substitute" and not (body.use and body.replace):
        raise BadInput("课程替代须填写所用课程 (use) 与被替代课程 (replace)", field="use")
    if body.kind != "substitute" and not body.target:
        raise BadInput("请填写要认定或免除的要求 (target)", field="target")
    return eligibility.add_exception(subject.who, subject.exam_no, subject.plan_id, body.model_dump(exclude_none=True))
