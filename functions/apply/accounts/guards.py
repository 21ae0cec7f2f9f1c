"""The abuse guards of every account endpoint, for one request: who is asking (client address), the captcha, the
throttles. Limits are per client address (a school's NAT is shared, so only failures count) and per identifier
(hashed); the limits themselves are in rules.py.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request

from functions.common.errors import AppError, BadInput
from functions.common.origin import viewer_address

from . import captcha
from .rules import CAPTCHAS, CLIENT, Rule, subject
from .store import CounterStore, TokenStore
from .throttle import Throttle


def client_address(request: Request) -> str:
    """The viewer's address as CloudFront forwards it (common/origin.viewer_address); API Gateway's sourceIp, which
    Mangum puts in scope["client"], is CloudFront's edge."""
    return viewer_address(request.headers.get("x-forwarded-for"), request.client.host if request.client else "unknown")


class Guard:
    """One request's view of the rules: `guard.captcha(...)`, `guard.failed(...)`; `tokens` are the single-use
    items (captchas, reset tickets and codes, trusted devices) the guarded actions use up."""

    def __init__(self, table, clock, client_address: str):
        self.now = clock()
        self.tokens = TokenStore(table)
        self.throttle = Throttle(CounterStore(table), clock)
        self.client = subject("client", client_address)

    def check_client(self) -> None:
        self.throttle.check(CLIENT, self.client)

    def captcha(self, captcha_id: str, answer: str) -> None:
        """Client throttle first, then the captcha; a wrong captcha counts as a failure of the client."""
        self.check_client()
        try:
            captcha.take(self.tokens, captcha_id, answer, self.now)
        except BadInput:
            self.throttle.fail(CLIENT, self.client)
            raise

    @contextmanager
    def spending_captcha(self, captcha_id: str, answer: str) -> Iterator[None]:
        """Take the captcha, then do the guarded action; a refusal after the captcha was taken says so
        (`captcha_spent`), so the page shows a new image only then, not when another field was wrong."""
        try:
            self.captcha(captcha_id, answer)
            yield
        except AppError as err:
            err.extra["captcha_spent"] = True
            raise

    def issue_captcha(self) -> dict:
        self.throttle.check(CAPTCHAS, self.client)
        self.throttle.fail(CAPTCHAS, self.client)
        return captcha.issue(self.tokens, self.now)

    def failed(self, rule: Rule | None = None, who: str | None = None) -> int | None:
        """Count a failure against the client and (optionally) a subject; how many tries the subject has left."""
        self.throttle.fail(CLIENT, self.client)
        return self.throttle.fail(rule, who) if rule and who else None
