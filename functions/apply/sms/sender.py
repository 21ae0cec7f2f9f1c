"""The SMS sender: drains the outbox through the stack's provider (template parameter SmsProvider).

Why a schedule and not the table's stream: the sender must come back to a message anyway (a retry after backoff,
a day's budget held until tomorrow, a claim whose sender died), which a stream record, delivered once, does not
do; a schedule sees every open message each minute with one Query of today's and yesterday's outbox partition, in
both partitions alike, with no stream, event-source mapping or filter to keep in step with the table. A code then
reaches the phone within about a minute (the code's text gives it 10 or more minutes).

Each message: claimed (conditional: one sender, one try), counted against the stack's daily budget, composed
from the profile's template for the provider, checked for anything shaped like an ID number, handed over once,
and its answer recorded (rules.after_answer: sent, retry later, failed, or unknown).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from functions.common.time import beijing_day, epoch_of, iso
from functions.profiles.loader import Profile

from .outbox import STACK_COUNTER, alarm
from .providers import TIMEOUT_SECONDS, SmsProvider
from .rules import Outcome, ProviderAnswer, Status, after_answer, compose, has_id_number, without_secrets
from .store import STALE_SENDING_SECONDS, SmsStore, is_open

log = logging.getLogger("biye.sms")
RECEIPT_AFTER_SECONDS = 60      # a phone's receipt takes seconds to minutes to reach the provider


class Sender:
    def __init__(self, store: SmsStore, provider: SmsProvider, profile: Callable[[], Profile],
                 clock: Callable[[], int]):
        self.store, self.provider, self.profile, self.clock = store, provider, profile, clock

    def drain(self, limit: int = 300, time_left: Callable[[], float] = lambda: 60.0) -> dict[str, int]:
        """Send what is due in today's and yesterday's outbox; counts of what happened, by status. Stops early when
        `time_left()` (seconds) could not cover one more provider call, so no claim is cut off by the timeout."""
        now = self.clock()
        today = beijing_day(now)
        done: dict[str, int] = {}
        for day in (today - timedelta(days=1), today):
            for item in self.store.day(day.isoformat()):
                if sum(done.values()) >= limit or time_left() < 3 * TIMEOUT_SECONDS:
                    return done
                status = self._one(item, now)
                if status:
                    done[status] = done.get(status, 0) + 1
        return done

    def _one(self, item: dict, now: int) -> str | None:
        if item.get("status") == Status.SENDING and int(item.get("claimed_at", now)) < now - STALE_SENDING_SECONDS:
            self.store.settle(item, Status.UNKNOWN, _entry(now, "NoAnswer", "发送程序中断，不再重发"))
            alarm("Unknown", now)
            return Status.UNKNOWN
        if item.get("status") == Status.SENT and item.get("provider_id"):
            return self._receipt(item, now)
        if not is_open(item) or int(item.get("next_at", 0)) > now:
            return None
        templates = self.profile().sms
        budget = templates.limits["stack_per_day"]
        if self.store.counted(*STACK_COUNTER(beijing_day(now).isoformat())) >= budget:
            if item["status"] != Status.HELD:
                self.store.settle(item, Status.HELD, _entry(now, "Budget", f"超出每日 {budget} 条的预算"),
                                  expect=Status.QUEUED)
                log.warning("SMS budget of %d a day reached: %s held", budget, item["SK"])
                alarm("BudgetReached", now)
            return Status.HELD
        if not self.store.claim(item, now):
            return None                              # another sender has it, or it moved on
        attempts = int(item.get("attempts", 0)) + 1
        self.store.count(*STACK_COUNTER(beijing_day(now).isoformat()), now + 2 * 86400)
        answer = self._send(item, templates)
        status, next_at = after_answer(answer, attempts, now)
        self.store.settle(item, status, _entry(now, answer.code, answer.detail, answer.outcome),
                          next_at=next_at, provider_id=answer.provider_id)
        forgotten = without_secrets(item) if status != Status.QUEUED else None
        if forgotten:                                # handed over or given up: the code is nobody's business now
            self.store.forget(item, *forgotten)
        if status in (Status.FAILED, Status.UNKNOWN):
            log.warning("SMS %s %s after %d tries: %s %s", item["SK"], status, attempts, answer.code, answer.detail)
            alarm("GaveUp" if status == Status.FAILED else "Unknown", now)
        return status

    def _receipt(self, item: dict, now: int) -> str | None:
        """Ask the provider whether an accepted message reached the phone (its delivery receipt)."""
        sent_at = epoch_of(item["history"][-1]["at"])
        if now - sent_at < RECEIPT_AFTER_SECONDS:
            return None
        try:
            receipt = self.provider.receipt(item["to"], item["provider_id"], sent_at)
        except Exception:  # noqa: BLE001 - a receipt is asked again next minute; the message stays sent
            log.warning("SMS receipt for %s not read", item["SK"], exc_info=True)
            return None
        if receipt is None:
            return None
        status = Status.DELIVERED if receipt.delivered else Status.FAILED
        self.store.settle(item, status, _entry(now, "Receipt", receipt.detail), expect=Status.SENT)
        if status == Status.FAILED:
            alarm("GaveUp", now)
        return status

    def _send(self, item: dict, templates) -> ProviderAnswer:
        try:
            message = compose(templates, item["message_kind"], item.get("values") or {},
                              provider=self.provider.name, sign_name=templates.sign_name or "")
        except KeyError:
            return ProviderAnswer(Outcome.REFUSED, "NoTemplate", f"没有 {item['message_kind']} 的短信模板")
        if not message.template_id:
            return ProviderAnswer(Outcome.REFUSED, "NoTemplate", f"{self.provider.name} 没有该种短信的模板编号")
        if has_id_number(message.text) or any(has_id_number(v) for _, v in message.params):
            return ProviderAnswer(Outcome.REFUSED, "IdNumber", "短信中含有证件号，未发送")
        return self.provider.send(item["to"], templates.sign_name or "", message.template_id, message.params,
                                  message_id=item["SK"])


def _entry(now: int, code: str, detail: str, outcome: str = "") -> dict:
    return {"at": iso(now), "code": code, "detail": detail[:200], "outcome": str(outcome)}
