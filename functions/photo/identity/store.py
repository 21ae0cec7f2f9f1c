"""The identity check by photos of one exam record (山西, seed 004), as stored: where it stands, every change to it
(the transitions are rules.py's), and the offices' queue of checks awaiting a person.

One item per record (keys.identity_check). Every change is a Put conditioned on the change number (change_no) of
the item it was decided from, in one transaction with its audit-log entry: of two people changing it at once one
wins and the other gets a Conflict. While manual_pending the item carries the sparse GSI2 entry of its office's
queue (keys.identity_queue); every later Put leaves those attributes out, which takes it off the queue.

The apply function reads `current` (the account page, the staff's application detail) and `is_verified` (the
submit); tests use `record_check` with what a passing check returns to verify a candidate without pictures.
"""
from __future__ import annotations

import json

from functions.common import audit_log
from functions.common.audit_log import log_item
from functions.common.dynamo import keys, transact
from functions.common.dynamo.office_queues import office_queue
from functions.common.dynamo.pages import Page
from functions.common.session import Identity
from functions.common.time import iso
from functions.photo.statuses import IdentityStatus

from . import rules

RACE = "身份认证状态刚刚发生了变化，请刷新后再试"
STAFF_RACE = "另一位工作人员刚刚处理了这位考生的身份认证，请刷新审核队列"


def load(table, exam_no: str) -> dict | None:
    """The stored item as it is (None before the first check)."""
    return table.get_item(Key=keys.identity_check(exam_no), ConsistentRead=True).get("Item")


def present(item: dict | None) -> dict:
    """What the candidate and staff read: the status, the last automatic check's findings, the staff reason."""
    if item is None:
        return {"status": IdentityStatus.NOT_STARTED.value, "attempts": 0, "findings": []}
    out = {"status": item["status"], "attempts": int(item.get("attempts", 0)),
           "findings": json.loads(item["findings"]) if item.get("findings") else [],
           "checked_at": iso(int(item["checked_at"])) if item.get("checked_at") else None}
    if item.get("queued_at"):
        out["queued_at"] = item["queued_at"]
    if item.get("comparison"):                                 # what the check read and how alike the faces are
        out.update(json.loads(item["comparison"]))
    if item.get("review"):
        out["review"] = dict(item["review"])
        out["reason"] = item["review"].get("reason")
    return out


def current(table, exam_no: str) -> dict:
    return present(load(table, exam_no))


def is_verified(table, exam_no: str) -> bool:
    item = load(table, exam_no)
    return item is not None and item["status"] == IdentityStatus.VERIFIED


def pictures(item: dict) -> dict[str, dict]:
    """{kind: {"upload_id", "object_key"}} of the files the last automatic check read."""
    return dict(item.get("pictures") or {})


def checked_keys(table, exam_no: str) -> set[str]:
    """The object keys of the pictures the last identity check read (kept while its review may show them)."""
    item = load(table, exam_no)
    return {p["object_key"] for p in pictures(item).values()} if item else set()


def record_check(table, exam_no: str, who: Identity, result: dict, record: dict, checked: dict[str, dict],
                 now: int) -> dict:
    """The outcome of one automatic check against the exam `record` ({"name", "id_number"}): verified only when
    rules.verifies, failed otherwise. `checked` names the uploads checked ({kind: {"upload_id", "object_key"}}),
    kept for a manual review of the same files."""
    item = load(table, exam_no)
    status = item["status"] if item else IdentityStatus.NOT_STARTED.value
    rules.refuse_check(status)
    after = {**keys.identity_check(exam_no), "kind": "identity_check", "exam_no": exam_no,
             "status": rules.after_check(result, record).value, "attempts": int((item or {}).get("attempts", 0)) + 1,
             "findings": json.dumps(result["findings"], ensure_ascii=False),
             "comparison": json.dumps({"read": result.get("read"), "face_match": result.get("face_match")},
                                      ensure_ascii=False),                       # JSON text: DynamoDB has no floats
             "pictures": {k: {"upload_id": v["upload_id"], "object_key": v["object_key"]} for k, v in checked.items()},
             "checked_at": now, "updated_at": now}
    if item and item.get("review"):
        after["last_review"] = item["review"]                  # the rejection stays readable in the record
    _write(table, item, after, log_item(f"CAND#{exam_no}", who, "identity.check", now, before={"status": status},
                                        after={"status": after["status"], "attempt": after["attempts"],
                                               "findings": [f["code"] for f in result["findings"]]}), RACE)
    return present(after)


def request_manual(table, exam_no: str, who: Identity, office: str, now: int) -> dict:
    """Into the county office's queue: only after an automatic check failed (the seed's fallback)."""
    item = load(table, exam_no)
    status = item["status"] if item else IdentityStatus.NOT_STARTED.value
    rules.refuse_manual(status)
    pending = IdentityStatus.MANUAL_PENDING.value
    after = {**_without_queue(item or {}), "status": pending, "office": office, "queued_at": iso(now),
             "updated_at": now, **keys.identity_queue(office, iso(now), exam_no)}
    _write(table, item, after, log_item(f"CAND#{exam_no}", who, "identity.manual", now, before={"status": status},
                                        after={"status": pending, "office": office}), RACE)
    return present(after)


def decide(table, exam_no: str, staff: Identity, approve: bool, reason: str | None, now: int) -> dict:
    """A staff decision on a queued check: verified, or rejected with the reason the candidate will read."""
    item = load(table, exam_no)
    rules.refuse_decision(item["status"] if item else None)
    after = {**_without_queue(item or {}), "status": rules.after_decision(approve).value, "updated_at": now,
             "review": {"decision": "approve" if approve else "reject", "reason": reason, "role": staff.role,
                        "at": iso(now)}}
    _write(table, item, after, log_item(f"CAND#{exam_no}", staff, "identity.review", now, reason=reason,
                                        before={"status": IdentityStatus.MANUAL_PENDING.value},
                                        after={"status": after["status"]}),
           STAFF_RACE)
    return present(after)


def note_read(table, exam_no: str, staff: Identity, now: int) -> None:
    """A member of staff opened the identity pictures (with the full ID number): in the candidate's log."""
    audit_log.note_read(table, f"CAND#{exam_no}", staff, audit_log.READ_ID_CARD, now)


def queue_page(table, staff: Identity, offices: list[str], office: str | None, limit: int,
               cursor: str | None) -> tuple[Page, dict[str, dict]]:
    """A page of checks awaiting a person in the staff member's offices, with the candidates' records."""
    return office_queue(table, staff, offices, office, lambda o: keys.identity_queue(o)[keys.GSI2PK],
                        lambda i: i.get("status") == IdentityStatus.MANUAL_PENDING, limit, cursor)


def _without_queue(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in (keys.GSI2PK, keys.GSI2SK, "change_no")}


def _write(table, before: dict | None, after: dict, entry: dict, conflict: str) -> None:
    """The new item and its audit entry together, only if nobody changed the item since it was read."""
    rev = int(before.get("change_no", 0)) if before else 0
    after = {**after, "change_no": rev + 1}
    if before is None:
        change = transact.put(table, after, "attribute_not_exists(PK)")
    else:
        change = transact.put(table, after, "change_no = :n", {":n": rev})
    transact.write_all(table, [change, transact.put(table, entry)], conflict)
