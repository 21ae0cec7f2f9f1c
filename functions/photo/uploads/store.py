"""The candidate's uploads as stored: one item per attempt and one per current file, the staff photo queue, and
every change together with its audit-log entry in one transaction.

  CAND#<exam_no> / UPLOADSLOT#<upload_id>   one checked attempt: kind, keys, status, check result, fix offer
                                            (written by the check: starting an upload writes only its audit
                                            entry, the id carrying the rest; an attempt awaiting its check is
                                            `awaiting`, made from the id)
  CAND#<exam_no> / UPLOAD#<kind>            the current accepted file; a photo awaiting staff review also carries
                                            the sparse GSI2 queue entry PHOTOQ#<office>

The photo function writes them; the apply function reads the current files (`current_uploads`) for the
check-answers page and the printed forms.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from boto3.dynamodb.conditions import Key

from functions.apply.application.changes import handling_office, in_review
from functions.apply.application.events import EffectTag
from functions.apply.effects.rules import reconsider_id
from functions.apply.effects.store import owed_item
from functions.common import audit_log
from functions.common.audit_log import log_item
from functions.common.dynamo import keys, transact
from functions.common.dynamo.office_queues import office_queue
from functions.common.dynamo.pages import Page
from functions.common.dynamo.store import Store
from functions.common.session import Identity
from functions.common.time import iso
from functions.photo.statuses import AttemptStatus, UploadStatus
from functions.photo.uploads.rules import PHOTO

KEEP_SECONDS = 30 * 24 * 60 * 60    # a checked attempt (and its fix offer) for a month; the audit log keeps the rest


def current_uploads(table, exam_no: str) -> dict[str, dict]:
    """{kind: item} of the candidate's current files (status ok, pending_review, approved or rejected)."""
    answer = table.query(ConsistentRead=True, KeyConditionExpression=Key(keys.PK).eq(f"CAND#{exam_no}")
                         & Key(keys.SK).begins_with(keys.CURRENT_UPLOAD_PREFIX))
    return {item["upload_kind"]: item for item in answer["Items"]}


def moved_to(table, exam_no: str, office: str) -> list[dict]:
    """The transaction action that gives the candidate's photo to `office`, now handling the application (山西: the
    office chosen), with its queue entry while it waits for review: the office reviewing the application reviews
    the photo. Nothing when there is no photo reviewed by an office, or it is that office's already."""
    item = table.get_item(Key=keys.current_upload(exam_no, PHOTO), ConsistentRead=True).get("Item")
    if item is None or "office" not in item or item["office"] == office:
        return []
    moved = {**item, "office": office}
    if keys.GSI2PK in item:
        moved.update(keys.photo_queue(office, item["queued_at"], exam_no))
    # only the photo read, as it was (a new upload or a decision in between refuses the change: read again)
    return [transact.put(table, moved, "upload_id = :u AND #s = :s", {":u": item["upload_id"], ":s": item["status"]},
                         names={"#s": "status"})]


def decoded(item: dict, name: str) -> Any:
    """A check result or fix offer as the item keeps it (JSON text: DynamoDB has no floats)."""
    return json.loads(item[name])


@dataclass(frozen=True)
class NewFile:
    """A file that becomes the candidate's current one of its kind."""
    kind: str
    upload_id: str
    object_key: str
    result: dict
    fixed: bool
    status: UploadStatus
    office: str | None = None        # the office whose review queue it waits on


class UploadStore:
    def __init__(self, table):
        self.table = table

    def office_of(self, exam_no: str) -> str | None:
        """The office whose queue a photo waits on: the one handling the application (山西: chosen), else the
        record's (a photo may come before the major is chosen)."""
        handling = handling_office(self.table, exam_no)
        if handling:
            return handling
        record = Store(self.table).candidate(exam_no)
        return record["office"] if record else None

    def slot(self, exam_no: str, upload_id: str) -> dict | None:
        return self.table.get_item(Key=keys.upload_slot(exam_no, upload_id), ConsistentRead=True).get("Item")

    def current(self, exam_no: str, kind: str) -> dict | None:
        return self.table.get_item(Key=keys.current_upload(exam_no, kind), ConsistentRead=True).get("Item")

    def all_current(self, exam_no: str) -> list[dict]:
        return list(current_uploads(self.table, exam_no).values())

    def note_start(self, who: Identity, upload_id: str, kind: str, now: int) -> None:
        """The audit entry of an upload begun (who began uploading what, when): every change names who made it,
        even one the application does not use until the check that follows. One plain put, and the only write:
        the id says where the file goes (rules.new_upload_id), so no attempt item waits for the file (a write
        saved on every upload; the check writes the attempt, conditional on there being none yet)."""
        self.table.put_item(Item=log_item(f"CAND#{who.exam_no}", who, "upload.start", now,
                                          after={"kind": kind, "upload_id": upload_id}))

    @staticmethod
    def awaiting(exam_no: str, upload_id: str, kind: str, ext: str, object_key: str) -> dict:
        """An attempt begun and not yet checked, as the check writes it (not stored until then)."""
        return {**keys.upload_slot(exam_no, upload_id), "kind": "upload_slot", "upload_id": upload_id,
                "upload_kind": kind, "extension": ext, "object_key": object_key,
                "status": AttemptStatus.AWAITING.value}

    def save_check(self, who: Identity, slot: dict, status: AttemptStatus, result: dict, fix: dict | None,
                   new: NewFile | None, now: int, kept: str | None = None,
                   reconsider: bool = False) -> tuple[dict, str | None]:
        """The checked attempt, its fix offer or the file that became current, and the audit entry: only if the
        attempt was still awaiting its check. Returns the attempt as stored and the object key of the file the new
        one replaced (the caller deletes it). `kept`: a failed photo's stored file, for 人工审核 (山西);
        `reconsider`: a passed photo owes the system review again (_reconsider)."""
        exam_no = who.exam_no
        after = {**slot, "status": status.value, "result": _json(result), "checked_at": now,
                 keys.TTL_ATTRIBUTE: now + KEEP_SECONDS}
        if new:
            after["stored_key"] = new.object_key
        if fix:
            after["fix"] = _json(fix)
        if kept:
            after["kept_key"] = kept
        current, before, replaced = self._current_item(exam_no, new, now) if new else (None, None, None)
        entry = log_item(f"CAND#{exam_no}", who, "upload.check", now, before=before, after={
            "kind": slot["upload_kind"], "upload_id": slot["upload_id"], "status": after["status"],
            "findings": [f["code"] for f in result["findings"]]})
        owed = self._reconsider(exam_no, now) if reconsider and new and new.kind == PHOTO else []
        self._write(after, AttemptStatus.AWAITING, current, entry, "这个文件刚刚已检查过，请刷新", owed)
        return after, replaced

    def save_fix_decision(self, who: Identity, slot: dict, status: AttemptStatus, new: NewFile | None,
                          now: int, reconsider: bool = False) -> tuple[dict, dict | None, str | None]:
        """The candidate's answer to a fix offer and, when taken, the fixed photo as the current one (and the key of
        the file it replaced)."""
        after = {**slot, "status": status.value, "decided_at": now}
        current, before, replaced = self._current_item(who.exam_no, new, now) if new else (None, None, None)
        action = "upload.fix_" + ("accept" if status == AttemptStatus.FIX_ACCEPTED else "reject")
        entry = log_item(f"CAND#{who.exam_no}", who, action, now, before=before,
                         after={"upload_id": slot["upload_id"], "status": after["status"]})
        owed = self._reconsider(who.exam_no, now) if reconsider and new and new.kind == PHOTO else []
        self._write(after, AttemptStatus.FIX_OFFERED, current, entry, "这次自动调整刚刚已确认过，请刷新", owed)
        return after, current, replaced

    def save_manual_request(self, who: Identity, slot: dict, new: NewFile, now: int) -> tuple[dict, str | None]:
        """A failed photo sent to 人工审核 (山西): it becomes the current photo, in its office's queue; the attempt
        notes when, only if it is still as read. Returns the current item and the key of the file it replaced."""
        attempt = {**slot, "manual_review_at": now}
        current, before, replaced = self._current_item(who.exam_no, new, now)
        entry = log_item(f"CAND#{who.exam_no}", who, "photo.manual_review", now, before=before,
                         after={"upload_id": new.upload_id, "status": new.status.value, "office": new.office})
        self._write(attempt, AttemptStatus(slot["status"]), current, entry, "照片刚刚有变化，请刷新后再申请人工审核")
        return current, replaced

    def save_review(self, staff: Identity, exam_no: str, item: dict, status: UploadStatus, reason: str | None,
                    now: int, reconsider: bool = False) -> dict:
        """A staff decision on a queued photo, only if it is still the same photo still waiting; off the queue.
        `reconsider`: an approval owes the system review again (山西's 人工审核: _reconsider)."""
        after = {k: v for k, v in item.items() if k not in (keys.GSI2PK, keys.GSI2SK)}
        after.update(status=status.value, review={"decision": "approve" if status == UploadStatus.APPROVED
                                                   else "reject", "reason": reason, "role": staff.role, "at": iso(now)})
        pending = UploadStatus.PENDING_REVIEW.value
        change = transact.put(self.table, after, "#s = :was AND upload_id = :u", {":was": pending,
                                                                                 ":u": item["upload_id"]},
                              names={"#s": "status"})
        entry = log_item(f"CAND#{exam_no}", staff, "photo.review", now, reason=reason,
                         before={"upload_id": item["upload_id"], "status": pending},
                         after={"upload_id": item["upload_id"], "status": after["status"]})
        owed = self._reconsider(exam_no, now) if reconsider and status == UploadStatus.APPROVED else []
        transact.write_all(self.table, [change, transact.put(self.table, entry), *owed],
                           "另一位工作人员刚刚审核了这张照片，请刷新审核队列")
        return after

    def note_queue_read(self, staff: Identity, exam_nos: list[str], now: int) -> None:
        """A page of the photo queue was shown: one entry, in the reader's own log (a queue spans batches),
        naming whose photos."""
        audit_log.note_read(self.table, keys.account(staff.account_id)[keys.PK], staff, audit_log.READ_PHOTOS, now,
                            {"exam_nos": exam_nos})

    def photo_queue(self, staff: Identity, offices: list[str], office: str | None, limit: int,
                    cursor: str | None) -> tuple[Page, dict[str, dict]]:
        """A page of photos awaiting review in the staff member's offices, with the candidates' records."""
        return office_queue(self.table, staff, offices, office, lambda o: keys.photo_queue(o)[keys.GSI2PK],
                            lambda i: i.get("status") == UploadStatus.PENDING_REVIEW, limit, cursor)

    def _current_item(self, exam_no: str, new: NewFile, now: int) -> tuple[dict, dict | None, str | None]:
        """The new current item, what it replaces as the audit log names it, and the replaced file's key."""
        old = self.current(exam_no, new.kind)
        item = {**keys.current_upload(exam_no, new.kind), "kind": "upload", "upload_kind": new.kind,
                "upload_id": new.upload_id, "object_key": new.object_key, "result": _json(new.result),
                "fixed": new.fixed, "status": new.status.value, "updated_at": now}
        if new.office:
            item.update(office=new.office, queued_at=iso(now), **keys.photo_queue(new.office, iso(now), exam_no))
        if old is None:
            return item, None, None
        replaced = old["object_key"] if old["object_key"] != new.object_key else None
        return item, {"upload_id": old["upload_id"], "status": old["status"]}, replaced

    def _reconsider(self, exam_no: str, now: int) -> list[dict]:
        """The owed system review (EffectTag.RECONSIDER) of the submitted application a passed photo may complete
        (山西: 毕业申请提交成功并且上传毕业照片认证通过 … 系统审核通过), for the apply function to perform: nothing
        when no application waits for a decision."""
        item = in_review(self.table, exam_no)
        if item is None:
            return []
        effect_id = reconsider_id(item["batch_id"], int(item["lifecycle"]["submissions"]))
        body = {"tag": EffectTag.RECONSIDER.value}
        return [transact.put(self.table, owed_item(exam_no, item["batch_id"], effect_id, body, iso(now)))]

    def _write(self, attempt: dict, was: AttemptStatus, current: dict | None, entry: dict, conflict: str,
               owed: list[dict] | None = None) -> None:
        """The attempt (if its status is still `was`: an attempt awaiting its check is not stored, or was stored
        before ids carried their kind), the current file if any, and the audit entry: all or none."""
        condition = "#s = :was OR attribute_not_exists(PK)" if was == AttemptStatus.AWAITING else "#s = :was"
        changes = [transact.put(self.table, attempt, condition, {":was": was.value}, names={"#s": "status"})]
        if current:
            changes.append(transact.put(self.table, current))
        transact.write_all(self.table, [*changes, transact.put(self.table, entry), *(owed or [])], conflict)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
