"""The candidate's eligibility API: majors, audits, what-if, 顶替 suggestions and choices (about.py), and applying
the suggested 顶替 set in one step."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.models import AnswerRoute

from ..deps import EligibilityDep, Mine, MinePlan
from ..models import Audit
from .about import add_routes

router = APIRouter(prefix="/api/eligibility", tags=["candidate"], route_class=AnswerRoute)
add_routes(router, Mine, MinePlan)


@router.post("/choices/{plan_id}/suggested", response_model=Audit)
def apply_suggested(subject: MinePlan, eligibility: EligibilityDep):
    """Apply the suggested 顶替 set in one step; answers with the new audit."""
    return eligibility.apply_suggested(subject.who, subject.exam_no, subject.plan_id)
