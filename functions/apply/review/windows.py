"""The provincial office's hold on a batch: its application window per type of candidate, and its dates.

Changes go to the batch's settings item (functions/common/batches.py lays it over the imported batch), each one a
write conditional on the settings' version, with its audit entry in the same transaction. Batches are read fresh
on every request, so the candidates' window check sees a change at once.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from functions.apply.application.rules import window_problem
from functions.common import batches
from functions.common.errors import NotFound
from functions.common.session import Identity

from . import answers, rules
from .store import ReviewStore


class Windows:
    def __init__(self, store: ReviewStore, profile, clock: Callable[[], int]):
        self.store, self.profile, self.clock = store, profile, clock

    def list(self) -> list[dict]:
        """Every batch with its dates and windows (open now or not, per type of candidate); the current one marked."""
        found = self.store.batches()
        current = batches.current(found)["id"] if found else None
        now = self.clock()
        types = self.profile.data["application"]["candidate_types"]
        return [answers.batch_view(b, current, types, lambda batch, kind: window_problem(batch, kind, now) is None)
                for b in found]

    def set_window(self, staff: Identity, batch_id: str, kind: str, opens: datetime, closes: datetime) -> dict:
        """Open, move or close (let it end now) the window of one type of candidate."""
        rules.province_only(staff, self.profile.data)
        window = rules.window(self.profile.data, kind, opens, closes)
        return self._change(staff, batch_id, "batch.window",
                            lambda s: {**s, "windows": {**s.get("windows", {}), kind: window}})

    def set_dates(self, staff: Identity, batch_id: str, graduation: date, cutoff: date | None) -> dict:
        """The graduation date and the prior-education cut-off the audits of this batch use."""
        rules.province_only(staff, self.profile.data)
        chosen = rules.dates(graduation, cutoff)
        return self._change(staff, batch_id, "batch.dates", lambda s: {**s, **chosen})

    def _change(self, staff: Identity, batch_id: str, action: str, change: Callable[[dict], dict]) -> dict:
        found = {b["id"]: b for b in self.store.batches()}
        if batch_id not in found:
            raise NotFound(f"没有批次 {batch_id}")
        before, version = self.store.settings(batch_id)
        after = change(before)
        changed = batches.merged(self.store.imported_batch(batch_id), after)
        rules.same_current(batches.current(list(found.values()))["id"],
                           batches.current([changed if b == batch_id else found[b] for b in found])["id"])
        self.store.save_settings(batch_id, before, version, after, staff, action, self.clock())
        return next(b for b in self.list() if b["id"] == batch_id)
