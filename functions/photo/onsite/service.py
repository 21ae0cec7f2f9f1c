"""The photo the office takes at 现场确认 (湖北's profile: application.onsite_confirmation), where the province prints
the registration photo: for a candidate with none imported, or one whose imported 报名照片 the office replaces (the
newest of the two prints, forms/store.py registration_photo). Sent straight to S3 like any upload, then judged by the
same rules as an imported 报名照片 (registration_photos.judged_image) and kept under the candidate, with a line in
their log. Only the office that confirms on site (the first review stage's role) may send one, for an application
in its jurisdiction that is in review; anyone else is answered as if there were no such application.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from functions.apply.application.changes import in_review
from functions.common import audit_log
from functions.common.dynamo import keys, transact
from functions.common.errors import BadInput, NotFound
from functions.common.jurisdiction import may_see
from functions.common.session import Identity
from functions.common.time import iso
from functions.profiles.loader import Profile

from ..registration_photos import MAX_BYTES, ONSITE, SOURCES, judged_image, onsite_item, staff_url
from ..uploads.files import LINK_SECONDS, UploadFiles, upload_key
from ..uploads.rules import new_upload_id, upload_id_parts

NAME = "现场照片"


def onsite_role(profile: Profile) -> str | None:
    """Who confirms on site: the first review stage's office, where the province has 现场确认."""
    return profile.stages[0]["role"] if profile.data["application"]["onsite_confirmation"] else None


class OnsitePhotos:
    def __init__(self, table, files: UploadFiles, profile: Profile, clock: Callable[[], int]):
        self.table, self.files, self.role, self.clock = table, files, onsite_role(profile), clock

    def _visible(self, staff: Identity, exam_no: str) -> dict:
        item = in_review(self.table, exam_no)
        if self.role is None or staff.role != self.role or item is None or not may_see(staff, item["office"]):
            raise NotFound("找不到该考生待现场确认的申请")
        return item

    def start(self, staff: Identity, exam_no: str, filename: str) -> dict:
        self._visible(staff, exam_no)
        if not filename.lower().endswith((".jpg", ".jpeg")):
            raise BadInput(f"{NAME}应为 JPEG 图片（.jpg）", field="file")
        upload_id = new_upload_id(exam_no, ONSITE, ".jpg", secrets.token_hex(8))
        post = self.files.presigned_post(upload_key(exam_no, ONSITE, upload_id, ".jpg"), MAX_BYTES)
        return {"upload_id": upload_id, "url": post["url"], "fields": post["fields"], "expires_in": LINK_SECONDS,
                "max_bytes": MAX_BYTES}

    def check(self, staff: Identity, exam_no: str, upload_id: str) -> dict:
        """Judge what arrived; a good photo is kept (replacing an earlier one), a bad one deleted with the reason."""
        self._visible(staff, exam_no)
        if upload_id_parts(exam_no, upload_id) != (ONSITE, ".jpg"):
            raise NotFound("找不到这次上传，可能已过期，请重新上传")
        sent = upload_key(exam_no, ONSITE, upload_id, ".jpg")
        data = self.files.read_upload(sent, NAME, MAX_BYTES)
        self.files.delete(sent)
        photo, problem = judged_image(exam_no, data)
        if photo is None:
            raise BadInput(f"{NAME}：{problem}，请重新拍摄上传", field="file")
        key = f"checked/{exam_no}/{ONSITE}/{hashlib.sha256(photo.jpeg).hexdigest()[:16]}.jpg"
        self.files.put(key, photo.jpeg)       # the file first: an item never names a file that is not there
        now = self.clock()
        kept = onsite_item(photo, key, now, staff.account_id)
        logged = audit_log.log_item(keys.candidate(exam_no)[keys.PK], staff, "onsite_photo", now,
                                    after={"bytes": len(photo.jpeg)})
        transact.write_all(self.table, [transact.put(self.table, kept), transact.put(self.table, logged)],
                           "现场照片保存时出现冲突，请重试")
        return {"exam_no": exam_no, "source": ONSITE, "source_name": SOURCES[ONSITE], "taken_at": iso(now),
                "url": staff_url(exam_no)}
