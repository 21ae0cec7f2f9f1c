"""Whether a candidate may still change what they submitted, read from the table by every function that stores
such a change: the photo function (uploads) and the eligibility function (顶替 choices) as well as the sections.
The rule itself is status.changes_refused (pure); this module only finds the application it judges.
"""
from __future__ import annotations

from functions.common import batches
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.common.errors import Conflict, NotFound

from .status import Lifecycle, changes_refused


def refuse_after_submit(table, exam_no: str, what: str, field: str) -> None:
    """Conflict (409) when the candidate's application of the open batch is no longer open to changes; nothing
    when there is none yet (uploads and choices come before choosing a major too)."""
    try:
        batch = batches.current(batches.all_batches(Store(table)))
    except NotFound:
        return
    item = table.get_item(Key=keys.application(exam_no, batch["id"]), ConsistentRead=True).get("Item")
    refused = changes_refused(Lifecycle.from_dict(item["lifecycle"]), what) if item else None
    if refused:
        raise Conflict(refused, field=field)
