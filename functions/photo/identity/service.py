"""The identity check by photos (provinces whose profile sets login.identity_check: photos; 山西, seed 004).

The candidate uploads 身份证人像面照 (id_front) and 手持身份证照 (id_holding) through the upload API; the check here
runs checks/identity.py on the current accepted files, as stored in S3, against the exam record's name and ID
number (and the graduation photo's face, once one is accepted). Verified only when it finds nothing: the card's
text matches the record and the faces match with margin. When it never passes, the candidate asks for a manual
review and the office holding the record (the 报名点) approves or rejects it with a reason, seeing the pictures
beside what the check read and how alike it found the faces. Who may do
what is rules.py's, every read and write store.py's; this module reads, calls, answers.
"""
from __future__ import annotations

from collections.abc import Callable

from functions.common.dynamo.office_queues import exam_no_of
from functions.common.dynamo.store import Store
from functions.common.errors import BadInput, NotFound
from functions.common.ids import mask_id_number
from functions.common.jurisdiction import may_see
from functions.common.session import Identity
from functions.photo.checks.imagefile import extension
from functions.photo.statuses import UploadStatus
from functions.photo.uploads.files import LINK_SECONDS, UploadFiles
from functions.photo.uploads.store import UploadStore
from functions.profiles.loader import Profile
from functions.profiles.photo_rules import PhotoRules
from functions.profiles.vocabulary import DOCUMENT_NAMES

from . import store as status
from .rules import PICTURES, refuse_check, refuse_reviewer

GRADUATION_PHOTO = "photo"      # its face is compared with the card's too, once accepted


class IdentityService:
    def __init__(self, table, uploads: UploadStore, files: UploadFiles, profile: Profile, clock: Callable[[], int]):
        if profile.data["login"]["identity_check"] != "photos":
            raise NotFound("本省考生注册不需要上传身份证照片进行身份认证")
        self.table, self.uploads, self.files, self.clock = table, uploads, files, clock
        self.records = Store(table)
        self.rules = PhotoRules.from_profile(profile.data)
        self.offices = [o["code"] for o in profile.data["offices"]]

    # -- candidate ----------------------------------------------------------------------------------------------
    def mine(self, me: Identity) -> dict:
        uploaded = {kind: self._current(me.exam_no, kind) for kind in PICTURES}
        return {**status.current(self.table, me.exam_no),
                "uploads": {kind: ({"upload_id": u["upload_id"]} if u else None) for kind, u in uploaded.items()}}

    def check(self, me: Identity) -> dict:
        refuse_check(status.current(self.table, me.exam_no)["status"])
        current = {kind: self._current(me.exam_no, kind) for kind in PICTURES}
        missing = [kind for kind, item in current.items() if item is None]
        if missing:
            names = "和".join(f"“{DOCUMENT_NAMES[k]}”" for k in missing)
            raise BadInput(f"请先上传{names}，上传并通过文件检查后再进行身份认证", field=missing[0], missing=missing)
        record = self.records.candidate(me.exam_no)
        if record is None:
            raise NotFound("找不到您的考籍记录，请联系所属报名点")
        keys = {kind: item["object_key"] for kind, item in current.items() if item}
        data = {kind: self.files.read_checked(key) for kind, key in keys.items()}
        photo = self.uploads.current(me.exam_no, GRADUATION_PHOTO)
        photo_bytes = (self.files.read_checked(photo["object_key"])
                       if photo and photo.get("status") in (UploadStatus.OK, UploadStatus.APPROVED) else None)
        from functions.photo.checks.identity import check_identity  # Pillow, numpy, the models: on first use
        against = {"name": record["name"], "id_number": record["id_number"]}
        result = check_identity(data["id_front"], "id_front" + extension(keys["id_front"]),
                                data["id_holding"], "id_holding" + extension(keys["id_holding"]), self.rules,
                                against, photo_bytes)
        earlier = status.checked_keys(self.table, me.exam_no)
        after = status.record_check(self.table, me.exam_no, me, result, against, current, self.clock())
        for key in earlier - set(keys.values()):     # pictures replaced since the last check, kept until now
            self.files.delete(key)
        return {**after, "ok": result["ok"], "measured": result["measured"]}

    def ask_manual(self, me: Identity) -> dict:
        record = self.records.candidate(me.exam_no)
        if record is None:
            raise NotFound("找不到您的考籍记录，请联系所属报名点")
        return status.request_manual(self.table, me.exam_no, me, record["office"], self.clock())

    # -- staff --------------------------------------------------------------------------------------------------
    def queue(self, staff: Identity, office: str | None, limit: int, cursor: str | None) -> dict:
        refuse_reviewer(staff.role)
        page, records = status.queue_page(self.table, staff, self.offices, office, limit, cursor)
        rows = []
        for item in page.items:
            record = records.get(exam_no_of(item))
            if record is None:
                continue
            shown = status.present(item)
            rows.append({"exam_no": exam_no_of(item), "name": record["name"], "office": record["office"],
                         "id_number": mask_id_number(record["id_number"]), "queued_at": item["queued_at"],
                         "attempts": shown["attempts"], "findings": [f["code"] for f in shown["findings"]]})
        return {"queue": rows, "cursor": page.cursor}

    def detail(self, staff: Identity, exam_no: str) -> dict:
        record, item = self._visible(staff, exam_no)
        status.note_read(self.table, exam_no, staff, self.clock())
        pictures = {kind: {"name": DOCUMENT_NAMES[kind], "url": self.files.link(p["object_key"]),
                           "expires_in": LINK_SECONDS} for kind, p in status.pictures(item).items()}
        # The full number is shown here (not in the list): comparing it with the card in the picture is the review.
        return {"exam_no": exam_no, "name": record["name"], "office": record["office"],
                "id_number": record["id_number"], **status.present(item), "pictures": pictures}

    def decide(self, staff: Identity, exam_no: str, approve: bool, reason: str | None) -> dict:
        self._visible(staff, exam_no)
        return {"exam_no": exam_no, **status.decide(self.table, exam_no, staff, approve, reason, self.clock())}

    # -- helpers ------------------------------------------------------------------------------------------------
    def _visible(self, staff: Identity, exam_no: str) -> tuple[dict, dict]:
        """The record and its identity item, if this member of staff may see them; another office's candidate
        is answered like one that does not exist."""
        refuse_reviewer(staff.role)
        record = self.records.candidate(exam_no)
        item = status.load(self.table, exam_no) if record else None
        if record is None or not may_see(staff, record["office"]) or item is None or not status.pictures(item):
            raise NotFound("找不到该考生的身份认证照片")
        return record, item

    def _current(self, exam_no: str, kind: str) -> dict | None:
        """The accepted file of one kind (ID pictures are never reviewed, so accepted means ok)."""
        item = self.uploads.current(exam_no, kind)
        return item if item and item.get("status") == UploadStatus.OK else None
