"""Claims: the candidate's (make, withdraw, read with the outcome and the reason) and staff's (read, decide)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from functions.apply.deps import ClaimsDep, CurrentCandidate, CurrentStaff
from functions.common.models import AnswerRoute
from functions.common.params import ExamNo

from .models import ClaimDecision, Claims, NewClaim

router = APIRouter(route_class=AnswerRoute, tags=["claims"])
ClaimId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="申请事项编号")]


@router.get("/api/apply/application/claims", response_model=Claims)
def my_claims(me: CurrentCandidate, claims: ClaimsDep):
    return claims.mine(me)


@router.post("/api/apply/application/claims", response_model=Claims)
def make_claim(body: NewClaim, me: CurrentCandidate, claims: ClaimsDep):
    """A 免考 claim for a course not passed, with the certificate uploaded first (kind certificate)."""
    return claims.add(me, body.model_dump())


@router.delete("/api/apply/application/claims/{claim_id}", response_model=Claims)
def withdraw_claim(claim_id: ClaimId, me: CurrentCandidate, claims: ClaimsDep):
    return claims.withdraw(me, claim_id)


@router.get("/api/apply/staff/applications/{exam_no}/claims", response_model=Claims)
def their_claims(exam_no: ExamNo, staff: CurrentStaff, claims: ClaimsDep):
    return claims.for_staff(staff, exam_no)


@router.post("/api/apply/staff/applications/{exam_no}/claims/{claim_id}", response_model=Claims)
def decide_claim(exam_no: ExamNo, claim_id: ClaimId, body: ClaimDecision, staff: CurrentStaff, claims: ClaimsDep):
    """Verify (the course counts) or refuse with a reason (the course is missing again; the candidate reads why)."""
    return claims.decide(staff, exam_no, claim_id, body.decision, body.reason)
