"""Staff actions on an application: a decision at a named stage, and 现场确认 (湖北).

A decision names its stage, so of two people deciding at once the second is refused (the application has left
that stage, or its version moved), never applied on top of the first. Another jurisdiction's application is
answered exactly like one that does not exist.
"""
from __future__ import annotations

from functions.apply.application import associate, lifecycle
from functions.apply.application.store import ApplicationStore
from functions.common.errors import Conflict
from functions.common.session import Identity

from . import rules
from .store import ReviewStore

# The audit log's actions for a joint office's opinion (history_words.HISTORY_WORDS says them in words).
OPINION_AGREED, OPINION_DISAGREED = "opinion.agree", "opinion.disagree"


class Decisions:
    def __init__(self, store: ApplicationStore, effects, reviews: ReviewStore):
        self.store, self.effects, self.reviews = store, effects, reviews

    def visible(self, staff: Identity, exam_no: str, pair: str = "") -> tuple[dict, dict]:
        """(batch, application) of the open batch when the staff member's jurisdiction covers it, else NotFound;
        `pair`: the batch's second application (keys.PAIRS)."""
        batch = self.store.batch()
        return batch, rules.visible(staff, self.store.item(exam_no, batch["id"], pair))

    def decide(self, staff: Identity, exam_no: str, stage: str, approve: bool, reason: str | None,
               pair: str = "") -> dict:
        batch, item = self.visible(staff, exam_no, pair)
        now = self.store.clock()
        named: dict = next((s for s in self.store.profile.stages if s["id"] == stage), {})
        kind = named.get("kind")
        if named.get("joint_with") and staff.role == named["joint_with"]:
            # the joint office's decision at a joint review is its opinion (同意 / 不同意), not the stage's outcome
            opinion = lifecycle.Opinion(stage=stage, role=staff.role, agree=approve,
                                        reason=(reason or "").strip() or None, by=staff.account_id, at=now)
            new = self.store.transition(item, opinion, staff, OPINION_AGREED if approve else OPINION_DISAGREED,
                                        reason=reason)
            return self.store.present(new, batch)
        action = "approved" if approve else "rejected"
        if kind == "form_return" and approve:
            event = lifecycle.FormReceived(stage=stage, role=staff.role, at=now)
            action = "form_received"         # the history says who recorded the form handed in, and when
        elif approve:
            self._refuse_while_reviews_pending(exam_no)
            if pair:
                self._refuse_over_rejected_associate(exam_no, batch["id"])
            event = lifecycle.Approve(stage=stage, role=staff.role, at=now)
        else:
            event = lifecycle.Reject(stage=stage, role=staff.role, reason=(reason or "").strip(), at=now)
        new = self.store.transition(item, event, staff, action, reason=reason)
        self.effects.settle(exam_no)
        return self.store.present(new, batch)

    def _refuse_while_reviews_pending(self, exam_no: str) -> None:
        """No approval while the photo or the identity check still waits for a person (bulk skips them alike)."""
        data = self.store.profile.data
        photo = self.reviews.photo(exam_no) if data["application"]["photo_review"] else None
        identity = self.reviews.identity(exam_no)["status"] if data["login"]["identity_check"] == "photos" else None
        pending = rules.reviews_pending(photo, identity, data)
        if pending:
            raise Conflict(pending, field="decision")

    def _refuse_over_rejected_associate(self, exam_no: str, batch_id: str) -> None:
        """The 本科 of 本、专科专业一并申请 does not pass while the 专科 of its batch stands rejected."""
        refused = associate.refused_over(associate.associate_standing(self.store.item(exam_no, batch_id),
                                                                      self.store.profile.data))
        if refused:
            raise Conflict(refused, field="decision")

    def confirm_onsite(self, staff: Identity, exam_no: str) -> dict:
        batch, item = self.visible(staff, exam_no)
        event = lifecycle.ConfirmOnsite(role=staff.role, at=self.store.clock())
        new = self.store.transition(item, event, staff, "onsite_confirmed")
        self.effects.settle(exam_no)
        return self.store.present(new, batch)
