"""Other 准考证: the candidate's (add by name, ID number and 准考证号; withdraw; read with the outcome) and staff's
(read, confirm or refuse)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from functions.apply.claims.models import ClaimDecision  # the same answer as a 免考 claim's: verified or refused
from functions.apply.deps import CurrentCandidate, CurrentStaff, ExamNumbersDep
from functions.common.models import AnswerRoute
from functions.common.params import ExamNo

from .models import ExamNumbers, NewExamNumber

router = APIRouter(route_class=AnswerRoute, tags=["exam-numbers"])
EntryId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="准考证合并申请编号")]


@router.get("/api/apply/application/exam-numbers", response_model=ExamNumbers)
def my_exam_numbers(me: CurrentCandidate, service: ExamNumbersDep):
    return service.mine(me)


@router.post("/api/apply/application/exam-numbers", response_model=ExamNumbers)
def add_exam_number(body: NewExamNumber, me: CurrentCandidate, service: ExamNumbersDep):
    """Another 准考证 of the candidate's own (name and ID number as on their record); counts once confirmed."""
    return service.add(me, body.model_dump())


@router.delete("/api/apply/application/exam-numbers/{entry_id}", response_model=ExamNumbers)
def withdraw_exam_number(entry_id: EntryId, me: CurrentCandidate, service: ExamNumbersDep):
    return service.withdraw(me, entry_id)


@router.get("/api/apply/staff/applications/{exam_no}/exam-numbers", response_model=ExamNumbers)
def their_exam_numbers(exam_no: ExamNo, staff: CurrentStaff, service: ExamNumbersDep):
    return service.for_staff(staff, exam_no)


@router.post("/api/apply/staff/applications/{exam_no}/exam-numbers/{entry_id}", response_model=ExamNumbers)
def decide_exam_number(exam_no: ExamNo, entry_id: EntryId, body: ClaimDecision, staff: CurrentStaff,
                       service: ExamNumbersDep):
    """Confirm (its sittings count, each with its 准考证号) or refuse with a reason the candidate reads."""
    return service.decide(staff, exam_no, entry_id, body.decision, body.reason)
