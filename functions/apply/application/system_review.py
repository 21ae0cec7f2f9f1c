"""系统审核通过 (山西 seed 004 step 5: 系统审核通过或招办全部审批通过后才可进行支付) once the application waits.

The rule is rules.system_approves; the profile says which stages the system may pass (system_approval); the
lifecycle moves the application. It is decided at two moments only:

- at submit (submissions.py, in the submit's own transaction): a clean application never enters the county's queue;
- here, `reconsider`, right after a change that can make the last missing condition true while the application
  waits at such a stage: the county recording the 前置学历 as verified (prior_checks/service.py), which turns the
  audit's 待核验 finding into a clean audit;
- `perform`, the effect the photo function owes when a photo collected after submitting (山西) passes its
  automatic check or the county's 人工审核 (photo/uploads/store.py), done by the candidate's next request or the
  sweeper (effects/service.py).

Anything else stays with the county, which approves or rejects as before.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from functions.common.errors import Conflict

from .events import SystemApprove
from .lifecycle import TransitionRefused
from .rules import system_approves
from .service import SYSTEM_REVIEW, Applications
from .status import Lifecycle, Status

log = logging.getLogger("biye.applications")


class SystemReview:
    def __init__(self, applications: Applications, uploads: Callable[[str], dict[str, dict]]):
        """`uploads`: exam_no → {kind: item} of the candidate's current files (the photo's status among them)."""
        self.applications, self.uploads = applications, uploads

    def perform(self, owed: dict) -> None:
        """The owed RECONSIDER effect (EffectTag): the candidate's photo passed since it was owed."""
        self.reconsider(owed["exam_no"])

    def reconsider(self, exam_no: str) -> dict | None:
        """Pass the system_approval stage the open batch's application waits at, when the rule holds now; the new
        item, or None when it stays where it is (not waiting there, not clean, or decided meanwhile)."""
        applications = self.applications
        data = applications.profile.data
        item = applications.item(exam_no, applications.batch()["id"])
        if item is None:
            return None
        state = Lifecycle.from_dict(item["lifecycle"])
        if state.status != Status.IN_REVIEW or not any(
                s["id"] == state.stage and s.get("system_approval") for s in data["review"]["stages"]):
            return None
        audit = applications.eligibility.audit(exam_no, item["plan_id"], direction=item.get("direction"))
        photo = (self.uploads(exam_no).get("photo") or {}).get("status")
        if not system_approves(audit, photo, applications.store.identity_status(exam_no), data):
            return None
        try:
            return applications.transition(item, SystemApprove(at=applications.clock()), SYSTEM_REVIEW,
                                           "system_approved")
        except (Conflict, TransitionRefused):      # a person decided meanwhile: theirs stands
            log.info("system review of %s found it decided meanwhile", exam_no)
            return None
