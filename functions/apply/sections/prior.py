"""The candidate's 前置学历 in the application: the 学信网 check, or the manual claim with documents.

prior_education.py judges; this module stores the outcome under the candidate (keys.prior_education, versioned,
with its audit entry), where the eligibility audit reads it beside the imported record (records.load).
"""
from __future__ import annotations

import json
from datetime import date

from functions.apply.application import lifecycle
from functions.apply.application.lifecycle import Lifecycle
from functions.apply.application.store import ApplicationStore
from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.transact import put, write_all
from functions.common.errors import Conflict
from functions.common.session import Identity
from functions.photo.uploads.store import current_uploads
from functions.profiles.vocabulary import is_bachelor

from . import prior_rules as prior


class PriorChecks:
    def __init__(self, store: ApplicationStore, xuexin: prior.Xuexin):
        self.store, self.xuexin, self.table = store, xuexin, store.table

    def _open(self, me: Identity) -> tuple[dict, date]:
        """The application (a 本科 one, still editable) and the batch's cut-off date."""
        batch, item = self.store.mine(me.exam_no, "请先选择申请专业：申请本科毕业才需要前置学历")
        if not is_bachelor(item.get("level")):
            raise Conflict("申请专科毕业不需要前置学历", field="prior_education")
        state = Lifecycle.from_dict(item["lifecycle"])
        if state.status not in (lifecycle.DRAFT, lifecycle.REJECTED) or state.locked:
            raise Conflict("申请已提交，前置学历不能再修改", field="prior_education")
        return item, date.fromisoformat(batch.get("prior_edu_cutoff") or batch["graduation_date"])

    def _stored(self, exam_no: str) -> dict | None:
        return self.table.get_item(Key=keys.prior_education(exam_no), ConsistentRead=True).get("Item")

    def verify(self, me: Identity, certificate_no: str | None) -> dict:
        """Ask 学信网 (by name, ID number and, where the profile wants it, the certificate number)."""
        _, cutoff = self._open(me)
        record = self.store.record(me.exam_no)
        outcome = prior.verify(self.store.profile.data, self.xuexin, name=record["name"],
                               id_number=record["id_number"], cutoff=cutoff, certificate_no=certificate_no)
        return self._save(me, outcome, "prior_education.verify")

    def manual(self, me: Identity, claim: dict) -> dict:
        """The manual path: school, certificate number, graduation date and the fallback documents uploaded."""
        _, cutoff = self._open(me)
        stored = self._stored(me.exam_no)
        uploads = {k: {"status": u["status"]} for k, u in current_uploads(self.table, me.exam_no).items()}
        outcome = prior.submit_manual(self.store.profile.data, claim, uploads=uploads, cutoff=cutoff,
                                      previous=json.loads(stored["doc"]) if stored else None)
        return self._save(me, outcome, "prior_education.manual", stored)

    def _save(self, me: Identity, outcome: prior.PriorEducation, action: str, stored: dict | None = None) -> dict:
        stored = stored if stored is not None else self._stored(me.exam_no)
        version = int(stored["version"]) if stored else 0
        doc = outcome.as_dict()
        item = {**keys.prior_education(me.exam_no), "kind": "prior_education", "version": version + 1,
                "doc": json.dumps(doc, ensure_ascii=False)}
        condition = ("version = :v", {":v": version}) if stored else ("attribute_not_exists(PK)", None)
        # The log keeps the outcome, not the certificate number (personal data stays in the item itself).
        entry = log_item(f"CAND#{me.exam_no}", me, action, self.store.clock(),
                         before=json.loads(stored["doc"])["status"] if stored else None, after=outcome.status)
        write_all(self.table, [put(self.table, item, *condition), put(self.table, entry)],
                  "前置学历刚被修改过，请刷新后重试")
        return doc
