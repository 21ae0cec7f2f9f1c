"""What the staff review routes need for one request (deps.py builds it from the function's state).

The eligibility service and the single decision are the application code's own: review adds no second way to decide.
"""
from __future__ import annotations

from functions.common import batches
from functions.common.errors import BadInput

from .detail import ApplicationPage
from .exports import Exports
from .queues import Queues
from .windows import Windows


class Review:
    def __init__(self, table, s3, settings, profile, clock, services):
        self.table, self.s3, self.settings, self.profile, self._clock = table, s3, settings, profile, clock
        self.eligibility = services.store.eligibility
        self.decide = services.decisions.decide
        self.drafting = services.drafting

    def clock(self) -> int:
        return self._clock()

    @property
    def queues(self) -> Queues:
        return Queues(self.table, self.profile)

    @property
    def page(self) -> ApplicationPage:
        return ApplicationPage(self.table, self.s3, self.settings.uploads_bucket, self.profile, self.eligibility,
                               self.drafting)

    @property
    def windows(self) -> Windows:
        return Windows(self.table, self.profile, self.clock)

    @property
    def exports(self) -> Exports:
        return Exports(self.table, self.s3, self.settings.forms_bucket, self.profile, self.eligibility, self.drafting,
                       self.clock)

    def batches(self) -> list[dict]:
        return batches.all_batches(self.eligibility.store)

    def batch_id(self, wanted: str | None) -> str:
        """The batch asked for (it must exist), or the open one."""
        if not wanted:
            return self.eligibility.cache.batch()["id"]
        known = batches.batch_ids(self.eligibility.store)
        if wanted not in known:
            raise BadInput(f"没有批次 {wanted}（已有：{'、'.join(known) or '无'}）", field="batch")
        return wanted

    def batch(self, wanted: str | None) -> dict:
        batch_id = self.batch_id(wanted)
        return next(b for b in self.batches() if b["id"] == batch_id)

