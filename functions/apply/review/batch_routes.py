"""Staff: batches and their windows (the provincial office changes them), and exports (each in the audit log)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from functions.apply.deps import CurrentStaff, ReviewDep

router = APIRouter(prefix="/api/apply/staff", tags=["batches"])
BatchId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,40}$", description="批次编号")]
CandidateType = Annotated[str, Path(min_length=1, max_length=20, description="考生类别，* 表示全部考生")]


class Window(BaseModel):
    opens: datetime = Field(description="开始时间，如 2026-11-01T00:00（北京时间）")
    closes: datetime = Field(description="结束时间，如 2027-01-15T17:00（北京时间）")


class Dates(BaseModel):
    graduation_date: date = Field(description="毕业时间 YYYY-MM-DD")
    prior_edu_cutoff: date | None = Field(default=None, description="前置学历证书落款日期最晚为 YYYY-MM-DD")


class Export(BaseModel):
    batch: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,40}$", description="批次（默认：当前批次）")


@router.get("/batches")
def batches(staff: CurrentStaff, review: ReviewDep):
    """Every batch: dates, each type's window and whether it is open now, which batch is current."""
    return {"batches": review.windows.list()}


@router.put("/batches/{batch_id}/windows/{candidate_type}")
def set_window(batch_id: BatchId, candidate_type: CandidateType, body: Window, staff: CurrentStaff,
               review: ReviewDep):
    """Province/admin: open or move one type's application window (to close it now, let it end now)."""
    return review.windows.set_window(staff, batch_id, candidate_type, body.opens, body.closes)


@router.put("/batches/{batch_id}/dates")
def set_dates(batch_id: BatchId, body: Dates, staff: CurrentStaff, review: ReviewDep):
    """Province/admin: the batch's graduation date and prior-education cut-off (the audits use them at once)."""
    return review.windows.set_dates(staff, batch_id, body.graduation_date, body.prior_edu_cutoff)


@router.post("/exports/graduates")
def export_graduates(body: Export, staff: CurrentStaff, review: ReviewDep):
    """The approved graduates in my jurisdiction as CSV for 学信网 registration: a link valid 5 minutes."""
    return review.exports.graduates(staff, review.batch(body.batch))


@router.post("/exports/counts")
def export_counts(body: Export, staff: CurrentStaff, review: ReviewDep):
    """How many applications stand in each stage and status, per county or city office, in my jurisdiction."""
    return review.exports.counts(staff, review.batch(body.batch))
