"""Notices: one item each (keys.notice), written with its audit-log entry in one transaction."""
from __future__ import annotations

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.common.dynamo.transact import delete, put, write_all
from functions.common.session import Identity
from functions.common.time import iso


class NoticeStore:
    def __init__(self, table):
        self.table = table

    def read(self, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
        """The notices there are among `wanted`, by (scope, key): one BatchGetItem."""
        items = Store(self.table).get_items([keys.notice(scope, key) for scope, key in wanted])
        return {(i["scope"], i["key"]): i for i in items}

    def save(self, scope: str, key: str, text: str, who: Identity, now: int, before: str | None) -> dict | None:
        """Write (or, for an empty text, take down) one notice with the log entry naming who changed it; answers the
        notice as stored (None: taken down)."""
        where = keys.notice(scope, key)
        item = {**where, "kind": "notice", "scope": scope, "key": key, "text": text, "updated_at": iso(now),
                "updated_by": who.account_id} if text else None
        change = put(self.table, item) if item else delete(self.table, where)
        entry = log_item(where[keys.PK], who, "notice.write" if text else "notice.remove", now,
                         before={"text": before} if before else None, after={"text": text} if text else None)
        write_all(self.table, [change, put(self.table, entry)], "公告刚被修改过，请刷新后重试")
        return item
