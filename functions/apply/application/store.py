"""Reading and writing applications: the one place that turns a lifecycle outcome into stored items.

Every change is one transaction: the application (conditional on the version read), its audit entry, a portal
message for each status change, and an item for each effect still owed (an order, a refund, a form, an SMS), which
`effects.Effects` performs afterwards and deletes. So a change never lands without its record, its message or its
follow-up work, and the follow-up survives a crash between the write and the work.
"""
from __future__ import annotations

from functions.apply.review import index as review_index
from functions.common.audit_log import log_item, unique
from functions.common.dynamo import keys
from functions.common.dynamo.transact import put, write_all
from functions.common.errors import NotFound
from functions.common.session import Identity
from functions.common.time import iso
from functions.profiles.loader import Profile

from . import lifecycle
from .lifecycle import Lifecycle
from .status import describe

SMS_SIGNATURE = "【{province}自考】"


class ApplicationStore:
    """Reads the profile and the clock from the app's state on every call, so tests can swap either."""

    def __init__(self, state, eligibility):
        self.state, self.table, self.eligibility = state, state.table, eligibility

    @property
    def profile(self) -> Profile:
        return self.state.profile

    def clock(self) -> int:
        return self.state.clock()

    # reading -------------------------------------------------------------------------------------------------
    def batch(self) -> dict:
        return self.eligibility.cache.batch()

    def item(self, exam_no: str, batch_id: str) -> dict | None:
        return self.table.get_item(Key=keys.application(exam_no, batch_id), ConsistentRead=True).get("Item")

    def record(self, exam_no: str) -> dict:
        record = self.eligibility.store.candidate(exam_no)
        if record is None:
            raise NotFound("找不到该考生的考籍记录")
        return record

    def mine(self, exam_no: str, missing: str = "您还没有毕业申请，请先选择申请专业") -> tuple[dict, dict]:
        """(batch, application) of the open batch, or NotFound with `missing`."""
        batch = self.batch()
        item = self.item(exam_no, batch["id"])
        if item is None:
            raise NotFound(missing)
        return batch, item

    def present(self, item: dict, batch: dict) -> dict:
        state = Lifecycle.from_dict(item["lifecycle"])
        return {"batch": {"id": batch["id"], "name": batch.get("name")}, "exam_no": item["exam_no"],
                "plan_id": item["plan_id"], "major_name": item.get("major_name"), "level": item.get("level"),
                "host_universities": item.get("host_universities", []), "reference": item.get("reference"),
                "version": int(item["version"]), "updated_at": item.get("updated_at"),
                "forms": lifecycle.forms_available(state, self.profile.data),
                **describe(state, self.profile.data)}

    # writing -------------------------------------------------------------------------------------------------
    def changed(self, item: dict, outcome: lifecycle.Outcome, now: int) -> tuple[dict, list[dict]]:
        """The item after `outcome` (new state, the queue it waits in) and the message and effect items it owes."""
        state = outcome.state
        new = {**item, "lifecycle": state.as_dict(), "version": int(item["version"]) + 1, "updated_at": iso(now)}
        for name in (keys.GSI2PK, keys.GSI2SK):
            new.pop(name, None)
        if state.status == lifecycle.IN_REVIEW:
            new.update(keys.review_queue(state.stage, item["office"], iso(now), item["exam_no"]))
        owed = []
        seen = describe(state, self.profile.data)
        for effect in outcome.effects:
            if isinstance(effect, lifecycle.Notify):
                owed.append(self._message(item["exam_no"], effect, seen, now))
            owed.append(self._effect(item, state, effect, seen, now))
        return new, owed

    def _message(self, exam_no: str, notify: lifecycle.Notify, seen: dict, now: int) -> dict:
        return {**keys.message(exam_no, iso(now), unique()), "kind": "message", "event": notify.kind,
                "stage": notify.stage, "status_text": seen["status_text"], "next_step": seen["next_step"],
                "reason": seen["reason"], "at": iso(now)}

    def _effect(self, item: dict, state: Lifecycle, effect, seen: dict, now: int) -> dict:
        detail = vars(effect)
        name = detail.get("form_id") or detail.get("kind") or detail.get("order_id") or ""
        effect_id = f"{item['batch_id']}#{state.submissions}#{effect.tag}#{name}#{detail.get('stage') or ''}"
        body = {"tag": effect.tag, **detail}
        if isinstance(effect, lifecycle.Notify):
            province = self.profile.data["province"]
            reason = f"退回原因：{seen['reason']}。" if seen["reason"] else ""
            body["text"] = (f"{SMS_SIGNATURE.format(province=province)}您的毕业申请：{seen['status_text']}。"
                            f"{reason}{seen['next_step']}。")
        return {**keys.effect(item["exam_no"], effect_id), **keys.effects_due(iso(now), item["exam_no"], effect_id),
                "kind": "effect", "effect": body, "exam_no": item["exam_no"], "batch_id": item["batch_id"],
                "created_at": iso(now)}

    def write(self, new: dict, old: dict | None, who: Identity | str, action: str, *, before=None, after=None,
              reason: str | None = None, extra: list[dict] = ()) -> None:
        """The application conditional on the version read (or on not existing), its audit entry, and `extra`
        (more transaction actions), all or nothing."""
        condition = ("attribute_not_exists(PK)", None) if old is None else ("version = :v", {":v": int(old["version"])})
        new = review_index.indexed(new)        # the staff lists and name search it shows up in, written with it
        actions = [put(self.table, new, condition[0], condition[1]), *extra]
        actions.append(put(self.table, log_item(new[keys.PK], who, action, self.clock(), before=before, after=after,
                                                reason=reason)))
        actions += review_index.entry_writes(self.table, new, old)    # last: the positions callers read stay
        write_all(self.table, actions, "申请状态已被他人更新，请刷新后查看")

    def transition(self, item: dict, event, who: Identity | str, action: str, *, reason: str | None = None,
                   extra: list[dict] = (), **changes) -> dict:
        """Apply a lifecycle event to `item` and store it (see `write`); answers the new item."""
        now = self.clock()
        before = Lifecycle.from_dict(item["lifecycle"])
        outcome = lifecycle.transition(before, event, self.profile.data)
        new, owed = self.changed(item, outcome, now)
        new.update(changes)
        self.write(new, item, who, action, before=_where(before), after=_where(outcome.state), reason=reason,
                   extra=[*(put(self.table, i) for i in owed), *extra])
        return new


def _where(state: Lifecycle) -> str:
    return f"{state.status}:{state.stage}" if state.stage else state.status
