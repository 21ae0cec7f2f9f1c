"""The candidate's other 准考证: one versioned item under the candidate (keys.other_exam_numbers), and on each
other 准考证 a marker naming the one it is merged into (keys.merged_into), written in one transaction with the
audit-log entry, so a 准考证 is never merged into two and never without its record."""
from __future__ import annotations

import json

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.transact import delete, put, write_all
from functions.common.session import Identity

BUSY = "准考证信息刚被修改过，请刷新后重试"


class ExamNumberStore:
    def __init__(self, table):
        self.table = table

    def load(self, exam_no: str) -> tuple[list[dict], int]:
        """(other 准考证, version); version 0 when the candidate has added none."""
        item = self.table.get_item(Key=keys.other_exam_numbers(exam_no), ConsistentRead=True).get("Item")
        return (json.loads(item["doc"]), int(item["version"])) if item else ([], 0)

    def merged_into(self, exam_no: str) -> str | None:
        """The 准考证 this one is merged into (or waiting to be), if any."""
        item = self.table.get_item(Key=keys.merged_into(exam_no), ConsistentRead=True).get("Item")
        return item["merged_into"] if item else None

    def save(self, exam_no: str, entries: list[dict], version: int, who: Identity, action: str, now: int, *,
             before: dict | None, after: dict | None, reason: str | None = None, hold: str | None = None,
             release: str | None = None) -> None:
        """`entries` replace those read at `version`; `hold` marks that 准考证 as merged into this one (refused if
        another holds it), `release` drops the mark (withdrawn or refused)."""
        item = {**keys.other_exam_numbers(exam_no), "kind": "other_exam_numbers", "version": version + 1,
                "doc": json.dumps(entries, ensure_ascii=False)}
        condition = ("version = :v", {":v": version}) if version else ("attribute_not_exists(PK)", None)
        actions = [put(self.table, item, *condition),
                   put(self.table, log_item(keys.candidate(exam_no)[keys.PK], who, action, now, before=before,
                                            after=after, reason=reason))]
        if hold:
            actions.append(put(self.table, {**keys.merged_into(hold), "kind": "merged_into", "merged_into": exam_no},
                               "attribute_not_exists(PK)"))
        if release:
            actions.append(delete(self.table, keys.merged_into(release), "merged_into = :me", {":me": exam_no}))
        write_all(self.table, actions, BUSY)
