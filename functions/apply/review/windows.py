"""The provincial office's hold on a batch: its application window per type of candidate, and its dates.

Changes go to the batch's settings item (functions/common/batches.py lays it over the imported batch), each one a
write conditional on the settings' version, with its audit entry in the same transaction. Batches are read fresh
on every request, so the candidates' window check sees a change at once.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from functions.apply.application.service import window_problem
from functions.common import batches
from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store, document_item
from functions.common.dynamo.transact import put, write_all
from functions.common.errors import BadInput, Forbidden, NotFound
from functions.common.jurisdiction import ALL_OF_PROVINCE
from functions.common.session import Identity
from functions.common.time import as_beijing

EVERYONE = "*"


class Windows:
    def __init__(self, table, profile, clock):
        self.table, self.profile, self.clock, self.store = table, profile, clock, Store(table)

    def list(self) -> list[dict]:
        """Every batch with its dates and windows (open now or not, per type of candidate); the current one marked."""
        found = batches.all_batches(self.store)
        current = batches.current(found)["id"] if found else None
        now = self.clock()
        types = [*self.profile.data["application"]["candidate_types"], EVERYONE]
        return [{"id": b["id"], "name": b.get("name"), "current": b["id"] == current,
                 "graduation_date": b["graduation_date"], "prior_edu_cutoff": b.get("prior_edu_cutoff"),
                 "windows": {t: {**b["windows"][t], "open_now": window_problem(b, t, now) is None}
                             for t in types if t in (b.get("windows") or {})}} for b in found]

    def set_window(self, staff: Identity, batch_id: str, kind: str, opens: datetime, closes: datetime) -> dict:
        """Open, move or close (let it end now) the window of one type of candidate."""
        self._province(staff)
        self._kind(kind)
        opens, closes = as_beijing(opens), as_beijing(closes)  # typed without a zone: Beijing time
        if opens >= closes:
            raise BadInput("申请结束时间应晚于开始时间", field="closes")
        window = {"opens": opens.isoformat(timespec="minutes"), "closes": closes.isoformat(timespec="minutes")}
        return self._change(staff, batch_id, "batch.window", lambda s: {**s, "windows": {**s.get("windows", {}),
                                                                                        kind: window}})

    def set_dates(self, staff: Identity, batch_id: str, graduation: date, cutoff: date | None) -> dict:
        """The graduation date and the prior-education cut-off the audits of this batch use."""
        self._province(staff)
        dates = {"graduation_date": graduation.isoformat()}
        if cutoff:
            if cutoff > graduation:
                raise BadInput("前置学历截止日期不应晚于毕业时间", field="prior_edu_cutoff")
            dates["prior_edu_cutoff"] = cutoff.isoformat()
        return self._change(staff, batch_id, "batch.dates", lambda s: {**s, **dates})

    # -- helpers ------------------------------------------------------------------------------------------------
    def _change(self, staff: Identity, batch_id: str, action: str, change) -> dict:
        found = {b["id"]: b for b in batches.all_batches(self.store)}
        if batch_id not in found:
            raise NotFound(f"没有批次 {batch_id}")
        item = self.table.get_item(Key=keys.batch_settings(batch_id), ConsistentRead=True).get("Item")
        version = int(item["version"]) if item else 0
        before = _doc(item)
        after = change(before)
        self._same_current(found, batch_id, batches.merged(self._imported(batch_id), after))
        new = document_item(keys.batch_settings(batch_id), "batch_settings", after, version=version + 1)
        condition = ("attribute_not_exists(PK)", None) if item is None else ("version = :v", {":v": version})
        entry = log_item(keys.batch(batch_id)[keys.PK], staff, action, self.clock(), before=before, after=after)
        write_all(self.table, [put(self.table, new, *condition), put(self.table, entry)],
                  "批次设置刚被他人修改，请刷新后再改")
        return next(b for b in self.list() if b["id"] == batch_id)

    def _imported(self, batch_id: str) -> dict:
        return self.store.get_doc(keys.batch(batch_id))

    @staticmethod
    def _same_current(found: dict, batch_id: str, changed: dict) -> None:
        """A new graduation date must not make another batch the open one behind everyone's back."""
        before = batches.current(list(found.values()))["id"]
        after = batches.current([changed if b == batch_id else found[b] for b in found])["id"]
        if before != after:
            raise BadInput(f"改后当前批次将由 {before} 变为 {after}：当前批次的毕业时间须晚于其他批次",
                           field="graduation_date")

    def _province(self, staff: Identity) -> None:
        if staff.role not in ALL_OF_PROVINCE:
            raise Forbidden("申请时间和批次日期由省级教育考试机构设置，您的账号无此权限")

    def _kind(self, kind: str) -> None:
        types = self.profile.data["application"]["candidate_types"]
        if kind not in (*types, EVERYONE):
            raise BadInput(f"本省没有“{kind}”这类考生（可选：{'、'.join(types)}，或 * 表示全部考生）",
                           field="candidate_type")


def _doc(item: dict | None) -> dict:
    return json.loads(item["doc"]) if item else {}


