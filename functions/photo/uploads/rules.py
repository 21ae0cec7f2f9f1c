"""What an upload may be and what may happen to it, judged without the bytes: the kinds the province takes, each
kind's extensions and size, whether an auto-fix may be taken, and who reviews photos. The bytes themselves are
judged by functions/photo/checks/. Pure: the service reads and writes, these functions only decide.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from functions.common.errors import BadInput, Conflict, Forbidden, NotFound
from functions.common.jurisdiction import ALL_OF_PROVINCE, OFFICE_NAMES
from functions.photo.checks.findings import size_text
from functions.photo.checks.imagefile import extension
from functions.photo.statuses import PHOTO_PASSED, AttemptStatus, UploadStatus
from functions.profiles.photo_rules import PhotoRules
from functions.profiles.vocabulary import DOCUMENT_NAMES

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # no upload of any kind, in any province, is larger than this
SOURCE_EXTENSIONS = (".jpg", ".jpeg", ".png")  # what auto-fix can turn into the standard JPEG
IDENTITY_PICTURES = ("id_front", "id_holding")     # what the identity check by photos reads (山西)
PHOTO = "photo"
# `<kind>.<extension>.<nonce><seal>`: what the check needs to find the file, so starting an upload writes no item but
# its audit entry. The seal ties the id to the candidate it was made for (see upload_id_parts). A bare 32-digit id
# is one made before ids carried their kind (its attempt item says the rest).
UPLOAD_ID_PATTERN = r"^(?:[a-z_]{1,24}\.[a-z0-9]{1,8}\.)?[0-9a-f]{32}$"


@dataclass(frozen=True)
class Accepts:
    """What one kind of upload may be, as far as can be known before the bytes arrive."""
    kind: str
    name: str
    extensions: tuple[str, ...]
    max_bytes: int
    # What may arrive: more than max_bytes where the check makes the file fit (the photo's auto-fix, a JPEG or
    # PNG document's downscale, checks/document_fit.py); the stored file still meets max_bytes.
    intake_bytes: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "intake_bytes", max(self.intake_bytes, self.max_bytes))


DOCUMENT_INTAKE_BYTES = 10 * 1024 * 1024   # a phone's photo of a certificate, which the fit then makes small


def accepts(rules: PhotoRules, kind: str) -> Accepts:
    if kind == PHOTO:
        from functions.photo.checks.photo import PhotoNotTaken, photo_spec  # Pillow and numpy on first use
        try:
            spec = photo_spec(rules)
        except PhotoNotTaken as err:
            raise BadInput(str(err), field="kind") from None
        # The upload is the source the check reports on and auto-fix works from, so it may be a phone's JPEG or
        # PNG of a few MB; the stored photo still has to meet max_bytes and the extension (the check says so).
        return Accepts(PHOTO, "照片", tuple(dict.fromkeys((*spec.extensions, *SOURCE_EXTENSIONS))),
                       spec.source_max_bytes)
    document = rules.documents.get(kind)
    if document is None:
        taken = ([f"{PHOTO}（照片）"] if rules.photo else []) + [f"{k}（{DOCUMENT_NAMES[k]}）" for k in rules.documents]
        what = f"本省不需要上传“{DOCUMENT_NAMES[kind]}”" if kind in DOCUMENT_NAMES else "未知的上传类型"
        raise BadInput(f"{what}，可选：{'、'.join(taken) or '无'}", field="kind")
    fits = "jpeg" in document.formats and any(e in (".jpg", ".jpeg") for e in document.extensions)
    return Accepts(kind, DOCUMENT_NAMES[kind], document.extensions, document.max_bytes,
                   DOCUMENT_INTAKE_BYTES if fits else 0)


def safe_extension(filename: str, allowed: Accepts) -> str:
    """The only thing taken from the client's file name, and only when it is one the rules allow."""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in filename):
        raise BadInput("文件名含有不可见的控制字符，请重命名后再上传", field="filename")
    ext = extension(filename)
    if ext not in allowed.extensions:
        raise BadInput(f"{allowed.name}的文件扩展名应为 {'、'.join(allowed.extensions)}，现为“{ext[:12] or '（无）'}”",
                       field="filename")
    return ext


def refuse_size(size: int, allowed: Accepts) -> None:
    if size > allowed.intake_bytes:
        raise BadInput(f"{allowed.name}文件 {size_text(size)}，最多 {size_text(allowed.intake_bytes)}", field="size")


def new_upload_id(exam_no: str, kind: str, ext: str, nonce: str) -> str:
    """The id of one upload of `kind` with extension `ext` by candidate `exam_no` (`nonce`: 16 random hex digits)."""
    return f"{kind}.{ext.removeprefix('.')}.{nonce}{_seal(exam_no, kind, ext, nonce)}"


def upload_id_parts(exam_no: str, upload_id: str) -> tuple[str, str] | None:
    """(kind, extension) of an id made for `exam_no` by new_upload_id; None for any other. Not a secret: anyone may
    make an id for their own exam number, which only names a file under their own prefix that nobody posted. What
    it does is answer another candidate's id as it answers an id never made (not found), not as one of one's own
    whose file has not arrived yet."""
    kind, ext, tail = (upload_id.split(".") + ["", ""])[:3]
    nonce, seal = tail[:16], tail[16:]
    if not (kind and ext and nonce) or seal != _seal(exam_no, kind, "." + ext, nonce):
        return None
    return kind, "." + ext


def _seal(exam_no: str, kind: str, ext: str, nonce: str) -> str:
    return hashlib.sha256(f"{exam_no}/{kind}/{ext}/{nonce}".encode()).hexdigest()[:16]


def after_check(ok: bool, fix_offered: bool) -> AttemptStatus:
    if ok:
        return AttemptStatus.OK
    return AttemptStatus.FIX_OFFERED if fix_offered else AttemptStatus.FAILED


def fix_acceptable(result: dict, warnings: list[dict]) -> bool:
    """"New photo needed" means the fix is only a preview of what is wrong: not something to accept."""
    return result["ok"] and not any(w["code"] == "NEW_PHOTO_NEEDED" for w in warnings)


def refuse_fix_decision(status: str, accept: bool, acceptable: bool) -> None:
    if status in (AttemptStatus.FIX_ACCEPTED, AttemptStatus.FIX_REJECTED):
        raise Conflict("这次自动调整已经确认过了")
    if status != AttemptStatus.FIX_OFFERED:
        raise Conflict("这次上传没有等待确认的自动调整结果")
    if accept and not acceptable:
        raise BadInput("自动调整后的照片仍不符合要求，不能采用；请按提示重新拍摄后上传", field="accept")


def new_file_status(reviewed_by: str | None) -> UploadStatus:
    """A file is current once checked; a photo waits for its review where the province has one."""
    return UploadStatus.PENDING_REVIEW if reviewed_by else UploadStatus.OK


def refuse_reviewer(review_role: str | None, role: str | None) -> None:
    """Photos are reviewed by the office the profile names (安徽 city, 山西 county) and the province."""
    if not review_role:
        raise NotFound("本省毕业申请不设照片审核")
    if role not in (review_role, *ALL_OF_PROVINCE):
        raise Forbidden(f"照片由{OFFICE_NAMES[review_role]}审核，您的账号无此权限")


def refuse_review(status: str, queued_upload: str, seen_upload: str | None) -> None:
    if status != UploadStatus.PENDING_REVIEW:
        raise Conflict("这张照片已经审核过了，请刷新审核队列")
    if seen_upload and seen_upload != queued_upload:
        raise Conflict("考生刚刚更换了照片，请刷新后重新审核")


def photo_passed(current: dict | None) -> bool:
    """Whether the candidate's current photo (its item) has passed: its check, or a person's review."""
    return current is not None and current.get("status") in PHOTO_PASSED


# What a failed photo check leaves the candidate (山西): a new upload, or 人工审核 of what they uploaded.
MANUAL_REVIEW_FROM = (AttemptStatus.FAILED, AttemptStatus.FIX_OFFERED, AttemptStatus.FIX_REJECTED)


def refuse_manual_review(after_submit: bool, slot: dict, current: str | None, submitted: bool) -> None:
    """人工审核 may be asked for a photo that failed its automatic check (and was kept for it), where the province
    takes the photo after submitting, once the application is submitted, and while no photo has passed or waits."""
    if not after_submit:
        raise NotFound("本省的照片不设人工审核申请")
    if slot["upload_kind"] != PHOTO or slot["status"] not in MANUAL_REVIEW_FROM or not slot.get("kept_key"):
        raise Conflict("只有未通过系统认证的照片可以申请人工审核", field="upload_id")
    if slot.get("manual_review_at"):
        raise Conflict("这张照片已经申请过人工审核；如需再次审核，请重新上传照片", field="upload_id")
    if not submitted:
        raise Conflict("请先提交毕业申请，提交后照片未通过系统认证的，可以申请人工审核")
    if current in PHOTO_PASSED:
        raise Conflict("您的照片已经认证通过，不需要人工审核")
    if current == UploadStatus.PENDING_REVIEW:
        raise Conflict("您已申请人工审核，请等待审核结果")


def after_review(approve: bool) -> UploadStatus:
    return UploadStatus.APPROVED if approve else UploadStatus.REJECTED
