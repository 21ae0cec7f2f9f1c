"""Every collaborator a route of the eligibility function gets, as an `Annotated[..., Depends]` alias: the service
(from `app.state`) and whose eligibility a request is about.

app.py builds the Eligibility service once per container (its reference cache is worth keeping between requests);
the alias hands it to routes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from functions.common.app_state import from_state
from functions.common.params import ExamNo
from functions.common.session import CurrentCandidate, CurrentStaff, Identity

from .models import PlanId
from .service import Eligibility

__all__ = ["CurrentCandidate", "CurrentStaff", "EligibilityDep", "Subject", "Mine", "MinePlan", "Theirs",
           "TheirsPlan"]


EligibilityDep = Annotated[Eligibility, Depends(from_state("eligibility"))]


@dataclass(frozen=True)
class Subject:
    """Whose eligibility a request is about (`exam_no`, and the plan its path names) and who asks (`who`: the
    candidate, or a member of staff, whom changes are logged with)."""
    who: Identity
    exam_no: str
    plan_id: str = ""

    def check(self, eligibility: Eligibility) -> None:
        """Staff see candidates of their jurisdiction only (a host university: by the plan); another's is answered
        exactly like one that does not exist. Called by the route, so a malformed body is refused (422) first,
        whoever it is about."""
        if self.who.is_staff:
            eligibility.visible(self.who, self.exam_no, self.plan_id or None)


def _mine(me: CurrentCandidate) -> Subject:
    return Subject(me, me.exam_no)


def _mine_plan(plan_id: PlanId, me: CurrentCandidate) -> Subject:
    return Subject(me, me.exam_no, plan_id)


def _theirs(exam_no: ExamNo, staff: CurrentStaff) -> Subject:
    return Subject(staff, exam_no)


def _theirs_plan(exam_no: ExamNo, plan_id: PlanId, staff: CurrentStaff) -> Subject:
    return Subject(staff, exam_no, plan_id)


# A candidate's own eligibility, and a candidate's as staff ask about it (the route runs Subject.check).
Mine = Annotated[Subject, Depends(_mine)]
MinePlan = Annotated[Subject, Depends(_mine_plan)]
Theirs = Annotated[Subject, Depends(_theirs)]
TheirsPlan = Annotated[Subject, Depends(_theirs_plan)]
