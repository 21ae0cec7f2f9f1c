"""The candidate's eligibility API: majors, audits, what-if, 顶替 suggestions and choices (about.py), applying
the suggested 顶替 set in one step, and 安徽's 替代课程 (a course from the plan's list for a course not passed)."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.models import AnswerRoute

from ..deps import EligibilityDep, Mine, MinePlan
from ..models import Audit, Replacement, ReplacementList
from .about import add_routes

router = APIRouter(prefix="/api/eligibility", tags=["candidate"], route_class=AnswerRoute)
add_routes(router, Mine, MinePlan)


@router.post("/choices/{plan_id}/suggested", response_model=Audit)
def apply_suggested(subject: MinePlan, eligibility: EligibilityDep):
    """Apply the suggested 顶替 set in one step; answers with the new audit."""
    return eligibility.apply_suggested(subject.who, subject.exam_no, subject.plan_id)


@router.get("/replacements/{plan_id}", response_model=ReplacementList)
def replacements(subject: MinePlan, eligibility: EligibilityDep):
    """Each course of the plan I have not passed that has a 替代课程 list: the list in words, passed or not."""
    return eligibility.replacements(subject.exam_no, subject.plan_id)


@router.post("/replacements/{plan_id}", response_model=Audit)
def add_replacement(body: Replacement, subject: MinePlan, eligibility: EligibilityDep):
    """Replace a course not passed by a passed 替代课程 from the plan's list (stored and logged as a 顶替 choice);
    answers with the new audit."""
    return eligibility.add_replacement(subject.who, subject.exam_no, subject.plan_id, body.course, body.replacement)
