"""Staff record 学信网 checks of manual 前置学历 claims: one on the application page, or an export and import."""
from __future__ import annotations

from fastapi import APIRouter

from functions.apply.deps import CurrentStaff, PriorClaimsDep
from functions.common.models import AnswerRoute
from functions.common.params import ExamNo

from .models import AnswersFile, AnswersImported, PendingChecks, PriorDecision, StaffPriorCheck

router = APIRouter(route_class=AnswerRoute, tags=["prior education checks"])


@router.get("/api/apply/staff/applications/{exam_no}/prior-education", response_model=StaffPriorCheck)
def their_prior_education(exam_no: ExamNo, staff: CurrentStaff, checks: PriorClaimsDep):
    return checks.for_staff(staff, exam_no)


@router.post("/api/apply/staff/applications/{exam_no}/prior-education", response_model=StaffPriorCheck)
def record_prior_check(exam_no: ExamNo, body: PriorDecision, staff: CurrentStaff, checks: PriorClaimsDep):
    """What 学信网 showed: verified, or refused with a reason the candidate reads."""
    return checks.decide(staff, exam_no, body.decision, body.reason)


@router.get("/api/apply/staff/prior-education/pending", response_model=PendingChecks)
def pending_prior_checks(staff: CurrentStaff, checks: PriorClaimsDep):
    """The manual claims in my jurisdiction waiting for a 学信网 check, as CSV."""
    return checks.pending(staff)


@router.post("/api/apply/staff/prior-education/answers", response_model=AnswersImported)
def import_prior_checks(body: AnswersFile, staff: CurrentStaff, checks: PriorClaimsDep):
    """The export with 核对结果 and 原因 filled in: all rows stored, or every bad row named and none stored."""
    return checks.import_answers(staff, body.text)
