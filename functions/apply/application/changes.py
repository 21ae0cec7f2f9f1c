"""Whether a candidate may still change what they submitted, read from the table by every function that stores
such a change: the photo function (uploads) and the eligibility function (顶替 choices) as well as the sections.
The rule itself is status.changes_refused (pure); this module only finds the application it judges.
"""
from __future__ import annotations

from functions.common import batches
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.common.errors import Conflict, NotFound

from .associate import associate_standing, bundles
from .photo_window import refuse_outside_photo_window
from .status import Lifecycle, Status, changes_refused


def current_batch(table) -> dict | None:
    try:
        return batches.current(batches.all_batches(Store(table)))
    except NotFound:
        return None


def refuse_photo_outside_window(table, now: int) -> None:
    """Conflict (409) when the open batch's photo window (profile application.photo_window) is set and not open."""
    refuse_outside_photo_window(current_batch(table), now)


def open_application(table, exam_no: str) -> dict | None:
    """The candidate's application item of the open batch (None: no batch is open, or no application in it)."""
    batch = current_batch(table)
    if batch is None:
        return None
    return table.get_item(Key=keys.application(exam_no, batch["id"]), ConsistentRead=True).get("Item")


def handling_office(table, exam_no: str) -> str | None:
    """The office handling the candidate's application of the open batch (山西: the one chosen), if any: its staff
    review what the application asks them to, the photo too."""
    return (open_application(table, exam_no) or {}).get("office")


def applied_directions(table, exam_no: str) -> dict[str, str]:
    """plan id -> the 专业方向 the candidate's application of the open batch chose (empty before a choice): the
    eligibility answers about that plan then judge that 方向's courses, as the application's own audits do."""
    item = open_application(table, exam_no) or {}
    return {item["plan_id"]: item["direction"]} if item.get("direction") and item.get("plan_id") else {}


def associate_of(table, exam_no: str, batch_id: str, profile_data: dict) -> dict | None:
    """The candidate's 专科 application of the batch as a 本科's audit reads it (associate.py: 本、专科专业一并申请),
    None where there is none or the province has no such pairing."""
    if not bundles(profile_data):
        return None
    item = table.get_item(Key=keys.application(exam_no, batch_id), ConsistentRead=True).get("Item")
    return associate_standing(item, profile_data)


def in_review(table, exam_no: str) -> dict | None:
    """The candidate's application of the open batch while it is submitted and waiting for a decision (None
    otherwise): 山西's photo owed after submitting is asked for, and sent to 人工审核, only then."""
    item = open_application(table, exam_no)
    return item if item and Lifecycle.from_dict(item["lifecycle"]).status == Status.IN_REVIEW else None


def refuse_after_submit(table, exam_no: str, what: str, field: str) -> None:
    """Conflict (409) when the candidate's application of the open batch is no longer open to changes; nothing
    when there is none yet (uploads and choices come before choosing a major too)."""
    item = open_application(table, exam_no)
    refused = changes_refused(Lifecycle.from_dict(item["lifecycle"]), what) if item else None
    if refused:
        raise Conflict(refused, field=field)
