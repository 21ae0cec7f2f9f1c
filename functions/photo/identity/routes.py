"""The identity check by photos (山西): the candidate's check and request for a manual review, and the offices'
queue of checks awaiting a person. Provinces without it answer 404 on every route (IdentityDep)."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.models import AnswerRoute
from functions.common.params import ExamNo, OfficeFilter, PageCursor, PageLimit

from ..deps import CurrentCandidate, CurrentStaff, IdentityDep
from ..models import (
    IdentityChecked,
    IdentityDecided,
    IdentityDetail,
    IdentityQueue,
    IdentityState,
    MyIdentity,
    StaffDecision,
)

router = APIRouter(prefix="/api/photo", tags=["identity"], route_class=AnswerRoute)


@router.get("/identity", response_model=MyIdentity)
def my_identity(me: CurrentCandidate, service: IdentityDep):
    """Where my identity check stands, with the last check's findings or the office's reason."""
    return service.mine(me)


@router.post("/identity/check", response_model=IdentityChecked)
def check(me: CurrentCandidate, service: IdentityDep):
    """Check my current ID portrait-side and holding-ID photos; verified when they pass."""
    return service.check(me)


@router.post("/identity/manual", response_model=IdentityState)
def ask_manual(me: CurrentCandidate, service: IdentityDep):
    """After a failed check: ask my office (报名点) to review the photos by hand."""
    return service.ask_manual(me)


@router.get("/staff/identity", response_model=IdentityQueue)
def queue(staff: CurrentStaff, service: IdentityDep, office: OfficeFilter = None, limit: PageLimit = 50,
          cursor: PageCursor = None):
    """A page of identity checks awaiting manual review in my offices, oldest first per office; ID numbers
    masked."""
    return service.queue(staff, office, limit, cursor)


@router.get("/staff/identity/{exam_no}", response_model=IdentityDetail)
def detail(exam_no: ExamNo, staff: CurrentStaff, service: IdentityDep):
    """One candidate's two pictures (links valid ≤ 5 minutes) and the automatic check's findings."""
    return service.detail(staff, exam_no)


@router.post("/staff/identity/{exam_no}", response_model=IdentityDecided)
def decide(exam_no: ExamNo, body: StaffDecision, staff: CurrentStaff, service: IdentityDep):
    """Approve or reject a queued identity check; a rejection needs a reason the candidate will read."""
    return service.decide(staff, exam_no, body.decision == "approve", body.checked_reason("身份认证"))
