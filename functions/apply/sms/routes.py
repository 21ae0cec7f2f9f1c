"""Staff: the SMS sent to a candidate and their delivery state (read-only), for an application in my
jurisdiction; another jurisdiction's answers 404 as one that does not exist."""
from __future__ import annotations

from fastapi import APIRouter

from functions.apply.deps import CurrentStaff, DecisionsDep, OutboxDep
from functions.common.params import ExamNo
from functions.common.time import epoch_of, shown

from .models import SentMessages
from .rules import staff_view

router = APIRouter(prefix="/api/apply/staff")


@router.get("/applications/{exam_no}/messages", response_model=SentMessages, tags=["review"])
def sent_messages(exam_no: ExamNo, staff: CurrentStaff, decisions: DecisionsDep, outbox: OutboxDep):
    """The SMS sent to the candidate, newest first, each with its delivery state (codes hidden, phone masked)."""
    decisions.visible(staff, exam_no)
    return {"messages": [staff_view(item, shown, epoch_of) for item in outbox.to_candidate(exam_no)]}
