"""The application page for staff: everything a reviewer needs on one answer.

The candidate and what they entered; the audit as it stands now (through the eligibility service, with staff
exceptions and 顶替 choices applied) beside the audit as it stood at submit; the transcript; the photo with its
check; the documents; the identity check where the province has one; the history from the audit log; and what
this member of staff may do now. Files are opened through presigned GETs of one object each, valid 5 minutes.
"""
from __future__ import annotations

import json

from functions.apply.application import lifecycle
from functions.common import audit_log
from functions.common.dynamo import keys
from functions.common.errors import NotFound
from functions.common.jurisdiction import may_see
from functions.common.links import LINK_SECONDS, download_link
from functions.common.session import Identity
from functions.photo.identity import store as identity_status
from functions.photo.uploads.store import current_uploads
from functions.profiles.vocabulary import DOCUMENT_NAMES

from .queues import described

HISTORY_LIMIT = 100


def visible_application(table, staff: Identity, exam_no: str, batch_id: str) -> dict:
    """The application if the staff member's jurisdiction covers it; otherwise exactly the answer for none."""
    item = table.get_item(Key=keys.application(exam_no, batch_id), ConsistentRead=True).get("Item")
    if item is None or not may_see(staff, item["office"], item.get("host_universities", ())):
        raise NotFound("找不到该考生的毕业申请")
    return item


class ApplicationPage:
    def __init__(self, table, s3, uploads_bucket: str, profile, eligibility, drafting):
        self.table, self.s3, self.bucket, self.profile = table, s3, uploads_bucket, profile
        self.eligibility, self.drafting = eligibility, drafting

    def show(self, staff: Identity, exam_no: str, batch_id: str) -> dict:
        item = visible_application(self.table, staff, exam_no, batch_id)
        record = self.eligibility.store.candidate(exam_no)
        if record is None:
            raise NotFound("找不到该考生的考籍记录")
        uploads = current_uploads(self.table, exam_no)
        photo = uploads.pop("photo", None)
        return {"application": self._application(item), "candidate": self._candidate(record, item),
                "audit": {"now": self.eligibility.audit(exam_no, item["plan_id"], record),
                          "at_submit": item.get("audit")},
                "transcript": self._transcript(record),
                "photo": self._file(photo) if photo else None,
                "documents": [self._file(u) for _, u in sorted(uploads.items())],
                "identity": (identity_status.current(self.table, exam_no)
                             if self.profile.data["login"]["identity_check"] == "photos" else None),
                "history": [_entry(e) for e in audit_log.latest(self.table, keys.candidate(exam_no)[keys.PK],
                                                                HISTORY_LIMIT)],
                "actions": self._actions(staff, item), "reject_reasons": self.profile.data["review"]["reject_reasons"]}

    def _application(self, item: dict) -> dict:
        state = lifecycle.Lifecycle.from_dict(item["lifecycle"])
        return {"exam_no": item["exam_no"], "batch_id": item["batch_id"], "plan_id": item["plan_id"],
                "major_name": item.get("major_name"), "level": item.get("level"),
                "host_universities": list(item.get("host_universities") or ()), "reference": item.get("reference"),
                "version": int(item["version"]), "submitted_at": item.get("submitted_at"),
                "updated_at": item.get("updated_at"), "onsite_confirmed": state.onsite_confirmed,
                "submissions": state.submissions, "resubmissions": state.resubmissions,
                **described(state, self.profile.data)}

    def _candidate(self, record: dict, item: dict) -> dict:
        """The record with the candidate's accepted edits, what they entered, and their prior education as the
        application checked it (学信网 or the manual path). The full ID number here, never in a list: comparing
        it with the documents is part of the review."""
        office = self.profile.office(record["office"])
        fields = ("exam_no", "name", "id_number", "office", "candidate_type", "registered_on")
        return {**{k: record.get(k) for k in fields}, **self.drafting.basic_info(record, item),
                "office_name": office["name"] if office else None, "details": item.get("details") or {},
                "prior_education": {"checked": self.drafting.prior_record(record["exam_no"]),
                                    "on_record": record.get("prior_education") or []}}

    def _transcript(self, record: dict) -> dict:
        reference = self.eligibility.cache.get()
        sittings = sorted(record.get("attempts") or (), key=lambda a: (a.get("session", ""), a.get("code", "")))
        return {"sittings": [{**a, "name": reference.course_name(a.get("code"))} for a in sittings],
                "exemptions": record.get("exemptions") or [], "transfers": record.get("transfers") or [],
                "thesis": record.get("thesis")}

    def _file(self, item: dict) -> dict:
        result = json.loads(item["result"]) if item.get("result") else {}
        kind = item["upload_kind"]
        return {"kind": kind, "name": DOCUMENT_NAMES.get(kind, kind),
                "status": item["status"], "ok": result.get("ok"), "findings": result.get("findings", []),
                "fixed": bool(item.get("fixed")), "review": dict(item["review"]) if item.get("review") else None,
                "url": download_link(self.s3, self.bucket, item["object_key"]), "expires_in": LINK_SECONDS}

    def _actions(self, staff: Identity, item: dict) -> list[dict]:
        """What this member of staff may do now (the lifecycle still decides when they do it)."""
        state = lifecycle.Lifecycle.from_dict(item["lifecycle"])
        if state.status != lifecycle.IN_REVIEW:
            return []
        stages = self.profile.stages
        stage = next((s for s in stages if s["id"] == state.stage), None)
        if stage is None:                        # a stage the profile no longer names: nobody acts on it here
            return []
        actions = []
        onsite_first = self.profile.data["application"]["onsite_confirmation"] and stage is stages[0]
        if onsite_first and not state.onsite_confirmed and staff.role == stage.get("role"):
            actions.append({"action": "onsite"})
        if stage.get("role") == staff.role and not (onsite_first and not state.onsite_confirmed):
            verbs = ["form_received", "reject"] if stage["kind"] == "form_return" else ["approve", "reject"]
            actions += [{"action": verb, "stage": stage["id"]} for verb in verbs]
        return actions


def _entry(entry: dict) -> dict:
    return {k: entry[k] for k in ("at", "action", "actor", "before", "after", "reason") if k in entry}
