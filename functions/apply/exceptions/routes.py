"""Staff exceptions, four eyes: ask (with a preview of the verdict), approve, reject or withdraw, and the list of
requests waiting for me."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from functions.apply.deps import CurrentStaff, ExceptionsDep
from functions.common.models import AnswerRoute
from functions.common.params import ExamNo

from .models import ExceptionDecision, Exceptions, NewException, PendingExceptions, Preview

router = APIRouter(route_class=AnswerRoute, tags=["exceptions"])
RequestId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="特殊处理编号")]
BASE = "/api/apply/staff/applications/{exam_no}/exceptions"


@router.get(BASE, response_model=Exceptions)
def their_exceptions(exam_no: ExamNo, staff: CurrentStaff, exceptions: ExceptionsDep):
    return exceptions.for_staff(staff, exam_no)


@router.post(BASE + "/preview", response_model=Preview)
def preview(exam_no: ExamNo, body: NewException, staff: CurrentStaff, exceptions: ExceptionsDep):
    """The verdict the audit would give once the exception is approved: nothing is stored (declared before the
    decision's route, whose request id "preview" is not)."""
    return exceptions.preview(staff, exam_no, body.model_dump())


@router.post(BASE, response_model=Exceptions)
def ask(exam_no: ExamNo, body: NewException, staff: CurrentStaff, exceptions: ExceptionsDep):
    """Ask for an exception with a reason: it waits for a second member of staff and changes nothing until then."""
    return exceptions.ask(staff, exam_no, body.model_dump())


@router.post(BASE + "/{request_id}", response_model=Exceptions)
def decide(exam_no: ExamNo, request_id: RequestId, body: ExceptionDecision, staff: CurrentStaff,
           exceptions: ExceptionsDep):
    """A second member of staff approves (the exception takes effect) or rejects it; the one who asked withdraws."""
    return exceptions.decide(staff, exam_no, request_id, body.decision, body.reason)


@router.get("/api/apply/staff/exceptions/pending", response_model=PendingExceptions)
def pending(staff: CurrentStaff, exceptions: ExceptionsDep):
    """Exceptions other staff asked for, in my jurisdiction, waiting for my approval."""
    return {"requests": exceptions.pending(staff)}
