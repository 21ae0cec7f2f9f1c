"""The statuses the photo function writes, defined once: the apply function reads UploadStatus (the check-answers
page, the forms, the submit's rule that a photo must have passed review, bulk approval); IdentityStatus is what
sign-in in 山西 shows."""
from __future__ import annotations

from enum import StrEnum


class AttemptStatus(StrEnum):
    """One upload attempt (its slot): from the presigned POST to the check of what arrived and the fix offer."""
    AWAITING = "awaiting_upload"
    OK = "ok"
    FAILED = "failed"
    FIX_OFFERED = "fix_offered"
    FIX_ACCEPTED = "fix_accepted"
    FIX_REJECTED = "fix_rejected"


class UploadStatus(StrEnum):
    """The candidate's current file of one kind: checked, and for a photo in a province whose staff review photos
    (profile key application.photo_review) waiting for, or after, that review."""
    OK = "ok"
    PENDING_REVIEW = "pending_review"
    APPROVED = "approved"
    REJECTED = "rejected"


# A photo that counts as passed: checked where nobody reviews photos, approved where staff do (安徽: 相片审核通过后才能
# 提交). The submit's rule and 系统审核通过 (山西) read this one set.
PHOTO_PASSED = frozenset({UploadStatus.OK, UploadStatus.APPROVED})


def passed_for(application: dict) -> frozenset[UploadStatus]:
    """What counts as a passed photo for the staff's approval and the printed forms, given the profile's
    `application`: only staff approval where staff review every photo (安徽 city); where the photo comes after
    submitting (山西), its automatic check passes it (毕业照片系统线上认证) and staff approve only those sent to
    人工审核, so either counts; PHOTO_PASSED where nobody reviews photos."""
    if application["photo_review"] and not application["photo_after_submit"]:
        return frozenset({UploadStatus.APPROVED})
    return PHOTO_PASSED


class IdentityStatus(StrEnum):
    """The identity check by photos of one exam record (山西); not_started has no stored item."""
    NOT_STARTED = "not_started"
    VERIFIED = "verified"
    FAILED = "failed"
    MANUAL_PENDING = "manual_pending"
    REJECTED = "rejected"
