"""What the sections read and write beside the application item (which application/store.py keeps): the
candidate's 前置学历 as the application checked it (keys.prior_education, versioned, with its audit entry; the
eligibility audit reads it beside the imported record), and the candidate's current uploads (the photo function's).
"""
from __future__ import annotations

import json

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.common.dynamo.transact import put, write_all
from functions.common.session import Identity
from functions.photo.uploads.store import current_uploads

PRIOR_CHANGED = "前置学历刚被修改过，请刷新后重试"


def doc_of(item: dict | None) -> dict | None:
    """The prior-education record a stored item holds."""
    return json.loads(item["doc"]) if item else None


class SectionStore:
    def __init__(self, table):
        self.table = table

    def uploads(self, exam_no: str) -> dict[str, dict]:
        """{kind: item} of the candidate's current files."""
        return current_uploads(self.table, exam_no)

    def prior(self, exam_no: str) -> dict | None:
        """The stored prior-education item (its `doc` and `version`), if any."""
        return self.table.get_item(Key=keys.prior_education(exam_no), ConsistentRead=True).get("Item")

    def prior_doc(self, exam_no: str) -> dict | None:
        return doc_of(self.prior(exam_no))

    def save_prior(self, me: Identity, doc: dict, stored: dict | None, action: str, at: int) -> None:
        """`doc` as the candidate's prior education, conditional on the version `stored` had (or on none), with
        its audit entry."""
        write_all(self.table, self.prior_change(me.exam_no, doc, stored, me, action, at), PRIOR_CHANGED)

    def prior_change(self, exam_no: str, doc: dict, stored: dict | None, who: Identity, action: str, at: int,
                     reason: str | None = None) -> list[dict]:
        """The two transaction actions that store `doc` (conditional on `stored`'s version) and its audit entry."""
        version = int(stored["version"]) if stored else 0
        item = {**keys.prior_education(exam_no), "kind": "prior_education", "version": version + 1,
                "doc": json.dumps(doc, ensure_ascii=False)}
        condition = ("version = :v", {":v": version}) if stored else ("attribute_not_exists(PK)", None)
        # The log keeps the outcome, not the certificate number (personal data stays in the item itself).
        entry = log_item(keys.candidate(exam_no)[keys.PK], who, action, at,
                         before=doc_of(stored)["status"] if stored else None, after=doc["status"], reason=reason)
        return [put(self.table, item, *condition), put(self.table, entry)]

    def priors(self, exam_nos: list[str]) -> dict[str, dict]:
        """{exam_no: stored item} of those candidates who have a prior-education record."""
        found = Store(self.table).get_items([keys.prior_education(e) for e in exam_nos])
        return {i[keys.PK].split("#", 1)[1]: i for i in found}
