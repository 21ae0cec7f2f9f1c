"""The candidate's claims: one versioned item under the candidate (keys.candidate_claims), changed together with its
audit-log entry, so there is never a decision without its record."""
from __future__ import annotations

import json

from functions.common import audit_log
from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.transact import put, write_all
from functions.common.session import Identity


class ClaimStore:
    def __init__(self, table):
        self.table = table

    def note_read(self, exam_no: str, staff: Identity, now: int, about: dict) -> None:
        """A member of staff was shown the certificate a claim stands on: in the candidate's log."""
        audit_log.note_read(self.table, keys.candidate(exam_no)[keys.PK], staff, audit_log.READ_DOCUMENTS, now, about)

    def load(self, exam_no: str) -> tuple[list[dict], int]:
        """(claims, version); version 0 when the candidate has made none."""
        item = self.table.get_item(Key=keys.candidate_claims(exam_no), ConsistentRead=True).get("Item")
        return (json.loads(item["doc"]), int(item["version"])) if item else ([], 0)

    def save(self, exam_no: str, claims: list[dict], version: int, who: Identity, action: str, now: int, *,
             before: dict | None, after: dict | None, reason: str | None = None) -> None:
        """`claims` replace those read at `version`, with the log entry of the one claim that changed."""
        item = {**keys.candidate_claims(exam_no), "kind": "claims", "version": version + 1,
                "doc": json.dumps(claims, ensure_ascii=False)}
        condition = ("version = :v", {":v": version}) if version else ("attribute_not_exists(PK)", None)
        entry = log_item(keys.candidate(exam_no)[keys.PK], who, action, now, before=before, after=after,
                         reason=reason)
        write_all(self.table, [put(self.table, item, *condition), put(self.table, entry)],
                  "申请事项刚被修改过，请刷新后重试")
