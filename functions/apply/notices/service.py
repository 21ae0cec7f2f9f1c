"""What the notices API does: staff read and write the notices of their office; a candidate reads theirs."""
from __future__ import annotations

from collections.abc import Callable

from functions.apply.application.service import Applications
from functions.apply.application.status import Lifecycle, Status
from functions.common.session import Identity
from functions.common.time import epoch_of, shown

from . import rules
from .store import NoticeStore


class Notices:
    def __init__(self, applications: Applications, store: NoticeStore, clock: Callable[[], int]):
        self.applications, self.store, self.clock = applications, store, clock

    @property
    def _profile_data(self) -> dict:
        return self.applications.profile.data

    def _view(self, scope: str, key: str, item: dict | None) -> dict:
        view = {"scope": scope, "key": key, "title": rules.title(scope, key, self._profile_data),
                "text": item["text"] if item else ""}
        if item:
            view["updated"] = shown_iso(item["updated_at"])
        return view

    def for_staff(self, staff: Identity) -> list[dict]:
        mine = rules.writable(staff, self._profile_data)
        found = self.store.read(mine) if mine else {}
        return [self._view(scope, key, found.get((scope, key))) for scope, key in mine]

    def write(self, staff: Identity, scope: str, key: str, text: str) -> dict:
        rules.may_write(staff, self._profile_data, scope, key)
        text = rules.checked_text(text)
        before = self.store.read([(scope, key)]).get((scope, key))
        saved = self.store.save(scope, key, text, staff, self.clock(), before and before["text"])
        return self._view(scope, key, saved)

    def for_candidate(self, me: Identity) -> list[dict]:
        applications = self.applications
        item = applications.item(me.exam_no, applications.batch()["id"])
        # the office handling the application (山西: the one chosen) speaks to its candidates; before one, the record's
        office = (item or {}).get("office") or applications.record(me.exam_no)["office"]
        submitted = bool(item) and Lifecycle.from_dict(item["lifecycle"]).status in (Status.IN_REVIEW, Status.APPROVED)
        wanted = rules.for_candidate(office, list((item or {}).get("host_universities") or []), submitted)
        found = self.store.read(wanted)
        return [self._view(scope, key, found[(scope, key)]) for scope, key in wanted if (scope, key) in found]


def shown_iso(at: str) -> str:
    """A stored UTC time (2026-04-01T03:26:00Z) as people read it, in Beijing time."""
    return shown(epoch_of(at)) + "（北京时间）"
