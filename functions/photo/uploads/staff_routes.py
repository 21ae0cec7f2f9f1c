"""The staff photo review queue, in provinces whose profile sets application.photo_review (安徽 city, 山西 county).
Scoped on the server from the session: nobody chooses their own jurisdiction."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from functions.common.errors import BadInput
from functions.common.list_params import OfficeFilter, PageCursor, PageLimit
from functions.common.session import CurrentStaff

from .routes import uploads

router = APIRouter(prefix="/api/photo/staff/queue", tags=["staff"])

ExamNo = Annotated[str, Path(pattern=r"^\d{12}$", description="准考证号")]


class Decision(BaseModel):
    decision: Literal["approve", "reject"]
    reason: str | None = Field(default=None, max_length=200)
    # The photo the reviewer looked at: if the candidate replaced it meanwhile, the decision is refused (409).
    upload_id: str | None = Field(default=None, pattern=r"^[0-9a-f]{32}$")


@router.get("")
def queue(staff: CurrentStaff, request: Request, office: OfficeFilter = None, limit: PageLimit = 50,
          cursor: PageCursor = None):
    """A page of photos awaiting review in my offices, oldest first per office, each with a short-lived link:
    {queue: [{exam_no, name, id_number (masked), office, queued_at, url, findings, ...}], cursor}."""
    return uploads(request).queue(staff, office, limit, cursor)


@router.post("/{exam_no}")
def decide(exam_no: ExamNo, body: Decision, staff: CurrentStaff, request: Request):
    """Approve or reject a candidate's photo; a rejection needs a reason the candidate will read."""
    reason = (body.reason or "").strip() or None
    if body.decision == "reject" and (reason is None or len(reason) < 2):
        raise BadInput("退回照片请填写原因（至少 2 个字），考生会看到这条原因", field="reason")
    return uploads(request).review(staff, exam_no, body.decision == "approve", reason, body.upload_id)
