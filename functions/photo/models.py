"""The photo function's HTTP shapes: the bodies its routes take and the answers they give. Answers subclass Answer
(extra="forbid"), so a field the code returns but no model declares fails the tests instead of vanishing; fields
that only some answers carry are optional and left out when absent (the routes serialise with exclude_unset)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, Field, StrictBool

from functions.common.errors import BadInput
from functions.common.jurisdiction import Role
from functions.common.models import Answer
from functions.common.params import BATCH_PATTERN, EXAM_NO_PATTERN
from functions.photo.statuses import AttemptStatus, IdentityStatus, UploadStatus

from .uploads.rules import MAX_UPLOAD_BYTES, UPLOAD_ID_PATTERN

Decision = Literal["approve", "reject"]
# As the service makes them (uploads/rules.py): anything else never reaches the table.
UploadId = Annotated[str, Path(pattern=UPLOAD_ID_PATTERN, description="上传编号")]


# -- bodies ---------------------------------------------------------------------------------------------------------
class NewUpload(BaseModel):
    """The file the browser is about to send: only its extension and declared size are used, never its name."""
    kind: str = Field(pattern=r"^[a-z_]{1,20}$", description="photo 或材料类型，如 other、diploma")
    filename: str = Field(min_length=1, max_length=255)
    size: int = Field(ge=1, le=MAX_UPLOAD_BYTES, strict=True)


class FixDecision(BaseModel):
    accept: StrictBool


class StaffDecision(BaseModel):
    decision: Decision
    reason: str | None = Field(default=None, max_length=200)

    def checked_reason(self, what: str) -> str | None:
        """The reason as stored (blank is none); a rejection needs one the candidate can act on."""
        reason = (self.reason or "").strip() or None
        if self.decision == "reject" and (reason is None or len(reason) < 2):
            raise BadInput(f"退回{what}请填写原因（至少 2 个字），考生会看到这条原因", field="reason")
        return reason


class PhotoDecision(StaffDecision):
    # The photo the reviewer looked at: if the candidate replaced it meanwhile, the decision is refused (409).
    upload_id: str | None = Field(default=None, pattern=UPLOAD_ID_PATTERN)


# -- parts of answers -----------------------------------------------------------------------------------------------
class Finding(Answer):
    """One problem of a file, with the numbers (checks/findings.py; identity findings also name the picture)."""
    code: str
    kind: str | None = Field(default=None, description="哪一张照片（身份认证）")
    message: str = Field(description="问题")
    hint: str | None = Field(default=None, description="怎么改")
    measured: Any = None
    expected: Any = None


class FixWarning(Answer):
    code: str
    message: str


class StaffReview(Answer):
    decision: Decision
    reason: str | None = Field(description="退回原因")
    role: Role
    at: str


class Fitted(Answer):
    """What the downscale of a document measured (checks/document_fit.py), for the candidate to confirm."""
    before_bytes: int = Field(description="原文件大小（字节）")
    before_width: int = Field(description="原图宽（像素）")
    before_height: int = Field(description="原图高（像素）")
    after_bytes: int = Field(description="缩小后大小（字节）")
    width: int = Field(description="缩小后宽（像素）")
    height: int = Field(description="缩小后高（像素）")
    quality: int = Field(description="JPEG 质量")


class FixOffer(Answer):
    """The auto-fixed photo (or a document made to fit): a preview, what is still wrong with it, and whether it may
    be taken."""
    preview_url: str
    expires_in: int
    ok: bool
    findings: list[Finding]
    warnings: list[FixWarning]
    acceptable: bool
    fitted: Fitted | None = None


# -- uploads --------------------------------------------------------------------------------------------------------
class UploadSlot(Answer):
    """Where the browser POSTs the file (straight to S3), and the upload id to check it by."""
    upload_id: str
    kind: str
    url: str
    fields: dict[str, str]
    expires_in: int
    max_bytes: int


class UploadCheck(Answer):
    upload_id: str
    kind: str
    status: AttemptStatus
    ok: bool | None = None
    findings: list[Finding] | None = None
    measured: dict[str, Any] | None = None
    fix: FixOffer | None = None
    manual_review: bool | None = Field(default=None, description="照片未通过系统认证：可以申请人工审核（山西）")


class CurrentUpload(Answer):
    kind: str
    upload_id: str
    status: UploadStatus
    fixed: bool = Field(description="自动调整后的照片")
    ok: bool
    findings: list[Finding]
    url: str
    expires_in: int
    updated_at: str
    review: StaffReview | None = None


class FixDecided(UploadCheck):
    current: CurrentUpload | None


class MyUploads(Answer):
    uploads: list[CurrentUpload]


class QueuedPhoto(CurrentUpload):
    exam_no: str
    name: str | None
    id_number: str = Field(description="身份证号（部分隐藏）")
    office: str
    queued_at: str


class PhotoQueue(Answer):
    queue: list[QueuedPhoto]
    cursor: str | None


class PhotoReviewed(CurrentUpload):
    exam_no: str


# -- identity -------------------------------------------------------------------------------------------------------
class IdentityRead(Answer):
    """What the automatic check read on the card's portrait side (None where it could not read it)."""
    name: str | None = Field(default=None, description="证件上的姓名")
    id_number: str | None = Field(default=None, description="证件上的公民身份号码")


class IdentityState(Answer):
    status: IdentityStatus
    attempts: int
    findings: list[Finding]
    read: IdentityRead | None = None
    face_match: float | None = Field(default=None, description="证件人像与手持照片人脸的相似度（0–1）")
    checked_at: str | None = None
    queued_at: str | None = None
    review: StaffReview | None = None
    reason: str | None = Field(default=None, description="退回原因")


class UploadRef(Answer):
    upload_id: str


class IdentityUploads(Answer):
    id_front: UploadRef | None
    id_holding: UploadRef | None


class MyIdentity(IdentityState):
    uploads: IdentityUploads


class IdentityChecked(IdentityState):
    ok: bool
    measured: dict[str, Any]


class QueuedIdentity(Answer):
    exam_no: str
    name: str
    office: str
    id_number: str = Field(description="身份证号（部分隐藏）")
    queued_at: str
    attempts: int
    findings: list[str]


class IdentityQueue(Answer):
    queue: list[QueuedIdentity]
    cursor: str | None


class IdentityPicture(Answer):
    name: str
    url: str
    expires_in: int


class IdentityDetail(IdentityState):
    exam_no: str
    name: str
    office: str
    id_number: str
    pictures: dict[str, IdentityPicture]


class IdentityDecided(IdentityState):
    exam_no: str


# -- the 学信网 photo package -----------------------------------------------------------------------------------------
class PhotoPackageRequest(BaseModel):
    batch: str | None = Field(default=None, pattern=BATCH_PATTERN, description="批次（默认：当前批次）")
    # A batch's graduates take several packages where they do not fit one request (exports/service.py): the next
    # package starts after the last 准考证号 of the one before.
    after: str | None = Field(default=None, pattern=EXAM_NO_PATTERN, description="上一包最后一位毕业生的准考证号")


class LeftOutPhoto(Answer):
    """A graduate whose photo is not in the package, and why (for the office to ask for a new one)."""
    name: str = Field(description="姓名")
    exam_no: str = Field(description="准考证号")
    reason: str = Field(description="原因")


class PhotoPackage(Answer):
    batch: str
    filename: str
    url: str = Field(description="下载链接（5 分钟内有效）")
    expires_in: int
    graduates: int = Field(description="批次中我管辖范围内审核通过的毕业生人数")
    done: int = Field(description="到这一包为止已处理的人数")
    photos: int = Field(description="这一包中的照片张数")
    left_out: list[LeftOutPhoto]
    next: str | None = Field(description="还有毕业生未处理时：下一包从这个准考证号之后开始")
