"""The uploaded files themselves, in S3. Files never pass through a request: the browser POSTs straight to S3 under
a key chosen here, then asks for a check, and the function reads the stored object back.

  uploads/<exam_no>/<kind>/<upload_id><ext>       written by the browser; deleted once checked
  checked/<exam_no>/<kind>/<upload_id>-<sha><ext> the exact bytes that passed, or the auto-fixed JPEG. Only the
                                                  function writes here, so a checked file cannot be swapped later.
  previews/<exam_no>/photo/<upload_id>-<sha>-fixed.jpg  an auto-fix offered and not yet taken: copied under
                                                  checked/ when taken, deleted when turned down, and gone after 30
                                                  days when never answered (the bucket's lifecycle rules)
"""
from __future__ import annotations

import hashlib
import logging

from botocore.exceptions import ClientError

from functions.common.errors import Conflict, TooLarge
from functions.common.links import LINK_SECONDS, download_link
from functions.photo.checks.findings import size_text
from functions.photo.checks.imagefile import sniff

log = logging.getLogger("biye.photo")

CHECKED, PREVIEWS = "checked/", "previews/"
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf", "zip": "application/zip"}


def upload_key(exam_no: str, kind: str, upload_id: str, ext: str) -> str:
    return f"uploads/{exam_no}/{kind}/{upload_id}{ext}"


def checked_base(exam_no: str, kind: str, upload_id: str, data: bytes) -> str:
    """The checked file's key without its extension (an auto-fixed variant adds to it)."""
    return f"checked/{exam_no}/{kind}/{upload_id}-{hashlib.sha256(data).hexdigest()[:16]}"


def fixed_key(base: str, data: bytes) -> str:
    """Where an auto-fix offer waits: beside the checked files, under the prefix that expires."""
    return f"{PREVIEWS}{base.removeprefix(CHECKED)}-fixed{'.png' if sniff(data) == 'png' else '.jpg'}"


def kept_key(base: str, ext: str) -> str:
    """Where a photo that failed its check waits for a 人工审核 the candidate may ask for (山西): under the prefix
    that expires, like an auto-fix offer; asked for, it is copied under checked/ (UploadFiles.keep)."""
    return f"{PREVIEWS}{base.removeprefix(CHECKED)}{ext}"


class UploadFiles:
    def __init__(self, s3, bucket: str):
        self.s3, self.bucket = s3, bucket

    def presigned_post(self, key: str, max_bytes: int) -> dict:
        """{"url", "fields"} for one POST of at most max_bytes to key, valid LINK_SECONDS."""
        return self.s3.generate_presigned_post(self.bucket, key, ExpiresIn=LINK_SECONDS,
                                               Conditions=[["content-length-range", 1, max_bytes]])

    def link(self, key: str) -> str:
        """A presigned GET as an attachment, never cached (common/links.py says why)."""
        return download_link(self.s3, self.bucket, key)

    def read_upload(self, key: str, name: str, max_bytes: int) -> bytes:
        """What the browser sent, size first (before a byte is read); `name` is what the page calls the kind."""
        try:
            head = self.s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as err:
            # Without s3:ListBucket (not granted: least privilege) S3 answers a missing key with 403, not 404.
            if err.response["Error"]["Code"] in ("404", "NoSuchKey", "403", "AccessDenied"):
                raise Conflict("还没有收到文件：请先上传，上传完成后再检查") from None
            raise
        if head["ContentLength"] > max_bytes:
            # The POST policy limits size on AWS, but moto ignores it and a policy is only as good as its signer:
            # this is the guard that counts, and it runs before a single byte is read.
            self.delete(key)
            raise TooLarge(f"{name}文件 {size_text(head['ContentLength'])}，超过上限 "
                           f"{size_text(max_bytes)}，已删除，请重新上传", field="file")
        try:   # If-Match: the bytes checked are the very object whose size was just read
            return self.s3.get_object(Bucket=self.bucket, Key=key, IfMatch=head["ETag"])["Body"].read()
        except ClientError as err:
            if err.response["Error"]["Code"] in ("PreconditionFailed", "NoSuchKey", "404"):
                raise Conflict("文件在检查时被替换或删除，请重新检查") from None
            raise

    def read_checked(self, key: str) -> bytes:
        # Only the function writes under checked/, and only bytes that passed the file check: no size guard needed.
        return self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def put(self, key: str, data: bytes) -> str:
        """Writes the checked bytes themselves (not a copy of the upload, which the browser could still replace)."""
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=data,
                           ContentType=CONTENT_TYPES.get(sniff(data), "application/octet-stream"))
        return key

    def keep(self, preview_key: str) -> str:
        """A taken auto-fix, copied from its preview under checked/ (a photo of some 40 KB); the preview is deleted
        by the caller once the record points at the copy. (An offer made before previews/ existed is there already.)"""
        if not preview_key.startswith(PREVIEWS):
            return preview_key
        return self.put(CHECKED + preview_key.removeprefix(PREVIEWS), self.read_checked(preview_key))

    def delete(self, key: str) -> None:
        try:
            self.s3.delete_object(Bucket=self.bucket, Key=key)
        except ClientError:   # an orphan costs storage, not correctness; the record never points at it
            log.warning("could not delete s3 object %s", key)
