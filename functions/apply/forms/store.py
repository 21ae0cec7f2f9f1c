"""Printed forms in S3 and the FORM item under the candidate that says which stored copy is current (named by the
digest of its data, so two makers of the same data write the same thing), and the upload files a form prints."""
from __future__ import annotations

from functions.common import audit_log
from functions.common.dynamo import keys
from functions.common.links import download_link
from functions.common.session import Identity
from functions.photo import registration_photos


class FormStore:
    def __init__(self, table, s3, forms_bucket: str, uploads_bucket: str):
        self.table, self.s3, self.bucket, self.uploads_bucket = table, s3, forms_bucket, uploads_bucket

    def note_read(self, exam_no: str, staff: Identity, now: int, about: dict) -> None:
        """A member of staff opened the candidate's form: in the candidate's log."""
        audit_log.note_read(self.table, keys.candidate(exam_no)[keys.PK], staff, audit_log.READ_FORM, now, about)

    def copy(self, exam_no: str, batch_id: str, form_id: str) -> dict | None:
        """The FORM item of the current copy, if any."""
        return self.table.get_item(Key=keys.form_copy(exam_no, batch_id, form_id), ConsistentRead=True).get("Item")

    def upload(self, object_key: str) -> bytes:
        """The bytes of an uploaded file (the photo, the signature)."""
        return self.s3.get_object(Bucket=self.uploads_bucket, Key=object_key)["Body"].read()

    def registration_photo(self, exam_no: str) -> bytes | None:
        """The newer of the 报名照片 imported for the candidate (functions/photo/registration_photos.py) and the photo
        the office took at 现场确认 (functions/photo/onsite/), if any."""
        item = registration_photo(self.table, exam_no)
        return self.upload(item["object_key"]) if item else None

    def keep(self, item: dict, form_id: str, digest: str, pdf: bytes, details: dict) -> dict:
        """Store `pdf` as the current copy of the form (named by `digest`); answers its FORM item."""
        at = keys.slot(item["batch_id"], item.get("pair", ""))     # a second application's form is its own
        object_key = f"forms/{item['exam_no']}/{at}/{form_id}-{digest[:16]}.pdf"
        self.s3.put_object(Bucket=self.bucket, Key=object_key, Body=pdf, ContentType="application/pdf")
        copy = {**keys.form_copy(item["exam_no"], at, form_id), "kind": "form", "form_id": form_id,
                "digest": digest, "object_key": object_key, "bytes": len(pdf), **details}
        self.table.put_item(Item=copy)     # two makers of the same digest write the same thing
        return copy

    def link(self, copy: dict, filename: str) -> str:
        """A short-lived GET of the copy (it is stored as application/pdf) that downloads as `filename`."""
        return download_link(self.s3, self.bucket, copy["object_key"], filename)


def registration_photo(table, exam_no: str) -> dict | None:
    """The item of the photo a form prints where the province collects none online: the newer of the imported 报名照片
    (what the candidate registered with) and the office's photo taken at 现场确认. An office that takes a photo on
    site means it to be printed (the imported one is old or unlike the candidate), and a later import wins again."""
    found = [item for key in (keys.registration_photo(exam_no), keys.onsite_photo(exam_no))
             if (item := table.get_item(Key=key).get("Item"))]
    return registration_photos.newest(found)
