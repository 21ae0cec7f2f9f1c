"""The candidate's eligibility API: majors, audits, what-if, 顶替 suggestions and choices."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from functions.common.session import CurrentCandidate
from functions.eligibility.service import Eligibility

router = APIRouter(prefix="/api/eligibility", tags=["candidate"])

PlanId = Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{1,40}$", description="专业考试计划编号")]
RuleId = Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{1,40}$", description="顶替规则编号")]
CourseCode = Annotated[str, Field(pattern=r"^[0-9A-Za-z-]{1,12}$")]


class Choice(BaseModel):
    """One 课程顶替: the rule, the passed courses it uses, the plan courses it replaces."""
    rule_id: str = Field(pattern=r"^[A-Za-z0-9-]{1,40}$")
    use: list[CourseCode] = Field(min_length=1, max_length=20)
    replace: list[CourseCode] = Field(min_length=1, max_length=20)


def eligibility(request: Request) -> Eligibility:
    return request.app.state.eligibility


@router.get("/majors")
def majors(me: CurrentCandidate, request: Request):
    """The majors I may apply in, each with a one-line verdict."""
    return {"majors": eligibility(request).majors(me.exam_no)}


@router.get("/audits/{plan_id}")
def full_audit(plan_id: PlanId, me: CurrentCandidate, request: Request):
    """The full audit of one major: verdict, findings, applied rules, suggestions, course status."""
    return eligibility(request).audit(me.exam_no, plan_id)


@router.get("/what-if")
def what_if(me: CurrentCandidate, request: Request):
    """Every plan I have passed courses in, ranked by what is still missing."""
    return {"plans": eligibility(request).what_if(me.exam_no)}


@router.get("/suggestions/{plan_id}")
def suggestions(plan_id: PlanId, me: CurrentCandidate, request: Request):
    """The 顶替 rules that help most, ready to apply in one step, and what would still be missing."""
    return eligibility(request).suggestions(me.exam_no, plan_id)


@router.post("/choices/{plan_id}")
def add_choice(plan_id: PlanId, choice: Choice, me: CurrentCandidate, request: Request):
    """Apply one 顶替 (checked against its rule, stored and logged); answers with the new audit."""
    return eligibility(request).add_choices(me, me.exam_no, plan_id, [choice.model_dump()])


@router.post("/choices/{plan_id}/suggested")
def apply_suggested(plan_id: PlanId, me: CurrentCandidate, request: Request):
    """Apply the suggested 顶替 set in one step; answers with the new audit."""
    return eligibility(request).apply_suggested(me, me.exam_no, plan_id)


@router.delete("/choices/{plan_id}/{rule_id}")
def remove_choice(plan_id: PlanId, rule_id: RuleId, me: CurrentCandidate, request: Request):
    """Remove an applied 顶替; answers with the new audit."""
    return eligibility(request).remove_choice(me, me.exam_no, plan_id, rule_id)
