"""现场确认's photo (湖北): the office that confirms on site sends the candidate's photo taken there, which the 申请表
prints where no 报名照片 was imported. Scoped on the server from the session: another office's candidate is 404."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.models import AnswerRoute
from functions.common.params import ExamNo

from ..deps import CurrentStaff, OnsitePhotosDep
from ..models import UploadId
from .models import NewShot, OnsitePhoto, ShotSlot

router = APIRouter(prefix="/api/photo/staff/onsite", route_class=AnswerRoute)


@router.post("/{exam_no}", response_model=ShotSlot, tags=["staff"])
def start(exam_no: ExamNo, body: NewShot, staff: CurrentStaff, photos: OnsitePhotosDep):
    """A presigned POST (≤ 5 minutes) for the photo taken on site, and its upload id."""
    return photos.start(staff, exam_no, body.filename)


@router.post("/{exam_no}/{upload_id}/check", response_model=OnsitePhoto, tags=["staff"])
def check(exam_no: ExamNo, upload_id: UploadId, staff: CurrentStaff, photos: OnsitePhotosDep):
    """Check the photo sent and keep it as the photo the 申请表 prints (unless a 报名照片 was imported)."""
    return photos.check(staff, exam_no, upload_id)
