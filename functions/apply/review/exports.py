"""Exports for staff, each in the audit log: a batch's approved graduates as CSV for 学信网 registration, and the
counts per state and office. The CSV holds full ID numbers in bulk: the provincial office's only
(jurisdiction.FULL_ID_EXPORTERS); the counts are scoped like the lists (a county counts its own offices only).

The CSV goes to the forms bucket and is answered as a link valid 5 minutes, so a province's whole batch never
passes through a Lambda response (6 MB at most). answers.py writes its lines.
"""
from __future__ import annotations

import secrets
from collections.abc import Callable

from functions.common.jurisdiction import require_full_id_exporter
from functions.common.links import LINK_SECONDS
from functions.common.session import Identity

from . import answers, rules
from .answers import COLUMNS
from .store import ReviewStore

BATCH_READ = 100               # applications and records read per round trip


class Exports:
    def __init__(self, store: ReviewStore, forms_bucket: str, profile, eligibility, drafting,
                 clock: Callable[[], int]):
        self.store, self.bucket, self.profile = store, forms_bucket, profile
        self.eligibility, self.drafting, self.clock = eligibility, drafting, clock

    def graduates(self, staff: Identity, batch: dict) -> dict:
        """The approved graduates of the batch (the province's: only its office exports them), as a CSV file behind a
        5-minute link."""
        require_full_id_exporter(staff, self.profile.data)
        listed = sorted(self._every(staff, batch["id"], [rules.Status.APPROVED.value]),
                        key=lambda i: (i["office"], i["exam_no"]))
        plans = self.eligibility.cache.get().plans
        rows = []
        for start in range(0, len(listed), BATCH_READ):
            # The list holds a few columns; the row needs the whole application (details) and the record.
            exam_nos = [i["exam_no"] for i in listed[start:start + BATCH_READ]]
            records = self.store.records(exam_nos)
            items = {i["exam_no"]: i for i in self.store.applications(exam_nos, batch["id"])}
            for exam_no in (e for e in exam_nos if e in items):     # (one deleted since it was listed: left out)
                item, record = items[exam_no], records.get(exam_no) or {}
                rows.append(answers.graduate_row(item, self.drafting.basic_info(record, item), record,
                                                 plans.get(item["plan_id"]) or {}, batch,
                                                 self.profile.office(item["office"]) or {}))
        key = answers.export_key(batch["id"], self.clock(), secrets.token_hex(8), "graduates.csv")
        self.store.save_export(self.bucket, key, answers.csv_text(rows))
        self._log(staff, batch["id"], "export.graduates", {"rows": len(listed), "object": key})
        filename = f"毕业生电子注册-{batch['id']}.csv"
        return {"rows": len(listed), "columns": list(COLUMNS), "filename": filename,
                "url": self.store.link(self.bucket, key, filename), "expires_in": LINK_SECONDS}

    def counts(self, staff: Identity, batch: dict) -> dict:
        """How many applications stand in each state, per office, in my jurisdiction."""
        listed = rules.states(self.profile.data)
        counted = answers.counts(self._every(staff, batch["id"], listed), listed, self.profile)
        self._log(staff, batch["id"], "export.counts",
                  {"offices": len(counted["offices"]), "applications": sum(counted["totals"].values())})
        return {"batch": {"id": batch["id"], "name": batch.get("name")}, **counted}

    def _every(self, staff: Identity, batch_id: str, listed: list[str]) -> list[dict]:
        return self.store.every(*rules.list_ranges(staff, batch_id, listed, None, None))

    def _log(self, staff: Identity, batch_id: str, action: str, after: dict) -> None:
        self.store.log_batch(batch_id, staff, action, self.clock(), {**after, "scope": answers.scope_of(staff)})
