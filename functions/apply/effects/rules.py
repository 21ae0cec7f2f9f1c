"""What a change owes, as stored: each effect's id and body, and the SMS a status message becomes. Pure."""
from __future__ import annotations

from dataclasses import asdict

from functions.apply.application.events import Effect, EffectTag, Notify

SMS_SIGNATURE = "【{province}自考】"
# Effects a request leaves to the sweeper: making a form is ~100 ms of PDF, and a submit should stay quick.
BACKGROUND = frozenset({EffectTag.MAKE_FORM})


def sms_text(province: str, seen: dict) -> str:
    """A status message as an SMS: the province's signature, the status, the reason of a rejection, what next."""
    reason = f"退回原因：{seen['reason']}。" if seen["reason"] else ""
    signature = SMS_SIGNATURE.format(province=province)
    return f"{signature}您的毕业申请：{seen['status_text']}。{reason}{seen['next_step']}。"


def owed_effect(effect: Effect, *, batch_id: str, submission: int, province: str, seen: dict) -> tuple[str, dict]:
    """(id, body) of an effect a change owes. The id names the submission, the kind of work and its target, so the
    same work owed twice is one item (and one SMS, one order); `seen` is the application as the candidate now
    reads it (status.describe), for the SMS."""
    detail = asdict(effect)
    target = detail.get("form_id") or detail.get("kind") or detail.get("order_id") or ""
    effect_id = f"{batch_id}#{submission}#{effect.tag}#{target}#{detail.get('stage') or ''}"
    body = {"tag": effect.tag, **detail}
    if isinstance(effect, Notify):
        body["text"] = sms_text(province, seen)
    return effect_id, body
