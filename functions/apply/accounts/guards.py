"""The abuse rules of every account endpoint: who is asking (client address), captcha, throttles, masking.

Limits are per client address (a school's NAT is shared, so only failures count) and per identifier (hashed).
"""
from __future__ import annotations

from fastapi import Request

from functions.common.errors import BadInput
from functions.common.ids import mask_id_number

from . import captcha
from .throttle import Rule, Throttle, subject

CLIENT = Rule("client", 30, 15 * 60, "来自您网络的错误尝试过多，请于 {until}（北京时间）后再试")
CAPTCHAS = Rule("captcha", 300, 15 * 60, "验证码请求过于频繁，请于 {until}（北京时间）后再试")
SIGN_IN = Rule("signin", 5, 15 * 60, "密码连续错误 5 次，该账号暂停登录至 {until}（北京时间）。"
                                     "在本机登录过的浏览器不受影响；也可以用“找回密码”重设密码。")
DEVICE = Rule("device", 5, 15 * 60, "密码连续错误次数过多，请于 {until}（北京时间）后再试")
ACTIVATE = Rule("activate", 5, 60 * 60, "核对失败次数过多，请于 {until}（北京时间）后再试，或到档案所在地自考办办理")
RESET = Rule("reset", 5, 60 * 60, "找回密码失败次数过多，请于 {until}（北京时间）后再试，或请自考办发放一次性验证码")


def client_address(request: Request) -> str:
    """API Gateway's sourceIp (Mangum puts it in scope["client"]); behind CloudFront it is the viewer's address."""
    return request.client.host if request.client else "unknown"


class Guard:
    """One request's view of the rules: `guard.captcha(...)`, `guard.failed(...)`."""

    def __init__(self, table, clock, client_address: str):
        self.table, self.now = table, clock()
        self.throttle = Throttle(table, clock)
        self.client = subject("client", client_address)

    def check_client(self) -> None:
        self.throttle.check(CLIENT, self.client)

    def captcha(self, captcha_id: str, answer: str) -> None:
        """Client throttle first, then the captcha; a wrong captcha counts as a failure of the client."""
        self.check_client()
        try:
            captcha.take(self.table, captcha_id, answer, self.now)
        except BadInput:
            self.throttle.fail(CLIENT, self.client)
            raise

    def issue_captcha(self) -> dict:
        self.throttle.check(CAPTCHAS, self.client)
        self.throttle.fail(CAPTCHAS, self.client)
        return captcha.issue(self.table, self.now)

    def failed(self, rule: Rule | None = None, who: str | None = None) -> int | None:
        """Count a failure against the client and (optionally) a subject; how many tries the subject has left."""
        self.throttle.fail(CLIENT, self.client)
        return self.throttle.fail(rule, who) if rule else None


def mask_identifier(kind: str, value: str) -> str:
    """For logs and lists: 420***********1234, 3601****0012, z***@qq.com; staff logins are not personal."""
    if kind == "id_number":
        return mask_id_number(value)
    if kind == "exam_no":
        return value[:4] + "****" + value[-2:] if len(value) >= 8 else "***"
    if kind == "email":
        name, _, domain = value.partition("@")
        return (name[:1] + "***@" + domain) if domain else "***"
    return value
