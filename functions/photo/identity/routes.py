"""The identity check by photos (provinces whose profile sets login.identity_check: photos; 山西, seed 004).

The candidate uploads 身份证人像面照 (id_front) and 手持身份证照 (id_holding) through the upload API; the check here
runs identity.py on the current accepted files, as stored in S3. When it never passes, the candidate asks for a
manual review and the office holding the record (the 报名点) approves or rejects it with a reason. The rules of
who may do what, and every write, are in functions/common/identity_status.py; this module reads, calls, answers.
"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field

from functions.common.dynamo import keys
from functions.common.dynamo.office_queues import exam_no_of, office_queue
from functions.common.dynamo.store import Store
from functions.common.errors import BadInput, Forbidden, NotFound
from functions.common.ids import mask_id_number
from functions.common.jurisdiction import ALL_OF_PROVINCE, may_see
from functions.common.list_params import OfficeFilter, PageCursor, PageLimit
from functions.common.session import CurrentCandidate, CurrentStaff, Identity
from functions.photo.checks.documents import KIND_NAMES
from functions.photo.checks.identity import check_identity
from functions.photo.checks.imagefile import extension
from functions.photo.uploads.service import LINK_SECONDS
from functions.profiles.photo_rules import PhotoRules

from . import store as status

PICTURES = ("id_front", "id_holding")
REVIEWERS = ("county", "city", *ALL_OF_PROVINCE)       # the 报名点 (county or city office) and the province

ExamNo = Annotated[str, Path(pattern=r"^\d{12}$", description="准考证号")]


class Decision(BaseModel):
    decision: Literal["approve", "reject"]
    reason: str | None = Field(default=None, max_length=200)


class IdentityService:
    def __init__(self, request: Request):
        state = request.app.state
        profile = state.profile
        if profile.data["login"]["identity_check"] != "photos":
            raise NotFound("本省考生注册不需要上传身份证照片进行身份认证")
        self.table, self.s3, self.bucket, self.clock = state.table, state.s3, state.settings.uploads_bucket, state.clock
        self.rules = PhotoRules.from_profile(profile.data)
        self.offices = [o["code"] for o in profile.data["offices"]]

    # -- candidate ----------------------------------------------------------------------------------------------
    def mine(self, me: Identity) -> dict:
        uploaded = {kind: self._current(me.exam_no, kind) for kind in PICTURES}
        return {**status.current(self.table, me.exam_no),
                "uploads": {kind: ({"upload_id": u["upload_id"]} if u else None) for kind, u in uploaded.items()}}

    def check(self, me: Identity) -> dict:
        status.refuse_check(status.current(self.table, me.exam_no)["status"])
        current = {kind: self._current(me.exam_no, kind) for kind in PICTURES}
        missing = [kind for kind in PICTURES if current[kind] is None]
        if missing:
            names = "和".join(f"“{KIND_NAMES[k]}”" for k in missing)
            raise BadInput(f"请先上传{names}，上传并通过文件检查后再进行身份认证", field=missing[0], missing=missing)
        data = {kind: self._read(current[kind]["object_key"]) for kind in PICTURES}
        result = check_identity(data["id_front"], "id_front" + extension(current["id_front"]["object_key"]),
                                data["id_holding"], "id_holding" + extension(current["id_holding"]["object_key"]),
                                self.rules)
        after = status.record_check(self.table, me.exam_no, me, result, current, self.clock())
        return {**after, "ok": result["ok"], "measured": result["measured"]}

    def ask_manual(self, me: Identity) -> dict:
        record = Store(self.table).candidate(me.exam_no)
        if record is None:
            raise NotFound("找不到您的考籍记录，请联系所属报名点")
        return status.request_manual(self.table, me.exam_no, me, record["office"], self.clock())

    # -- staff --------------------------------------------------------------------------------------------------
    def queue(self, staff: Identity, office: str | None, limit: int, cursor: str | None) -> dict:
        self._reviewer(staff)
        page, records = office_queue(self.table, staff, self.offices, office,
                                     lambda o: keys.identity_queue(o)[keys.GSI2PK],
                                     lambda i: i.get("status") == status.MANUAL_PENDING, limit, cursor)
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
        pictures = {kind: {"name": KIND_NAMES[kind], "url": self._link(p["object_key"]), "expires_in": LINK_SECONDS}
                    for kind, p in (item.get("pictures") or {}).items()}
        # The full number is shown here (not in the list): comparing it with the card in the picture is the review.
        return {"exam_no": exam_no, "name": record["name"], "office": record["office"],
                "id_number": record["id_number"], **status.present(item), "pictures": pictures}

    def decide(self, staff: Identity, exam_no: str, approve: bool, reason: str | None) -> dict:
        self._visible(staff, exam_no)
        return {"exam_no": exam_no, **status.decide(self.table, exam_no, staff, approve, reason, self.clock())}

    # -- helpers ------------------------------------------------------------------------------------------------
    def _reviewer(self, staff: Identity) -> None:
        if staff.role not in REVIEWERS:
            raise Forbidden("身份认证由考生所属报名点（县、市招办）人工审核，您的账号无此权限")

    def _visible(self, staff: Identity, exam_no: str) -> tuple[dict, dict]:
        """The record and its identity item, if this member of staff may see them; another office's candidate
        is answered like one that does not exist."""
        self._reviewer(staff)
        record = Store(self.table).candidate(exam_no)
        item = status.load(self.table, exam_no) if record else None
        if record is None or not may_see(staff, record["office"]) or item is None or not item.get("pictures"):
            raise NotFound("找不到该考生的身份认证照片")
        return record, item

    def _current(self, exam_no: str, kind: str) -> dict | None:
        item = self.table.get_item(Key=keys.current_upload(exam_no, kind), ConsistentRead=True).get("Item")
        return item if item and item.get("status") == "ok" else None

    def _read(self, key: str) -> bytes:
        # Only the function writes under checked/, and only bytes that passed the file check: no size guard needed.
        return self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def _link(self, key: str) -> str:
        return self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": key},
                                              ExpiresIn=LINK_SECONDS)


Service = Annotated[IdentityService, Depends(IdentityService)]
router = APIRouter(prefix="/api/photo", tags=["identity"])


@router.get("/identity")
def my_identity(me: CurrentCandidate, service: Service):
    """Where my identity check stands, with the last check's findings or the office's reason."""
    return service.mine(me)


@router.post("/identity/check")
def check(me: CurrentCandidate, service: Service):
    """Check my current ID portrait-side and holding-ID photos; verified when they pass."""
    return service.check(me)


@router.post("/identity/manual")
def ask_manual(me: CurrentCandidate, service: Service):
    """After a failed check: ask my office (报名点) to review the photos by hand."""
    return service.ask_manual(me)


@router.get("/staff/identity")
def queue(staff: CurrentStaff, service: Service, office: OfficeFilter = None, limit: PageLimit = 50,
          cursor: PageCursor = None):
    """A page of identity checks awaiting manual review in my offices, oldest first per office; ID numbers
    masked: {queue: [{exam_no, name, id_number, office, queued_at, attempts, findings}], cursor}."""
    return service.queue(staff, office, limit, cursor)


@router.get("/staff/identity/{exam_no}")
def detail(exam_no: ExamNo, staff: CurrentStaff, service: Service):
    """One candidate's two pictures (links valid ≤ 5 minutes) and the automatic check's findings."""
    return service.detail(staff, exam_no)


@router.post("/staff/identity/{exam_no}")
def decide(exam_no: ExamNo, body: Decision, staff: CurrentStaff, service: Service):
    """Approve or reject a queued identity check; a rejection needs a reason the candidate will read."""
    reason = (body.reason or "").strip() or None
    if body.decision == "reject" and (reason is None or len(reason) < 2):
        raise BadInput("退回身份认证请填写原因（至少 2 个字），考生会看到这条原因", field="reason")
    return service.decide(staff, exam_no, body.decision == "approve", reason)
