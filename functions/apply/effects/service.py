"""Performing what a change owes: orders, refunds, forms, SMS. Each owed effect is an item written in the change's
own transaction (application/store.py); performing it and then deleting it makes "nothing lost" a property of the
storage, not of the request: if the request dies in between, the next request for the candidate (`settle`) or
the sweeper (`sweep`, scheduled in template.yaml, also `biye effects`) does it.

Requests do the quick effects at once and leave the slow ones (rules.BACKGROUND: making a form, ~100 ms of PDF)
to the sweeper, so a submit stays quick; a download before the sweeper comes makes the form itself.

Performers are idempotent (an order is made once per submission, a form copy is named by its data, the outbox
keeps one message per effect id), so doing one twice after a crash is harmless. A performer that refuses for a
reason a retry cannot change (an AppError: the application moved on, a character the font lacks) drops the
effect with a log line; anything else (throttling, an S3 outage) leaves it for the next try.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Protocol

from functions.apply.application.events import EffectTag
from functions.apply.application.service import Applications
from functions.apply.sections.rules import contact_of
from functions.common.dynamo import keys
from functions.common.errors import AppError

from .rules import BACKGROUND, waits
from .store import EffectStore, owed_id

log = logging.getLogger("biye.effects")


class Messenger(Protocol):
    def queue(self, kind: str, to: str, values: dict, *, dedupe: str, exam_no: str, account: str = "",
              id_number: str | None = None) -> dict:
        """Hand one message (a kind and its template's values) to the sender; the same `dedupe` twice is one."""

    def message(self, kind: str, to: str, values: dict, *, dedupe: str, exam_no: str, account: str = "",
                id_number: str | None = None) -> dict:
        """The item `queue` would store, for a caller that stores it in its own transaction."""


class Effects:
    def __init__(self, store: EffectStore, performers: Mapping[EffectTag, Callable[[dict], None]],
                 round_ends: Callable[[], dict[str, int | None]] = dict, clock: Callable[[], int] = lambda: 0):
        """`performers`: tag → callable(owed item); the item holds `effect` (its tag and fields), `exam_no`,
        `batch_id` and its own key (SK), which is the effect's id. `round_ends`: batch id → its end as the batch
        says now (application.rules.round_ends), for a refund that waits for it (rules.waits); `clock`: epoch
        seconds."""
        self.store, self.performers, self.round_ends, self.clock = store, performers, round_ends, clock

    def settle(self, exam_no: str) -> int:
        """Perform the quick effects the candidate's changes still owe, oldest first; how many are left (those that
        wait for their batch's end among them)."""
        left, waiting = 0, self._waiting()
        for item in sorted(self.store.owed(exam_no), key=lambda i: i["created_at"]):
            left += item["effect"]["tag"] in BACKGROUND or waiting(item) or not self._perform(item)
        return left

    def sweep(self, limit: int = 500) -> tuple[int, int]:
        """Perform every owed effect, across candidates (the scheduled sweeper); (done, left). A refund waiting for
        its batch's end is neither: it is not late, so it is not in the backlog the alarm watches."""
        done = left = 0
        waiting = self._waiting()
        for item in self.store.due():
            if waiting(item):
                continue
            if self._perform(item):
                done += 1
            else:
                left += 1
            if done + left >= limit:
                break
        return done, left

    def _waiting(self) -> Callable[[dict], bool]:
        """Whether an owed item waits for its batch's end: the batches read once per settle or sweep, and only
        when an item asks."""
        ends: dict[str, int | None] | None = None
        now = self.clock()

        def waiting(item: dict) -> bool:
            nonlocal ends
            if not item["effect"].get("at_round_end"):
                return False
            if ends is None:
                ends = self.round_ends()
            return waits(item["effect"], ends.get(item["batch_id"]), now)
        return waiting

    def _perform(self, item: dict) -> bool:
        """True when the effect is done (or dropped for good) and deleted."""
        tag = item["effect"]["tag"]
        try:
            self.performers[tag](item)
        except AppError as err:
            log.warning("effect %s for %s dropped: %s", tag, item["exam_no"], err.message)
        except Exception:  # noqa: BLE001 - storage or provider trouble: kept for the next try
            log.warning("effect %s for %s failed; it stays owed", tag, item["exam_no"], exc_info=True)
            return False
        self.store.done(item)
        return True


class SmsNotices:
    """Performs a Notify effect: the status message as an SMS to the phone the candidate gave (or the record's).

    A status change hands its SMS to the outbox in its own transaction (`message`, through Applications.notices):
    the outbox item is itself work kept until done (the sender's), so an owed effect before it would only be
    written, found and deleted again. An effect owed from before, or one `message` could not word, is performed
    here as before; both name the message by the effect's key, so it is handed over once either way."""

    def __init__(self, applications: Applications, messenger: Messenger):
        self.applications, self.messenger = applications, messenger

    def perform(self, owed: dict) -> None:
        item = self.applications.item(owed["exam_no"], owed["batch_id"], owed["effect"].get("pair", "")) or {}
        self._hand_over(self.messenger.queue, owed["exam_no"], item, owed_id(owed), owed["effect"])

    def message(self, item: dict, effect_id: str, effect: dict) -> dict | None:
        """The outbox item of the Notify effect `effect_id` that a change of `item` owes (None: no phone)."""
        exam_no = item["exam_no"]
        return self._hand_over(self.messenger.message, exam_no, item, keys.effect(exam_no, effect_id)[keys.SK],
                               effect)

    def _hand_over(self, hand_over: Callable[..., dict], exam_no: str, item: dict, owed_key: str,
                   effect: dict) -> dict | None:
        record = self.applications.record(exam_no)
        phone = contact_of(record, item.get("details")).get("phone")        # the one contact record (sections)
        if not phone:
            return None
        return hand_over(effect["kind"], phone, effect.get("values") or {}, exam_no=exam_no,
                         dedupe=f"{exam_no}#{owed_key}", id_number=record.get("id_number"))
