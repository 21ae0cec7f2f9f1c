"""An application as every feature reads and changes it: the open batch's application of a candidate, their exam
record, the application as the candidate reads it, and changes through the lifecycle.

The lifecycle (lifecycle.py) decides; this service turns its outcome into what is stored (the new state, a portal
message for each status change and the work still owed, whose SMS text effects/rules.py words) and
ApplicationStore writes it all in one transaction. The profile and the clock are read from the app's
state on every call, so tests can serve another province's rules or move the clock without rebuilding anything.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from functions.apply.effects.rules import owed_effect
from functions.common.dynamo import keys
from functions.common.errors import NotFound
from functions.common.session import Identity
from functions.common.time import iso
from functions.profiles.loader import Profile

from . import lifecycle
from .events import CreateOrder, Event, Notify
from .rules import for_office, refund_after, window_closes, window_problem
from .status import Lifecycle, describe, view
from .store import ApplicationStore, Owed

log = logging.getLogger("biye.applications")
SYSTEM_REVIEW = "system_review"        # who passed a stage by rules.system_approves: the system, not a person

__all__ = ["Applications", "LiveState", "window_problem"]     # window_problem: review/windows.py imports it here


class LiveState(Protocol):
    """What the app (or the sweeper) holds now: the province's profile and a clock (epoch seconds)."""
    profile: Profile
    clock: Callable[[], int]


# The outbox item of a Notify effect a change of an application owes ((new item, effect id, effect body) -> item,
# None: nothing to send): effects.service.SmsNotices.message, set by services.py.
Notices = Callable[[dict, str, dict], dict | None]
# The transaction action that makes a CreateOrder effect's order ((new item, effect) -> a Put, None: it exists
# already): payments.service.PaymentService.order_action, set by services.py.
Orders = Callable[[dict, CreateOrder], dict | None]


class Applications:
    def __init__(self, state: LiveState, store: ApplicationStore, eligibility, notices: Notices | None = None):
        self.state, self.store, self.eligibility, self.notices = state, store, eligibility, notices
        self.orders: Orders | None = None

    @property
    def profile(self) -> Profile:
        return self.state.profile

    def clock(self) -> int:
        return self.state.clock()

    # reading -------------------------------------------------------------------------------------------------
    def batch(self) -> dict:
        return self.eligibility.cache.batch()

    def item(self, exam_no: str, batch_id: str, pair: str = "") -> dict | None:
        return self.store.item(exam_no, batch_id, pair)

    def record(self, exam_no: str) -> dict:
        record = self.eligibility.store.candidate(exam_no)
        if record is None:
            raise NotFound("找不到该考生的考籍记录")
        return record

    def mine(self, exam_no: str, missing: str = "您还没有毕业申请，请先选择申请专业",
             pair: str = "") -> tuple[dict, dict]:
        """(batch, application) of the open batch (`pair`: its second one, keys.PAIRS), or NotFound with `missing`."""
        batch = self.batch()
        item = self.item(exam_no, batch["id"], pair)
        if item is None:
            raise NotFound(missing)
        return batch, item

    def present(self, item: dict, batch: dict) -> dict:
        return view(item, batch, self.profile.data)

    def messages(self, exam_no: str) -> list[dict]:
        return self.store.messages(exam_no)

    # changing ------------------------------------------------------------------------------------------------
    def write(self, new: dict, old: dict | None, who: Identity | str, action: str, *, before=None, after=None,
              reason: str | None = None, owed: Owed | None = None, extra: list[dict] | None = None) -> None:
        """Store `new` (conditional on `old`'s version) with its audit entry now; see ApplicationStore.write."""
        self.store.write(new, old, who, action, self.clock(), before=before, after=after, reason=reason, owed=owed,
                         extra=extra)

    def _pay_by(self, item: dict, state: Lifecycle) -> str | None:
        """When the fee is due (its window's close), for a message asking for it: read only at a fee stage."""
        at_fee = any(s["id"] == state.stage and s["kind"] == "payment" for s in self.profile.data["review"]["stages"])
        batch = self.batch() if at_fee else None
        if not batch or batch["id"] != item["batch_id"]:
            return None
        return window_closes(for_office(batch, item.get("office")), item.get("candidate_type"))

    def _refund_after(self, item: dict, state: Lifecycle) -> str | None:
        """When a refund owed at the round's end goes back, for the message of the rejection that owes it."""
        batch = self.batch() if state.refund == "pending" else None
        return refund_after(batch) if batch and batch["id"] == item["batch_id"] else None

    def changed(self, item: dict, outcome: lifecycle.Outcome, now: int) -> tuple[dict, Owed]:
        """The item after `outcome` (its new state) and the messages and work it owes."""
        state = outcome.state
        new = {**item, "lifecycle": state.as_dict(), "version": int(item["version"]) + 1, "updated_at": iso(now)}
        seen = describe(state, self.profile.data, pay_by=self._pay_by(item, state),
                        refund_after=self._refund_after(item, state))
        owed = Owed()
        for effect in outcome.effects:
            # A second application's work is its own (keys.slot): its ids differ from the first's, its body names it.
            pair = item.get("pair", "")
            effect_id, body = owed_effect(effect, batch_id=keys.slot(item["batch_id"], pair),
                                          submission=state.submissions, seen=seen)
            body.update({"pair": pair} if pair else {})
            if isinstance(effect, Notify):
                owed.messages.append({"event": effect.kind, "stage": effect.stage, "status_text": seen["status_text"],
                                      "next_step": seen["next_step"], "reason": seen["reason"]})
                if self._sms_in_change(owed, new, effect_id, body):
                    continue
            if isinstance(effect, CreateOrder) and self._order_in_change(owed, new, effect):
                continue
            owed.effects.append((effect_id, body))
        return new, owed

    def _sms_in_change(self, owed: Owed, new: dict, effect_id: str, body: dict) -> bool:
        """Whether the SMS of a Notify effect goes into the change's own transaction (as an outbox item: the work
        the sender keeps until done), rather than as an owed effect performed after it. Anything that stops the
        wording leaves it owed, performed (or dropped with its reason) as every effect is."""
        if self.notices is None:
            return False
        try:
            message = self.notices(new, effect_id, body)
        except Exception:  # noqa: BLE001 - never a reason to refuse the change itself
            log.warning("SMS of %s for %s left owed", effect_id, new["exam_no"], exc_info=True)
            return False
        if message is not None:
            owed.outbox.append(message)
        return True

    def _order_in_change(self, owed: Owed, new: dict, effect: CreateOrder) -> bool:
        """Whether the order of a CreateOrder effect is made in the change's own transaction (a conditional put,
        no provider involved) rather than by an owed effect performed after it, which cost its own item written,
        then deleted (~5 write units). Anything that stops it leaves the effect owed, as before."""
        if self.orders is None:
            return False
        try:
            action = self.orders(new, effect)
        except Exception:  # noqa: BLE001 - never a reason to refuse the change itself
            log.warning("order of %s left owed", new["exam_no"], exc_info=True)
            return False
        if action is not None:
            owed.orders.append(action)
        return True

    def system_entry(self, new: dict, state: Lifecycle, now: int) -> list[dict]:
        """The history's own entry for 系统审核通过 (actor: the system, no person's name), for a change that passed a
        stage that way (a submit starts a new state: one marked so was passed by it), written with the change."""
        if not state.system_approved:
            return []
        return [self.store.logged(new, SYSTEM_REVIEW, "system_approved", now, before=state.system_approved,
                                  after=_where(state))]

    def transition(self, item: dict, event: Event, who: Identity | str, action: str, *, reason: str | None = None,
                   extra: list[dict] | None = None, **changes: Any) -> dict:
        """Apply a lifecycle event to `item` and store it with all it owes; answers the new item."""
        now = self.clock()
        before = Lifecycle.from_dict(item["lifecycle"])
        outcome = lifecycle.transition(before, event, self.profile.data)
        new, owed = self.changed(item, outcome, now)
        new.update(changes)
        self.store.write(new, item, who, action, now, before=_where(before), after=_where(outcome.state),
                         reason=reason, owed=owed, extra=extra)
        return new


def _where(state: Lifecycle) -> str:
    return f"{state.status}:{state.stage}" if state.stage else str(state.status)
