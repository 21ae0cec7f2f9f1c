"""The candidate's uploads (ask for a presigned POST, have what arrived checked, take or refuse the auto-fix) and the
staff photo review queue, in provinces whose profile sets application.photo_review (安徽 city, 山西 county). The
queue is scoped on the server from the session: nobody chooses their own jurisdiction."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.models import AnswerRoute
from functions.common.params import ExamNo, OfficeFilter, PageCursor, PageLimit

from ..deps import CurrentCandidate, CurrentStaff, UploadsDep
from ..models import (
    CurrentUpload,
    FixDecided,
    FixDecision,
    MyUploads,
    NewUpload,
    PhotoDecision,
    PhotoQueue,
    PhotoReviewed,
    UploadCheck,
    UploadId,
    UploadSlot,
)

router = APIRouter(prefix="/api/photo", route_class=AnswerRoute)


@router.post("/uploads", response_model=UploadSlot, tags=["candidate"])
def start_upload(body: NewUpload, me: CurrentCandidate, uploads: UploadsDep):
    """A presigned POST (≤ 5 minutes) for one file under my own prefix, and its upload id."""
    return uploads.start(me, body.kind, body.filename, body.size)


@router.post("/uploads/{upload_id}/check", response_model=UploadCheck, tags=["candidate"])
def check_upload(upload_id: UploadId, me: CurrentCandidate, uploads: UploadsDep):
    """Check the file I uploaded: every finding at once, and an auto-fixed preview where one helps."""
    return uploads.check(me, upload_id)


@router.post("/uploads/{upload_id}/fix", response_model=FixDecided, tags=["candidate"])
def decide_fix(upload_id: UploadId, body: FixDecision, me: CurrentCandidate, uploads: UploadsDep):
    """Accept the auto-fixed photo as my photo, or turn it down."""
    return uploads.decide_fix(me, upload_id, body.accept)


@router.post("/uploads/{upload_id}/manual-review", response_model=CurrentUpload, tags=["candidate"])
def ask_manual_review(upload_id: UploadId, me: CurrentCandidate, uploads: UploadsDep):
    """Send my photo that failed the automatic check to 人工审核 at my county office (山西, after submitting)."""
    return uploads.ask_manual_review(me, upload_id)


@router.get("/uploads", response_model=MyUploads, tags=["candidate"])
def my_uploads(me: CurrentCandidate, uploads: UploadsDep):
    """My current files and their status, each with a short-lived link."""
    return {"uploads": uploads.current(me.exam_no)}


@router.get("/staff/queue", response_model=PhotoQueue, tags=["staff"])
def queue(staff: CurrentStaff, uploads: UploadsDep, office: OfficeFilter = None, limit: PageLimit = 50,
          cursor: PageCursor = None):
    """A page of photos awaiting review in my offices, oldest first per office, each with a short-lived link and
    the ID number masked."""
    return uploads.queue(staff, office, limit, cursor)


@router.post("/staff/queue/{exam_no}", response_model=PhotoReviewed, tags=["staff"])
def review(exam_no: ExamNo, body: PhotoDecision, staff: CurrentStaff, uploads: UploadsDep):
    """Approve or reject a candidate's photo; a rejection needs a reason the candidate will read."""
    return uploads.review(staff, exam_no, body.decision == "approve", body.checked_reason("照片"), body.upload_id)
