"""Exports for staff, each in the audit log: a batch's approved graduates as CSV for 学信网 registration, and the
counts per state and office. Both are scoped like the lists (a county exports its own offices only).

The CSV is written to the forms bucket (exports/, deleted after a day) and answered as a presigned GET valid 5
minutes, so a province's whole batch never passes through a Lambda response (6 MB at most). UTF-8 with a BOM, so
Excel shows the Chinese; values are written as they are (no ="…" tricks), so the file is what 学信网 imports.
"""
from __future__ import annotations

import csv
import io
import secrets
from datetime import UTC, datetime

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.pages import read_page
from functions.common.dynamo.store import Store
from functions.common.links import LINK_SECONDS, download_link
from functions.common.session import Identity

from . import index
from .queues import LIST_KEYS, Queues

BOM = "\ufeff"
# The data items of the electronic registration of 自学考试 graduates (学历证书电子注册), in its order of persons,
# major and certificate; dates as YYYYMMDD. 证书编号 is left empty: the province assigns it when it prints.
COLUMNS = ("准考证号", "姓名", "性别", "出生日期", "身份证号", "民族", "政治面貌", "专业代码", "专业名称", "层次",
           "主考学校", "考籍注册日期", "毕业日期", "毕结业结论", "证书编号", "照片文件名", "档案所在地代码",
           "档案所在地", "申请编号")
PAGE = 1000


class Exports:
    def __init__(self, table, s3, forms_bucket: str, profile, eligibility, drafting, clock):
        self.table, self.s3, self.bucket, self.profile = table, s3, forms_bucket, profile
        self.eligibility, self.drafting, self.clock, self.store = eligibility, drafting, clock, Store(table)

    def graduates(self, staff: Identity, batch: dict) -> dict:
        """The approved graduates of the batch in my jurisdiction, as a CSV file behind a 5-minute link."""
        listed = sorted(self._every(staff, batch["id"], ["approved"]), key=lambda i: (i["office"], i["exam_no"]))
        text = io.StringIO()
        text.write(BOM)
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for start in range(0, len(listed), 100):
            # The list holds a few columns; the row needs the whole application (details) and the record.
            exam_nos = [i["exam_no"] for i in listed[start:start + 100]]
            records = self.store.candidates(exam_nos)
            wanted = [keys.application(e, batch["id"]) for e in exam_nos]
            items = {i["exam_no"]: i for i in self.store.get_items(wanted)}
            for exam_no in (e for e in exam_nos if e in items):     # (one deleted since it was listed: left out)
                writer.writerow(self._row(items[exam_no], records.get(exam_no) or {}, batch))
        stamp = datetime.fromtimestamp(self.clock(), UTC).strftime("%Y%m%dT%H%M%SZ")
        key = f"exports/{batch['id']}/{stamp}-{secrets.token_hex(8)}-graduates.csv"
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=text.getvalue().encode("utf-8"),
                           ContentType="text/csv; charset=utf-8")
        self._log(staff, batch["id"], "export.graduates", {"rows": len(listed), "object": key})
        filename = f"毕业生电子注册-{batch['id']}.csv"
        return {"rows": len(listed), "columns": list(COLUMNS), "filename": filename,
                "url": download_link(self.s3, self.bucket, key, filename), "expires_in": LINK_SECONDS}

    def counts(self, staff: Identity, batch: dict) -> dict:
        """How many applications stand in each state, per office, in my jurisdiction."""
        states = index.states(self.profile.data)
        per_office: dict[str, dict[str, int]] = {}
        for item in self._every(staff, batch["id"], states):
            state = index.state_of(item["lifecycle"])
            counts = per_office.setdefault(item["office"], dict.fromkeys(states, 0))
            counts[state] += 1
        names = {s["id"]: s["name"] for s in self.profile.stages}
        columns = [{"state": s, "name": names.get(s.split(":", 1)[-1]) or index.STATUS_NAMES[s]} for s in states]
        offices = [{"office": code, "office_name": (self.profile.office(code) or {}).get("name"),
                    "counts": counts, "total": sum(counts.values())} for code, counts in sorted(per_office.items())]
        totals = {s: sum(o["counts"][s] for o in offices) for s in states}
        self._log(staff, batch["id"], "export.counts", {"offices": len(offices), "applications": sum(totals.values())})
        return {"batch": {"id": batch["id"], "name": batch.get("name")}, "states": columns, "offices": offices,
                "totals": totals}

    # -- helpers ------------------------------------------------------------------------------------------------
    def _every(self, staff: Identity, batch_id: str, states: list[str]) -> list[dict]:
        sources, keep = Queues(self.table, self.profile).sources(staff, batch_id, states, None, None)
        found, cursor = [], None
        while True:
            page = read_page(self.table, keys.GSI3, LIST_KEYS, sources, PAGE, cursor, keep=keep)
            found += page.items
            if page.cursor is None:
                return found
            cursor = page.cursor

    def _row(self, item: dict, record: dict, batch: dict) -> list[str]:
        plan = self.eligibility.cache.get().plans.get(item["plan_id"]) or {}
        # The record with what the candidate corrected (checked when entered, reviewed since).
        person = self.drafting.basic_info(record, item)
        id_number = person.get("id_number") or ""
        office = self.profile.office(item["office"]) or {}
        return [item["exam_no"], item["name"], person.get("gender", ""),
                id_number[6:14] if len(id_number) == 18 else "", id_number, person.get("ethnicity", ""),
                person.get("political_status", ""), plan.get("major_code", ""),
                item.get("major_name") or plan.get("major_name", ""), item.get("level") or plan.get("level", ""),
                "、".join(item.get("host_universities") or ()), _compact(record.get("registered_on", "")),
                _compact(batch["graduation_date"]), "毕业", "", f"{id_number}.jpg" if id_number else "",
                item["office"], office.get("name", ""), item.get("reference") or ""]

    def _log(self, staff: Identity, batch_id: str, action: str, after: dict) -> None:
        scope = {"role": staff.role, "offices": list(staff.offices), "universities": list(staff.universities)}
        self.table.put_item(Item=log_item(keys.batch(batch_id)[keys.PK], staff, action, self.clock(),
                                          after={**after, "scope": scope}))



def _compact(day: str) -> str:
    return day.replace("-", "")[:8]
