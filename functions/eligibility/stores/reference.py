"""The engine's reference data, read from the table once per container and refreshed after an import.

The REFERENCE index item lists what was imported; its digest tells whether the cached copy is stale, so a new plan
or rule set reaches every container within REFRESH_SECONDS without a redeploy.
"""
from __future__ import annotations

import json
import threading
import time

from functions.common import batches
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.eligibility.engine.reference import Reference, reference_from_documents

REFRESH_SECONDS = 60


class ReferenceCache:
    def __init__(self, store: Store, clock=time.monotonic):
        self.store, self.clock = store, clock
        self._lock = threading.Lock()
        self._reference: Reference | None = None
        self._digest: str | None = None
        self._checked_at = float("-inf")

    def get(self) -> Reference:
        with self._lock:
            if self._reference is None or self.clock() - self._checked_at > REFRESH_SECONDS:
                self._refresh()
            return self._reference

    def _refresh(self) -> None:
        item = self.store.table.get_item(Key=keys.reference_index()).get("Item")
        digest = item["digest"] if item else ""
        if digest != self._digest or self._reference is None:
            index = json.loads(item["doc"]) if item else {"plans": [], "rulesets": [], "courses": []}
            docs = self.store.get_docs([keys.plan(p) for p in index["plans"]]
                                       + [keys.ruleset(r) for r in index["rulesets"]]
                                       + [keys.course(c) for c in index["courses"]])
            plans = [d for d in docs if "plan_id" in d and "requirements" in d]
            rulesets = [d for d in docs if "ruleset_id" in d]
            courses = [d for d in docs if "code" in d and "plan_id" not in d]
            self._reference = reference_from_documents(
                [(f"plans/{p['plan_id']}", p) for p in plans], [(f"rules/{r['ruleset_id']}", r) for r in rulesets],
                ("courses", {"courses": courses}))
            self._digest = digest
        self._checked_at = self.clock()

    def batch(self) -> dict:
        """The open batch, with the provincial office's windows and dates: read each time, never cached, so a
        change on the staff page holds from the next request on (functions/common/batches.py)."""
        return batches.current(batches.all_batches(self.store))
