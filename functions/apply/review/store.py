"""What staff review reads and writes, the one place of this package that talks to DynamoDB and S3.

Lists read GSI3 key ranges (a host university's GSI2: index.py writes them with every change of an application),
the name search GSI1; the application itself is read with a consistent read before anyone acts on it. A batch's
settings (windows, dates) are written conditional on their version with their audit entry, all or nothing. An export
is written to the forms bucket (exports/, deleted after a day) and handed out as a presigned GET valid 5 minutes.
"""
from __future__ import annotations

import json
from functools import reduce

from boto3.dynamodb.conditions import Attr

from functions.apply.application.store import read_application, read_applications
from functions.common import audit_log, batches
from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.pages import Page, Source, read_page
from functions.common.dynamo.store import Store, document_item
from functions.common.dynamo.transact import put, write_all
from functions.common.links import download_link
from functions.common.session import Identity
from functions.photo.identity import store as identity_status
from functions.photo.uploads.store import current_uploads

from .rules import Filters, Keep, Range

LIST_KEYS = (keys.PK, keys.SK, keys.GSI3PK, keys.GSI3SK)
HOST_LIST_KEYS = (keys.PK, keys.SK, keys.GSI2PK, keys.GSI2SK)     # a host university's list
NAME_KEYS = (keys.PK, keys.SK, keys.GSI1PK, keys.GSI1SK)
EXPORT_PAGE = 1000             # items per read when an export walks a whole list
HISTORY_LIMIT = 100            # audit-log entries an application's page shows (the newest)
SETTINGS_RACE = "批次设置刚被他人修改，请刷新后再改"


def filter_expression(wanted: Filters):
    """The filters a key range cannot express, as one DynamoDB filter (None: none)."""
    parts = []
    if wanted.plan_id:
        parts.append(Attr("plan_id").eq(wanted.plan_id))
    if wanted.verdict:
        parts.append(Attr("audit.verdict").eq(wanted.verdict))
    if wanted.clean is not None:   # drafts are left out of the states (a withdrawn one keeps its old audit)
        size = Attr("audit.findings").size()
        parts.append(Attr("audit.findings").exists() & (size.eq(0) if wanted.clean else size.gt(0)))
    if wanted.onsite is not None:
        parts.append(Attr("lifecycle.onsite_confirmed").eq(wanted.onsite))
    return reduce(lambda a, b: a & b, parts) if parts else None


def _sources(ranges: list[Range]) -> list[Source]:
    return [Source(partition, prefix) for partition, prefix in ranges]


class ReviewStore:
    def __init__(self, table, s3=None):
        self.table, self.s3, self.store = table, s3, Store(table)

    # -- applications -------------------------------------------------------------------------------------------
    def application(self, exam_no: str, batch_id: str, pair: str = "") -> dict | None:
        return read_application(self.table, exam_no, batch_id, pair)

    def applications(self, exam_nos: list[str], batch_id: str) -> list[dict]:
        """The whole applications of those that exist, in no set order."""
        return read_applications(self.table, exam_nos, batch_id)

    def list_page(self, ranges: list[Range], keep: Keep, limit: int, cursor: str | None, asked_by: str,
                  wanted: Filters | None = None) -> Page:
        """`asked_by`: the staff account the page is for (its cursor opens for them only, with the same filters)."""
        expression = filter_expression(wanted) if wanted else None
        # A list's ranges are all on one index: a host university's on GSI2 (keys.host_review_list), others GSI3.
        on_gsi2 = bool(ranges) and ranges[0][0].startswith(keys.HOST_REVIEW_PREFIX)
        index, names = (keys.GSI2, HOST_LIST_KEYS) if on_gsi2 else (keys.GSI3, LIST_KEYS)
        return read_page(self.table, index, names, _sources(ranges), limit, cursor, expression, keep,
                         asked_by=asked_by, list_name=f"applications {wanted!r}")

    def every(self, ranges: list[Range], keep: Keep) -> list[dict]:
        """Every list entry in the ranges, page after page (the cursors stay within this call)."""
        found, cursor = [], None
        while True:
            page = self.list_page(ranges, keep, EXPORT_PAGE, cursor, asked_by="every")
            found += page.items
            if page.cursor is None:
                return found
            cursor = page.cursor

    def name_page(self, ranges: list[Range], keep: Keep, limit: int, cursor: str | None, asked_by: str) -> Page:
        """A page of the name search: the applications its entries name (review/index.py: name_entry), in the
        entries' order; an application stored before it had an entry is its own."""
        page = read_page(self.table, keys.GSI1, NAME_KEYS, _sources(ranges), limit, cursor, keep=keep,
                         asked_by=asked_by, list_name="search")
        named = [e for e in page.items if e.get("kind") != "application"]
        found = {(i["exam_no"], i["batch_id"], ""): i for batch_id in {e["batch_id"] for e in named}
                 for i in self.applications([e["exam_no"] for e in named
                                             if e["batch_id"] == batch_id and not e.get("pair")], batch_id)}
        # 安徽's 本科 beside the 专科 (keys.PAIRS): few, each read on its own
        found.update({(e["exam_no"], e["batch_id"], e["pair"]): self.application(e["exam_no"], e["batch_id"], e["pair"])
                      for e in named if e.get("pair")})
        items = [found.get((e["exam_no"], e["batch_id"], e.get("pair", ""))) if e.get("kind") != "application" else e
                 for e in page.items]
        return Page([i for i in items if i is not None], page.cursor)

    # -- candidates ---------------------------------------------------------------------------------------------
    def exam_nos_by_id_number(self, id_number: str) -> list[str]:
        return [r["exam_no"] for r in self.store.candidates_by_id_number(id_number)]

    def id_numbers(self, exam_nos: list[str]) -> dict[str, str]:
        return self.store.id_numbers(exam_nos) if exam_nos else {}

    def records(self, exam_nos: list[str]) -> dict[str, dict]:
        return self.store.candidates(exam_nos)

    def uploads(self, exam_no: str) -> dict[str, dict]:
        """{kind: item} of the candidate's current files."""
        return current_uploads(self.table, exam_no)

    def photo(self, exam_no: str) -> dict | None:
        return self.table.get_item(Key=keys.current_upload(exam_no, "photo"), ConsistentRead=True).get("Item")

    def identity(self, exam_no: str) -> dict:
        return identity_status.current(self.table, exam_no)

    def staff_names(self, account_ids: list[str]) -> dict[str, str]:
        """{account id: display name} of the staff accounts among those ids."""
        found = self.store.get_items([keys.account(a) for a in dict.fromkeys(account_ids)]) if account_ids else []
        return {i[keys.PK].split("#", 1)[1]: i["display_name"] for i in found if i.get("who") == "staff"}

    def history(self, exam_no: str) -> list[dict]:
        return audit_log.latest(self.table, keys.candidate(exam_no)[keys.PK], HISTORY_LIMIT)

    # -- batches ------------------------------------------------------------------------------------------------
    def batches(self) -> list[dict]:
        return batches.all_batches(self.store)

    def batch_ids(self) -> list[str]:
        return batches.batch_ids(self.store)

    def imported_batch(self, batch_id: str) -> dict:
        return self.store.get_doc(keys.batch(batch_id))

    def settings(self, batch_id: str) -> tuple[dict, int]:
        """What the provincial office changed on the batch, and the version it was read at (0: nothing yet)."""
        item = self.table.get_item(Key=keys.batch_settings(batch_id), ConsistentRead=True).get("Item")
        return (json.loads(item["doc"]), int(item["version"])) if item else ({}, 0)

    def save_settings(self, batch_id: str, before: dict, read_at: int, after: dict, staff: Identity, action: str,
                      now: int) -> None:
        """The settings (conditional on the version read) with their audit entry, all or nothing."""
        new = document_item(keys.batch_settings(batch_id), "batch_settings", after, version=read_at + 1)
        condition = ("attribute_not_exists(PK)", None) if read_at == 0 else ("version = :v", {":v": read_at})
        entry = log_item(keys.batch(batch_id)[keys.PK], staff, action, now, before=before, after=after)
        write_all(self.table, [put(self.table, new, *condition), put(self.table, entry)], SETTINGS_RACE)

    def note_read(self, exam_no: str, staff: Identity, what: str, now: int, about: dict | None = None) -> None:
        """A staff read of the candidate's private data, in their log (the page's history shows it)."""
        audit_log.note_read(self.table, keys.candidate(exam_no)[keys.PK], staff, what, now, about)

    def note_file_read(self, staff: Identity, now: int, about: dict) -> None:
        """One of an application's files opened (`about`: whose, which): in the reader's own log."""
        audit_log.note_read(self.table, keys.account(staff.account_id)[keys.PK], staff, audit_log.READ_FILE, now,
                            about)

    def log_batch(self, batch_id: str, staff: Identity, action: str, now: int, after: dict) -> None:
        """An entry in the batch's audit log (an export: what, for whom)."""
        self.table.put_item(Item=log_item(keys.batch(batch_id)[keys.PK], staff, action, now, after=after))

    # -- files --------------------------------------------------------------------------------------------------
    def link(self, bucket: str, key: str, filename: str | None = None) -> str:
        return download_link(self.s3, bucket, key, filename)

    def save_export(self, bucket: str, key: str, text: str) -> None:
        self.s3.put_object(Bucket=bucket, Key=key, Body=text.encode("utf-8"), ContentType="text/csv; charset=utf-8")
