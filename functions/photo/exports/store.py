"""What the 学信网 photo package reads and writes, the one place of this feature that talks to DynamoDB and S3.

The graduates are the graduates CSV's own list: the review's key ranges of approved applications in the staff
member's jurisdiction (functions/apply/review: rules.list_ranges, ReviewStore.every), read the same way, so the two
exports of a batch name the same people. Each photo is the candidate's current photo, read from the uploads bucket's
checked/ prefix (only the photo function writes there); the zip goes where the CSV goes (the forms bucket's
exports/, deleted after a day) and is handed out as a presigned GET valid 5 minutes. Both exports are written to
the batch's audit log.
"""
from __future__ import annotations

from typing import BinaryIO

from botocore.exceptions import ClientError

from functions.apply.review import rules
from functions.apply.review.store import ReviewStore
from functions.common import batches
from functions.common.dynamo import keys
from functions.common.dynamo.office_queues import exam_no_of
from functions.common.session import Identity

PHOTO = "photo"


class PackageStore:
    def __init__(self, table, s3, uploads_bucket: str, forms_bucket: str):
        self.review = ReviewStore(table, s3)
        self.s3, self.uploads_bucket, self.forms_bucket = s3, uploads_bucket, forms_bucket

    def batches(self) -> list[dict]:
        return batches.all_batches(self.review.store)

    def graduates(self, staff: Identity, batch_id: str) -> list[dict]:
        """The list entries of the batch's approved applications in my jurisdiction (as the graduates CSV)."""
        return self.review.every(*rules.list_ranges(staff, batch_id, [rules.Status.APPROVED.value], None, None))

    def records(self, exam_nos: list[str]) -> dict[str, dict]:
        return self.review.records(exam_nos)

    def photos(self, exam_nos: list[str]) -> dict[str, dict]:
        """准考证号 → the current photo's item, for those who have one (one round trip per 100)."""
        found = self.review.store.get_items([keys.current_upload(e, PHOTO) for e in exam_nos])
        return {exam_no_of(i): i for i in found}

    def photo_bytes(self, object_key: str) -> bytes | None:
        """The checked photo's bytes; None if the object is gone."""
        try:
            return self.s3.get_object(Bucket=self.uploads_bucket, Key=object_key)["Body"].read()
        except ClientError as err:
            # Without s3:ListBucket (not granted: least privilege) S3 answers a missing key with 403, not 404.
            if err.response["Error"]["Code"] in ("404", "NoSuchKey", "403", "AccessDenied"):
                return None
            raise

    def save(self, key: str, zipped: BinaryIO) -> None:
        """The zip from its file, streamed by boto3 (never read whole into memory)."""
        self.s3.put_object(Bucket=self.forms_bucket, Key=key, Body=zipped, ContentType="application/zip")

    def link(self, key: str, filename: str) -> str:
        return self.review.link(self.forms_bucket, key, filename)

    def log(self, batch_id: str, staff: Identity, now: int, after: dict) -> None:
        self.review.log_batch(batch_id, staff, "export.photos", now, after)
