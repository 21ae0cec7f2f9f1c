"""Staff review: what I review, lists and queues, search, one application's page, bulk approval.

Every route is scoped on the server from the session; another jurisdiction's application answers 404 exactly as
one that does not exist. Single decisions and 现场确认 are application_routes' (`.../{exam_no}/decision`, `/onsite`).
"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from functions.apply.deps import CurrentStaff, ReviewDep
from functions.common.jurisdiction import ALL_OF_PROVINCE
from functions.common.list_params import OfficeFilter, PageCursor, PageLimit
from functions.eligibility.engine import Verdict

from . import bulk, index
from .queues import Filters

router = APIRouter(prefix="/api/apply/staff", tags=["review"])
ExamNo = Annotated[str, Path(pattern=r"^\d{12}$", description="准考证号")]
BatchId = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,40}$", description="批次（默认：当前批次）")]


class Search(BaseModel):
    q: str = Field(min_length=1, max_length=40, description="姓名、身份证号或准考证号（放在请求体中，不进入网址和日志）")
    batch: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,40}$")
    cursor: str | None = Field(default=None, max_length=2000, pattern=r"^[A-Za-z0-9_-]+$")
    limit: int = Field(default=50, ge=1, le=100, strict=True)   # strict: true is not 1


class BulkApproval(BaseModel):
    stage: str = Field(pattern=r"^[a-z_]{1,40}$", description="审核阶段编号")
    exam_nos: list[Annotated[str, Field(pattern=r"^\d{12}$")]] = Field(min_length=1, max_length=bulk.MAX_BULK)


@router.get("/review")
def overview(staff: CurrentStaff, review: ReviewDep):
    """What I review: the province's stages (mine marked), statuses, reject reasons, my offices or universities,
    the batches, and which extra queues (photos, identity, 现场确认) the province has."""
    data = review.profile.data
    offices = data["offices"] if staff.role in ALL_OF_PROVINCE else \
        [o for o in data["offices"] if o["code"] in staff.offices]
    return {"role": staff.role, "stages": [{**s, "mine": s.get("role") == staff.role} for s in review.profile.stages],
            "statuses": list(index.STATUSES), "reject_reasons": data["review"]["reject_reasons"],
            "offices": offices, "universities": list(staff.universities),
            "batches": [{"id": b["id"], "name": b.get("name"), "graduation_date": b["graduation_date"]}
                        for b in review.batches()],
            "current_batch": review.batch_id(None), "onsite_confirmation": data["application"]["onsite_confirmation"],
            "photo_review": data["application"]["photo_review"],
            "identity_review": data["login"]["identity_check"] == "photos"}


@router.get("/applications")
def applications(staff: CurrentStaff, review: ReviewDep, batch: BatchId = None,
                 stage: Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$")] = None,
                 status: Literal["draft", "in_review", "approved", "rejected"] | None = None,
                 office: OfficeFilter = None,
                 host: Annotated[str | None, Query(min_length=2, max_length=50)] = None,
                 plan: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,64}$")] = None,
                 verdict: Literal[Verdict.ELIGIBLE, Verdict.ELIGIBLE_CONDITIONAL] | None = None,
                 clean: bool | None = None, onsite: Literal["awaiting", "confirmed"] | None = None,
                 limit: PageLimit = 50, cursor: PageCursor = None):
    """A page of a queue (`stage`) or list (`status`; neither: every state) in my jurisdiction, oldest first per
    office; `onsite=awaiting` lists who still has to come for 现场确认. Answers {items, cursor}."""
    if onsite == "awaiting" and not (stage or status):          # who still has to come: the first stage's queue
        stage = review.profile.stages[0]["id"]
    filters = Filters(stage=stage, status=status, office=office, host=host, plan_id=plan, verdict=verdict,
                      clean=clean, onsite=None if onsite is None else onsite == "confirmed")
    return review.queues.list(staff, review.batch_id(batch), filters, limit, cursor)


@router.post("/applications/search")
def search(body: Search, staff: CurrentStaff, review: ReviewDep):
    """Find applications by name, ID number or 准考证号 in my jurisdiction; ID numbers shown masked."""
    return review.queues.search(staff, review.batch_id(body.batch), body.q, body.limit, body.cursor)


@router.get("/applications/{exam_no}")
def application(exam_no: ExamNo, staff: CurrentStaff, review: ReviewDep, batch: BatchId = None):
    """One application for review: candidate, audit now and at submit, transcript, photo, documents (links valid
    5 minutes), identity check, history, and the actions open to me."""
    return review.page.show(staff, exam_no, review.batch_id(batch))


@router.post("/applications/bulk-approve")
def bulk_approve(body: BulkApproval, staff: CurrentStaff, review: ReviewDep):
    """Approve, at one stage of the open batch, those of the listed applications that are clean; say which were
    skipped and why."""
    return bulk.approve_clean(review.table, staff, review.profile, review.eligibility, review.decide,
                              review.batch_id(None), body.stage, body.exam_nos)
