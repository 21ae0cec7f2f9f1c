"""Staff lists of applications: queues per stage and lists per status, scoped on the server, filtered, searched.

Scope comes from the session, never from the request: a county or city office reads its offices' key ranges, a
host university its own partitions, the province and admin whole partitions (index.py shows the keys). A filter
for an office or university outside the scope reads nothing: the answer is an empty list, as if none existed.

Search (name, ID number, 准考证) comes in a POST body, so an ID number never sits in a URL, an access log or a
browser's history; every list shows ID numbers masked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from boto3.dynamodb.conditions import Attr

from functions.apply.application import lifecycle
from functions.apply.application.lifecycle import TransitionRefused
from functions.apply.application.status import describe
from functions.common.dynamo import keys
from functions.common.dynamo.pages import Page, Source, read_page
from functions.common.dynamo.store import Store
from functions.common.errors import BadInput
from functions.common.ids import mask_id_number
from functions.common.jurisdiction import ALL_OF_PROVINCE, may_see
from functions.common.session import Identity

from . import index

LIST_KEYS = (keys.PK, keys.SK, keys.GSI3PK, keys.GSI3SK)
NAME_KEYS = (keys.PK, keys.SK, keys.GSI1PK, keys.GSI1SK)
EXAM_NO = re.compile(r"\d{12}")
ID_NUMBER = re.compile(r"\d{17}[\dXx]")
NAME = re.compile(r"[\u3400-\u9fff\u00b7·A-Za-z]{1,30}")


@dataclass(frozen=True)
class Filters:
    """What a member of staff narrows a list by (all optional). `clean`: no finding in the audit at submit."""
    stage: str | None = None
    status: str | None = None
    office: str | None = None
    host: str | None = None
    plan_id: str | None = None
    verdict: str | None = None
    clean: bool | None = None
    onsite: bool | None = None

    def expression(self):
        parts = []
        if self.plan_id:
            parts.append(Attr("plan_id").eq(self.plan_id))
        if self.verdict:
            parts.append(Attr("audit.verdict").eq(self.verdict))
        if self.clean is not None:   # drafts are left out by Queues.list (a withdrawn one keeps its old audit)
            size = Attr("audit.findings").size()
            parts.append(Attr("audit.findings").exists() & (size.eq(0) if self.clean else size.gt(0)))
        if self.onsite is not None:
            parts.append(Attr("lifecycle.onsite_confirmed").eq(self.onsite))
        combined = None
        for part in parts:
            combined = part if combined is None else combined & part
        return combined


class Queues:
    def __init__(self, table, profile):
        self.table, self.profile, self.store = table, profile, Store(table)

    # -- lists ----------------------------------------------------------------------------------------------
    def list(self, staff: Identity, batch_id: str, filters: Filters, limit: int, cursor: str | None) -> dict:
        """A page of one list: oldest first within each office, offices in code order."""
        self._known_stage(filters.stage)
        states = index.states(self.profile.data, filters.status, filters.stage)
        if filters.clean is not None:    # a draft, never submitted or withdrawn, is neither clean nor not
            states = [s for s in states if s != lifecycle.DRAFT]
        sources, keep = self.sources(staff, batch_id, states, filters.office, filters.host)
        page = read_page(self.table, keys.GSI3, LIST_KEYS, sources, limit, cursor, filters.expression(), keep)
        return self._answer(page)

    def sources(self, staff: Identity, batch_id: str, states: list[str], office: str | None, host: str | None):
        """The key ranges this member of staff may read for these states, and who to keep when two overlap."""
        if staff.role in ALL_OF_PROVINCE:
            offices: list[str] = [office or ""]
            hosts: list[str | None] = [host]
        elif staff.role in ("county", "city"):
            offices = [o for o in staff.offices if not office or o == office]
            hosts = [host]
        elif staff.role == "university":
            offices = [office or ""]
            hosts = [h for h in staff.universities if not host or h == host]
        else:
            return [], None
        sources = [Source(partition=_partition(batch_id, state, h), prefix=f"{o}#" if o else "")
                   for state in states for h in hosts for o in offices]
        if staff.role != "university" or len(hosts) < 2:
            return sources, None

        def keep(item: dict, at: int) -> bool:
            # An application naming two of my universities: shown in the first one's range only.
            mine = (at // len(offices)) % len(hosts)
            return not any(h in item.get("host_universities", ()) for h in hosts[:mine])
        return sources, keep

    def _known_stage(self, stage: str | None) -> None:
        if stage and stage not in {s["id"] for s in self.profile.stages}:
            known = "、".join(f"{s['id']}（{s['name']}）" for s in self.profile.stages)
            raise BadInput(f"本省的毕业审核没有「{stage}」这一阶段，可选：{known}", field="stage")

    # -- search ---------------------------------------------------------------------------------------------
    def search(self, staff: Identity, batch_id: str, query: str, limit: int, cursor: str | None) -> dict:
        """By 准考证号 or ID number (exact), or by name (exact), within the scope."""
        query = query.strip()
        if EXAM_NO.fullmatch(query) or ID_NUMBER.fullmatch(query):
            exam_nos = [query] if EXAM_NO.fullmatch(query) else \
                [r["exam_no"] for r in self.store.candidates_by_id_number(query.upper())]
            found = self.store.get_items([keys.application(e, batch_id) for e in exam_nos])
            visible = [i for i in found if may_see(staff, i["office"], i.get("host_universities", ()))]
            return self._answer(Page(sorted(visible, key=lambda i: i["exam_no"]), None))
        if not NAME.fullmatch(query):
            raise BadInput("请输入考生姓名、18 位身份证号或 12 位准考证号", field="q")
        if staff.role in ("county", "city"):
            sources = [Source(keys.application_by_name(batch_id, query)[keys.GSI1PK], f"{o}#") for o in staff.offices]
        else:
            sources = [Source(keys.application_by_name(batch_id, query)[keys.GSI1PK])]
        page = read_page(self.table, keys.GSI1, NAME_KEYS, sources, limit, cursor,
                         keep=lambda item, _: may_see(staff, item["office"], item.get("host_universities", ())))
        return self._answer(page)

    # -- rows -----------------------------------------------------------------------------------------------
    def _answer(self, page: Page) -> dict:
        ids = self.store.id_numbers([i["exam_no"] for i in page.items]) if page.items else {}
        return {"items": [self.row(i, ids.get(i["exam_no"])) for i in page.items], "cursor": page.cursor}

    def row(self, item: dict, id_number: str | None) -> dict:
        """One line of a list: who, what, where it stands; the ID number masked."""
        state = lifecycle.Lifecycle.from_dict(item["lifecycle"])
        shown = described(state, self.profile.data)
        office = self.profile.office(item["office"])
        audit = item.get("audit") or {}
        return {"exam_no": item["exam_no"], "name": item["name"],
                "id_number": mask_id_number(id_number) if id_number else None,
                "office": item["office"], "office_name": office["name"] if office else None,
                "plan_id": item["plan_id"], "major_name": item.get("major_name"), "level": item.get("level"),
                "host_universities": list(item.get("host_universities") or ()),
                "candidate_type": item.get("candidate_type"), "status": state.status, "stage": state.stage,
                "status_text": shown["status_text"],
                "onsite_confirmed": state.onsite_confirmed, "since": index.since_of(item),
                "submitted_at": item.get("submitted_at"), "verdict": audit.get("verdict"),
                "findings": [f["code"] for f in audit.get("findings") or ()], "reference": item.get("reference"),
                "version": int(item["version"])}


def _partition(batch_id: str, state: str, host: str | None) -> str:
    if host:
        return keys.host_review_list(batch_id, state, host)[keys.GSI3PK]
    return keys.review_list(batch_id, state)[keys.GSI3PK]


def described(state: lifecycle.Lifecycle, profile_data: dict) -> dict:
    """status.describe, or, for a state the profile no longer fits (its stages changed during a batch: an unknown
    stage; its fee was dropped: a refund with no fee to name), what can still be said: a list or page never fails
    over one such application."""
    try:
        return describe(state, profile_data)
    except (TransitionRefused, KeyError, TypeError):
        text = index.STATUS_NAMES.get(state.status, state.status) + (f"（阶段「{state.stage}」）" if state.stage else "")
        return {"status": state.status, "stage": state.stage, "status_text": text, "next_step": None,
                "reason": state.reason, "actions": [], "staff_stage": text, "office": None}
