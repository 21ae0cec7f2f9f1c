"""Throttling per client address and lockout per sign-in identifier, over the failure counters of the store.

A counter lives for one window from its first failure; reaching the limit holds it shut for a full window from
that failure, and the person is told until when (Beijing time). The rules themselves are in rules.py.
"""
from __future__ import annotations

from collections.abc import Callable

from functions.common.errors import TooMany
from functions.common.time import beijing_clock

from .rules import Rule
from .store import CounterStore


class Throttle:
    def __init__(self, counters: CounterStore, clock: Callable[[], int]):
        self.counters, self.clock = counters, clock

    def blocked_until(self, rule: Rule, who: str) -> int | None:
        return self.standing(rule, who)[1]

    def standing(self, rule: Rule, who: str) -> tuple[bool, int | None]:
        """(whether `who` has a live counter, until when it is blocked or None)."""
        live = self.counters.live(rule.scope, who, self.clock())
        return live is not None, live[1] if live and live[0] >= rule.limit else None

    def check(self, rule: Rule, who: str) -> None:
        """Refuse (429, telling when it ends) while `who` is over the rule's limit."""
        until = self.blocked_until(rule, who)
        if until is not None:
            raise TooMany(rule.message.format(until=beijing_clock(until)), retry_at=until)

    def fail(self, rule: Rule, who: str) -> int:
        """Count one failure; returns how many remain before the limit (0 = now blocked until the window ends)."""
        now = self.clock()
        count = self.counters.count(rule.scope, who, now, rule.window)
        if count == rule.limit:
            # The lock lasts a full window from the failure that reached the limit, not from the first one.
            self.counters.hold(rule.scope, who, now + rule.window)
        return max(rule.limit - count, 0)

    def clear(self, rule: Rule, who: str) -> None:
        self.counters.clear(rule.scope, who)
