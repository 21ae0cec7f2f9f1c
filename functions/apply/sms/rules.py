"""What the SMS sender decides, pure: the message a kind becomes, what a provider's answer means, when to try
again, and when a person has asked for too many codes. No AWS, no clock (times are passed in).

At most once: a message is claimed (queued -> sending) before the provider is called. An answer that says the
provider did not take it (rate-limited, throttled, its own outage) is tried again later with backoff; an answer
that says it never will (template or sign refused, a wrong number) fails at once; no answer (a timeout, a crash
between claim and answer) is UNKNOWN and never sent again, because the provider may have sent it: a doubled
one-time code or rejection notice is worse than one staff can see was not confirmed.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from functions.profiles.sms_templates import CODE_KINDS, SmsTemplates

MAX_ATTEMPTS = 5                 # tries of one message before it is given up (failed, visible to staff)
FIRST_BACKOFF_SECONDS = 60       # then 4x each time: 1, 4, 16, 64 minutes
# An ID number (18 or 15 characters), whole or masked (420***********1234), or any run of 6+ digits with a
# masking star: none of it may leave in an SMS, even inside a reason a staff member typed.
_ID_SHAPES = re.compile(r"\d{17}[\dXx]|\d{15}|\d{2,}\*{3,}[\dXx*]*|\*{3,}\d{3,}[\dXx]?")
REDACTED = "（证件号已隐去）"
SECRET_VARIABLES = ("code",)     # staff see that a code was sent, never the code itself


class Status(StrEnum):
    """A message's delivery state, as staff see it."""
    QUEUED = "queued"            # waiting for the sender (also a retry not yet due)
    SENDING = "sending"          # claimed by a sender; if it stays so, that sender died: becomes UNKNOWN
    SENT = "sent"                # the provider accepted it (its id is kept)
    DELIVERED = "delivered"      # the provider's receipt says it reached the phone
    FAILED = "failed"            # refused for good, or given up after MAX_ATTEMPTS
    UNKNOWN = "unknown"          # no answer from the provider: maybe sent, never sent again
    HELD = "held"                # over the stack's daily budget: waits for tomorrow's
    LOGGED = "logged"            # local stage: kept as a readable log, no provider


STATUS_TEXT = {
    Status.QUEUED: "等待发送", Status.SENDING: "发送中", Status.SENT: "已提交运营商", Status.DELIVERED: "已送达",
    Status.FAILED: "发送失败",
    Status.UNKNOWN: "未确认（运营商未答复，不再重发）", Status.HELD: "超出当日短信预算，暂缓发送",
    Status.LOGGED: "仅记录（本地环境不发送）",
}
OPEN = frozenset({Status.QUEUED, Status.HELD})      # what a sender may claim


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    RETRY = "retry"              # the provider did not take it, and says so: safe to try again
    REFUSED = "refused"          # the provider will never take it
    NO_ANSWER = "no_answer"      # timeout or broken connection: it may have been sent


@dataclass(frozen=True)
class ProviderAnswer:
    outcome: Outcome
    code: str                    # the provider's own code (OK, isv.BUSINESS_LIMIT_CONTROL, ...), for staff and logs
    detail: str = ""
    provider_id: str = ""        # BizId / SerialNo, for the receipt


ID_FRAGMENT = 6                  # this many characters of the person's own ID number in a row are hidden too


def scrub(value: str, id_number: str | None = None) -> str:
    """A value with anything shaped like an ID number replaced (a rejection reason may quote one), and, when the
    person's ID number is known, any ID_FRAGMENT or more of its characters in a row (尾号 plus birthday...)."""
    value = _ID_SHAPES.sub(REDACTED, value)
    if id_number and len(id_number) >= ID_FRAGMENT:
        for size in range(len(id_number), ID_FRAGMENT - 1, -1):
            for start in range(len(id_number) - size + 1):
                value = value.replace(id_number[start:start + size], REDACTED)
    return value


def has_id_number(text: str) -> bool:
    return bool(_ID_SHAPES.search(text))


@dataclass(frozen=True)
class Composed:
    template_id: str | None      # None on the local stage without a provider
    params: tuple[tuple[str, str], ...]   # in the template's order (Tencent is positional)
    text: str                    # what the phone shows: sign + template with the values


def compose(templates: SmsTemplates, kind: str, values: dict, *, provider: str | None, sign_name: str,
            id_number: str | None = None) -> Composed:
    """The request for one message: its template at the provider and the values in order, every value scrubbed
    (of the person's own ID number too, when given; a code is left whole). An unknown kind raises KeyError: a
    message the profile has no template for must not be queued quietly."""
    template = templates.template(kind)
    clean = {name: scrub(str(values.get(name) or ""), None if name in SECRET_VARIABLES else id_number)
             for name in template.variables}
    return Composed(template_id=template.ids.get(provider) if provider else None,
                    params=tuple((name, clean[name]) for name in template.variables),
                    text=template.render(sign_name, clean))


def after_answer(answer: ProviderAnswer, attempts: int, now: int) -> tuple[Status, int | None]:
    """(new status, when to try next) once a provider answered attempt number `attempts`."""
    if answer.outcome == Outcome.ACCEPTED:
        return Status.SENT, None
    if answer.outcome == Outcome.NO_ANSWER:
        return Status.UNKNOWN, None
    if answer.outcome == Outcome.RETRY and attempts < MAX_ATTEMPTS:
        return Status.QUEUED, now + FIRST_BACKOFF_SECONDS * 4 ** (attempts - 1)
    return Status.FAILED, None


def limit_refusal(kind: str, counts: dict[str, int], limits: dict[str, int]) -> str | None:
    """Why a code may not be sent now (a Chinese sentence for the person asking), or None. `counts` are the
    messages already counted in this hour and day, by the same keys as the limits."""
    if kind not in CODE_KINDS:
        return None
    if counts.get("stack_per_day", 0) >= limits["stack_per_day"]:
        return "今天的短信已达本系统的发送上限，请明天再试，或联系当地自考办。"
    for scope, who in (("phone", "这个手机号"), ("account", "这个账号")):
        if counts.get(f"codes_per_{scope}_hour", 0) >= limits[f"codes_per_{scope}_hour"]:
            return f"{who}一小时内获取验证码的次数已达上限，请一小时后再试。"
        if counts.get(f"codes_per_{scope}_day", 0) >= limits[f"codes_per_{scope}_day"]:
            return f"{who}今天获取验证码的次数已达上限，请明天再试。"
    return None


KIND_NAMES = {"submitted": "已提交", "withdrawn": "已撤回", "onsite_confirmed": "现场确认", "advanced": "审核进展",
              "approved": "审核通过", "rejected": "退回", "refunded": "退费", "binding_code": "绑定考籍验证码",
              "reset_code": "重置密码验证码", "new_binding_warning": "新账号绑定提醒",
              "register_attempt_warning": "重复注册提醒"}


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else "****"


def without_secrets(item: dict) -> tuple[dict, str] | None:
    """(values, text) of a message with its one-time code starred out, or None when it has no secret."""
    values = dict(item.get("values") or {})
    text = item.get("text", "")
    secrets = [values[name] for name in SECRET_VARIABLES if values.get(name) and "*" not in values[name]]
    if not secrets:
        return None
    for name in SECRET_VARIABLES:
        if values.get(name):
            values[name] = "*" * len(values[name])
    for secret in secrets:
        text = text.replace(secret, "*" * len(secret))
    return values, text


def staff_view(item: dict, shown: Callable[[int], str], epoch_of: Callable[[str], int]) -> dict:
    """One outbox message as staff read it: what was sent (codes hidden), to which phone (masked), its delivery
    state in words, and the provider's last word on it."""
    text = item.get("text", "")
    for name in SECRET_VARIABLES:
        value = (item.get("values") or {}).get(name)
        if value:
            text = text.replace(value, "*" * len(value))
    history = item.get("history") or []
    last = history[-1] if history else None
    status = Status(item.get("status", Status.QUEUED))
    return {"kind": KIND_NAMES.get(item.get("message_kind", ""), "短信"), "to": mask_phone(item.get("to", "")),
            "text": text, "status": status.value, "status_text": STATUS_TEXT[status],
            "queued_at": shown(epoch_of(item["queued_at"])), "attempts": int(item.get("attempts", 0)),
            "last_try": shown(epoch_of(last["at"])) if last else None,
            "provider_says": (last.get("detail") or None) if last else None}
