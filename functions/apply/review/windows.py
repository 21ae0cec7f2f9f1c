"""The provincial office's hold on a batch: its application window per type of candidate, and its dates; and,
where the profile lets offices narrow it (安徽: 合肥市 按合肥市教育考试院的通知办理), an office's own window.

Changes go to the batch's settings item (functions/common/batches.py lays it over the imported batch), each one a
write conditional on the settings' version, with its audit entry in the same transaction. Batches are read fresh
on every request, so the candidates' window check sees a change at once.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from functions.apply.application.photo_window import (
    checked_photo_window,
    photo_window_shown,
    refuse_application_before_photo,
)
from functions.apply.application.rules import for_office, narrowed, province_window, window_problem
from functions.common import batches
from functions.common.errors import NotFound
from functions.common.jurisdiction import ALL_OF_PROVINCE, Role, office_name
from functions.common.session import Identity
from functions.common.time import as_beijing

from . import answers, rules
from .store import ReviewStore

OFFICE_CLOSES_LABEL = "结束时间"        # as 批次与导出's 设置本单位的申请时间 labels an office's close


class Windows:
    def __init__(self, store: ReviewStore, profile, clock: Callable[[], int]):
        self.store, self.profile, self.clock = store, profile, clock

    def list(self, staff: Identity) -> list[dict]:
        """Every batch with its dates and windows (open now or not, per type of candidate); the current one marked;
        the offices' own windows: every office's to the province, an office's own to its staff."""
        found = self.store.batches()
        current = batches.current(found)["id"] if found else None
        now = self.clock()
        types = self.profile.data["application"]["candidate_types"]
        offices = None if staff.role in ALL_OF_PROVINCE else set(staff.offices)

        def open_now(batch: dict, kind: str, office: str | None = None) -> bool:
            return window_problem(for_office(batch, office), kind, now) is None
        return [{**answers.batch_view(b, current, types, open_now, self.profile.data, offices),
                 "photo_window": photo_window_shown(b, now)} for b in found]

    def set_window(self, staff: Identity, batch_id: str, kind: str, opens: datetime, closes: datetime) -> dict:
        """Open, move or close (let it end now) the window of one type of candidate."""
        rules.province_only(staff, self.profile.data)
        window = rules.window(self.profile.data, kind, opens, closes)
        refuse_application_before_photo(window, self._batch(batch_id))
        return self._change(staff, batch_id, "batch.window",
                            lambda s: {**s, "windows": {**s.get("windows", {}), kind: window}})

    def set_office_window(self, staff: Identity, batch_id: str, office: str, kind: str,
                          window: tuple[datetime, datetime] | None) -> dict:
        """An office's own window for one type of candidate, within the province's (None: clear it, the province's
        applies again)."""
        data = self.profile.data
        rules.own_office(staff, data, office)
        batch = self._batch(batch_id)
        chosen = None if window is None else narrowed(rules.window(data, kind, *window), province_window(batch, kind),
                                                       office_name(data, Role.PROVINCE))
        if chosen:                      # the city reviews photos until the photo deadline: its window outlasts it
            refuse_application_before_photo(chosen, batch, OFFICE_CLOSES_LABEL)
        return self._change(staff, batch_id, "batch.office_window", lambda s: _office_windows(s, office, kind, chosen))

    def set_photo_window(self, staff: Identity, batch_id: str, opens: datetime, closes: datetime) -> dict:
        """The photo's own upload window (profile application.photo_window), closing before the application's."""
        rules.province_only(staff, self.profile.data)
        rules.photo_window_kept(self.profile.data)
        chosen = checked_photo_window(as_beijing(opens), as_beijing(closes), self._batch(batch_id))
        return self._change(staff, batch_id, "batch.photo_window", lambda s: {**s, "photo_window": chosen})

    def set_dates(self, staff: Identity, batch_id: str, graduation: date, cutoff: date | None) -> dict:
        """The graduation date and the prior-education cut-off the audits of this batch use."""
        rules.province_only(staff, self.profile.data)
        chosen = rules.dates(graduation, cutoff)
        return self._change(staff, batch_id, "batch.dates", lambda s: {**s, **chosen})

    def _batch(self, batch_id: str) -> dict:
        found = next((b for b in self.store.batches() if b["id"] == batch_id), None)
        if found is None:
            raise NotFound(f"没有批次 {batch_id}")
        return found

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
        return next(b for b in self.list(staff) if b["id"] == batch_id)


def _office_windows(settings: dict, office: str, kind: str, window: dict | None) -> dict:
    """The settings with one office's window for one type set (or cleared: an office with none left is dropped)."""
    every = {**settings.get("office_windows", {})}
    own = {k: w for k, w in every.get(office, {}).items() if k != kind} | ({kind: window} if window else {})
    every = {o: w for o, w in every.items() if o != office} | ({office: own} if own else {})
    return {k: v for k, v in settings.items() if k != "office_windows"} | ({"office_windows": every} if every else {})
