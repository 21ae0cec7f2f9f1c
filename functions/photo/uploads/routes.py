"""The candidate's uploads: ask for a presigned POST, have what arrived checked, take or refuse the auto-fix."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field, StrictBool

from functions.common.session import CurrentCandidate

from .service import MAX_UPLOAD_BYTES, Uploads

router = APIRouter(prefix="/api/photo/uploads", tags=["candidate"])

# 32 hex digits, as uploads.py makes them: anything else never reaches the table.
UploadId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="上传编号")]


class NewUpload(BaseModel):
    """The file the browser is about to send: only its extension and declared size are used, never its name."""
    kind: str = Field(pattern=r"^[a-z_]{1,20}$", description="photo 或材料类型，如 other、diploma")
    filename: str = Field(min_length=1, max_length=255)
    size: int = Field(ge=1, le=MAX_UPLOAD_BYTES, strict=True)


class FixDecision(BaseModel):
    accept: StrictBool


def uploads(request: Request) -> Uploads:
    """Built per request from app.state, so the province profile is whatever the app holds now (tests swap it)."""
    state = request.app.state
    return Uploads(state.table, state.s3, state.settings.uploads_bucket, state.profile, state.clock)


@router.post("")
def start_upload(body: NewUpload, me: CurrentCandidate, request: Request):
    """A presigned POST (≤ 5 minutes) for one file under my own prefix, and its upload id."""
    return uploads(request).start(me, body.kind, body.filename, body.size)


@router.post("/{upload_id}/check")
def check_upload(upload_id: UploadId, me: CurrentCandidate, request: Request):
    """Check the file I uploaded: every finding at once, and an auto-fixed preview where one helps."""
    return uploads(request).check(me, upload_id)


@router.post("/{upload_id}/fix")
def decide_fix(upload_id: UploadId, body: FixDecision, me: CurrentCandidate, request: Request):
    """Accept the auto-fixed photo as my photo, or turn it down."""
    return uploads(request).decide_fix(me, upload_id, body.accept)


@router.get("")
def my_uploads(me: CurrentCandidate, request: Request):
    """My current files and their status, each with a short-lived link."""
    return {"uploads": uploads(request).current(me.exam_no)}
