"""The province's SMS templates: one approved template per message kind at each provider, with its variables.

Chinese SMS providers (阿里云短信, 腾讯云短信) send only text from a template the province filed and had approved,
under an approved sign name (签名); the request names the template id and fills its variables (Alibaba by name,
Tencent by position, so `variables` is also the order). The profile holds the ids and, as `text`, the wording that
was filed, with ${variable} where a value goes: the local outbox log shows exactly what a phone would get.

Why every kind is required: a kind without a template would be queued and never sent; a profile is refused when it
is loaded rather than a code silently lost on the day a candidate needs it. Pure: no AWS, no clock.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class MessageKind(StrEnum):
    """Every kind of SMS the portal sends. Status kinds follow events.Notice; the code kinds are the one-time codes
    and warnings of record binding and password reset."""
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    ONSITE_CONFIRMED = "onsite_confirmed"
    ADVANCED = "advanced"
    APPROVED = "approved"
    REJECTED = "rejected"
    REFUNDED = "refunded"
    BINDING_CODE = "binding_code"
    RESET_CODE = "reset_code"
    NEW_BINDING_WARNING = "new_binding_warning"
    REGISTER_ATTEMPT_WARNING = "register_attempt_warning"


# The variables the portal can fill for each kind (a template may use fewer, never others).
STATUS_VARIABLES = ("status", "next_step", "reason")
VARIABLES: dict[MessageKind, tuple[str, ...]] = {
    **{kind: STATUS_VARIABLES for kind in list(MessageKind)[:7]},
    MessageKind.BINDING_CODE: ("code", "minutes"),
    MessageKind.RESET_CODE: ("code", "hours"),
    MessageKind.NEW_BINDING_WARNING: ("when",),
    MessageKind.REGISTER_ATTEMPT_WARNING: ("when",),
}
# Kinds that a person asks for (a code): limited per phone and per account, refused when over (rules.py). The
# new-binding warning is not one: it goes to the owner because someone else bound the record, and must not be lost.
CODE_KINDS = frozenset({MessageKind.BINDING_CODE, MessageKind.RESET_CODE})
PROVIDERS = ("aliyun", "tencent")
SEGMENT = 70              # characters of one SMS segment (signature included); longer ones go as 67-character parts
MAX_SEGMENTS = 3          # a template longer than this costs three messages per send: refused in the profile
_PLACEHOLDER = re.compile(r"\$\{([a-z_]+)\}")


@dataclass(frozen=True)
class Template:
    kind: MessageKind
    ids: dict[str, str | None]          # provider -> approved template id (None: not filed at that provider)
    variables: tuple[str, ...]
    text: str

    def render(self, sign_name: str, values: dict[str, str]) -> str:
        return f"【{sign_name}】" + _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), self.text)


@dataclass(frozen=True)
class SmsTemplates:
    sign_name: str | None                # None until the province has an approved sign name
    tencent_app_id: str | None           # Tencent's SmsSdkAppId (Alibaba needs none)
    limits: dict[str, int]
    templates: dict[MessageKind, Template]

    @classmethod
    def from_profile(cls, raw: dict) -> SmsTemplates:
        if not isinstance(raw, dict) or set(raw) != {"sign_name", "tencent_app_id", "limits", "templates"}:
            raise ValueError("键 sign_name, tencent_app_id, limits, templates")
        limits = raw["limits"]
        if not isinstance(limits, dict) or set(limits) != set(LIMIT_KEYS) or \
                not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in limits.values()):
            raise ValueError("limits: 正整数 " + ", ".join(LIMIT_KEYS))
        given = raw["templates"] or {}
        unknown = set(given) - set(MessageKind)
        if unknown:
            raise ValueError(f"templates.{sorted(unknown)[0]}: 不是已知的短信种类")
        missing = [k for k in MessageKind if k not in given]
        if missing:
            raise ValueError(f"templates.{missing[0]}: 每种短信都需要模板")
        templates = {MessageKind(k): _template(MessageKind(k), v) for k, v in given.items()}
        return cls(sign_name=raw["sign_name"], tencent_app_id=raw["tencent_app_id"], limits=dict(limits),
                   templates=templates)

    def template(self, kind: str) -> Template:
        """The template of a kind; an unknown kind is a programming error and refused loudly."""
        try:
            return self.templates[MessageKind(kind)]
        except ValueError:
            raise KeyError(f"no SMS template for message kind {kind!r}") from None

    def missing_for(self, provider: str) -> list[str]:
        """What keeps this profile from sending through `provider` (empty: nothing)."""
        missing = [] if self.sign_name else ["sms.sign_name"]
        if provider == "tencent" and not self.tencent_app_id:
            missing.append("sms.tencent_app_id")
        missing += [f"sms.templates.{k}.{provider}" for k, t in self.templates.items() if not t.ids.get(provider)]
        return missing


LIMIT_KEYS = ("codes_per_phone_hour", "codes_per_phone_day", "codes_per_account_hour", "codes_per_account_day",
              "stack_per_day")


def _template(kind: MessageKind, raw) -> Template:
    if not isinstance(raw, dict) or set(raw) != {*PROVIDERS, "variables", "text"}:
        raise ValueError(f"templates.{kind}: 键 aliyun, tencent, variables, text")
    variables = tuple(raw["variables"] or ())
    stray = [v for v in variables if v not in VARIABLES[kind]]
    if stray:
        known = ", ".join(VARIABLES[kind])
        raise ValueError(f"templates.{kind}.variables: {stray[0]} 不是这种短信能填的变量 ({known})")
    text = raw["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"templates.{kind}.text: 报备的模板内容")
    if "【" in text or "】" in text:
        raise ValueError(f"templates.{kind}.text: 不含【】 (签名由服务商加在短信前)")
    used = set(_PLACEHOLDER.findall(text))
    if used != set(variables):
        raise ValueError(f"templates.{kind}.text: 变量应与 variables 一致 ({', '.join(variables)})")
    if segments(text) > MAX_SEGMENTS:
        raise ValueError(f"templates.{kind}.text: 不超过 {MAX_SEGMENTS} 条短信的长度")
    ids = {p: (str(raw[p]) if raw[p] is not None else None) for p in PROVIDERS}
    return Template(kind=kind, ids=ids, variables=variables, text=text)


def segments(text: str) -> int:
    """How many SMS a text is billed as: one up to 70 characters, else 67-character parts (the providers' rule)."""
    return 1 if len(text) <= SEGMENT else -(-len(text) // 67)
