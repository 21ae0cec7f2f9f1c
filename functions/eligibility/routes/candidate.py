"""The candidate's eligibility API: majors, audits, what-if, 顶替 suggestions and choices."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.models import AnswerRoute

from ..deps import CurrentCandidate, EligibilityDep
from ..models import Audit, Choice, Majors, PlanId, RuleId, Suggestions, WhatIf

router = APIRouter(prefix="/api/eligibility", tags=["candidate"], route_class=AnswerRoute)


@router.get("/majors", response_model=Majors)
def majors(me: CurrentCandidate, eligibility: EligibilityDep):
    """The majors I may apply in, each with a one-line verdict."""
    return {"majors": eligibility.majors(me.exam_no)}


@router.get("/audits/{plan_id}", response_model=Audit)
def full_audit(plan_id: PlanId, me: CurrentCandidate, eligibility: EligibilityDep):
    """The full audit of one major: verdict, findings, applied rules, suggestions, course status."""
    return eligibility.audit(me.exam_no, plan_id)


@router.get("/what-if", response_model=WhatIf)
def what_if(me: CurrentCandidate, eligibility: EligibilityDep):
    """Every plan I have passed courses in, ranked by what is still missing."""
    return {"plans": eligibility.what_if(me.exam_no)}


@router.get("/suggestions/{plan_id}", response_model=Suggestions)
def suggestions(plan_id: PlanId, me: CurrentCandidate, eligibility: EligibilityDep):
    """The 顶替 rules that help most, ready to apply in one step, and what would still be missing."""
    return eligibility.suggestions(me.exam_no, plan_id)


@router.post("/choices/{plan_id}", response_model=Audit)
def add_choice(plan_id: PlanId, choice: Choice, me: CurrentCandidate, eligibility: EligibilityDep):
    """Apply one 顶替 (checked against its rule, stored and logged); answers with the new audit."""
    return eligibility.add_choices(me, me.exam_no, plan_id, [choice.model_dump()])


@router.post("/choices/{plan_id}/suggested", response_model=Audit)
def apply_suggested(plan_id: PlanId, me: CurrentCandidate, eligibility: EligibilityDep):
    """Apply the suggested 顶替 set in one step; answers with the new audit."""
    return eligibility.apply_suggested(me, me.exam_no, plan_id)


@router.delete("/choices/{plan_id}/{rule_id}", response_model=Audit)
def remove_choice(plan_id: PlanId, rule_id: RuleId, me: CurrentCandidate, eligibility: EligibilityDep):
    """Remove an applied 顶替; answers with the new audit."""
    return eligibility.remove_choice(me, me.exam_no, plan_id, rule_id)
