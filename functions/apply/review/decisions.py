"""Staff actions on an application: a decision at a named stage, and 现场确认 (湖北).

A decision names its stage, so of two people deciding at once the second is refused (the application has left
that stage, or its version moved), never applied on top of the first. Another jurisdiction's application is
answered exactly like one that does not exist.
"""
from __future__ import annotations

from functions.apply.application import lifecycle
from functions.apply.application.store import ApplicationStore
from functions.common.session import Identity

from . import rules


class Decisions:
    def __init__(self, store: ApplicationStore, effects):
        self.store, self.effects = store, effects

    def visible(self, staff: Identity, exam_no: str) -> tuple[dict, dict]:
        """(batch, application) of the open batch when the staff member's jurisdiction covers it, else NotFound."""
        batch = self.store.batch()
        return batch, rules.visible(staff, self.store.item(exam_no, batch["id"]))

    def decide(self, staff: Identity, exam_no: str, stage: str, approve: bool, reason: str | None) -> dict:
        batch, item = self.visible(staff, exam_no)
        now = self.store.clock()
        kind = next((s["kind"] for s in self.store.profile.stages if s["id"] == stage), None)
        if kind == "form_return" and approve:
            event = lifecycle.FormReceived(stage=stage, role=staff.role, at=now)
        elif approve:
            event = lifecycle.Approve(stage=stage, role=staff.role, at=now)
        else:
            event = lifecycle.Reject(stage=stage, role=staff.role, reason=(reason or "").strip(), at=now)
        new = self.store.transition(item, event, staff, "approved" if approve else "rejected", reason=reason)
        self.effects.settle(exam_no)
        return self.store.present(new, batch)

    def confirm_onsite(self, staff: Identity, exam_no: str) -> dict:
        batch, item = self.visible(staff, exam_no)
        event = lifecycle.ConfirmOnsite(role=staff.role, at=self.store.clock())
        new = self.store.transition(item, event, staff, "onsite_confirmed")
        self.effects.settle(exam_no)
        return self.store.present(new, batch)
