"""What a change owes, as stored: each effect's id and body, and the SMS a status message becomes. Pure."""
from __future__ import annotations

from dataclasses import asdict

from functions.apply.application.events import Effect, EffectTag, Notify

# Effects a request leaves to the sweeper: making a form is ~100 ms of PDF, and a submit should stay quick.
BACKGROUND = frozenset({EffectTag.MAKE_FORM})


def sms_values(seen: dict) -> dict:
    """A status message's template variables (profiles/sms_templates.py: STATUS_VARIABLES)."""
    return {"status": seen["status_text"], "next_step": seen["next_step"], "reason": seen["reason"] or ""}


def owed_effect(effect: Effect, *, batch_id: str, submission: int, seen: dict) -> tuple[str, dict]:
    """(id, body) of an effect a change owes. The id names the submission, the kind of work and its target, so the
    same work owed twice is one item (and one SMS, one order); `seen` is the application as the candidate now
    reads it (status.describe), for the SMS."""
    detail = asdict(effect)
    target = detail.get("form_id") or detail.get("kind") or detail.get("order_id") or ""
    effect_id = f"{batch_id}#{submission}#{effect.tag}#{target}#{detail.get('stage') or ''}"
    body = {"tag": effect.tag, **detail}
    if isinstance(effect, Notify):
        body["values"] = sms_values(seen)
    return effect_id, body


def reconsider_id(batch_id: str, submission: int) -> str:
    """The id of the system review owed again for one submission (as owed_effect names an effect): owed twice, one."""
    return f"{batch_id}#{submission}#{EffectTag.RECONSIDER}##"


def waits(effect: dict, round_end: int | None, now: int) -> bool:
    """Whether an owed effect must not be performed yet: a refund owed at the end of its batch (重庆), before that
    end. The end is the batch's as it is when the sweep runs, so one the province moves holds for refunds already
    owed; a batch without an end refunds at once (money owed is not held for a date nobody set)."""
    return bool(effect.get("at_round_end")) and round_end is not None and now < round_end
