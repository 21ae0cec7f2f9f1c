"""The candidate's own steps: see my application, choose the major, submit exactly once, withdraw.

A submit carries an idempotency key: its answer is stored in the same transaction as the change, so a retry, a
double click or a lost answer gets the same answer again. After each step the quick work it owes (an SMS, an
order) is done at once (Effects.settle); the rest is the sweeper's.
"""
from __future__ import annotations

from dataclasses import replace

from functions.apply.effects.service import Effects
from functions.apply.exam_numbers.store import ExamNumberStore
from functions.apply.sections.rules import contact_of, contact_with_address
from functions.apply.sections.service import Drafting, printable
from functions.common.dynamo import keys
from functions.common.errors import BadInput, Conflict
from functions.common.session import Identity
from functions.common.time import iso
from functions.eligibility.engine import GATE_CODES, SUBMITTABLE

from . import lifecycle
from .associate import bundles
from .photo_window import photo_closed, photo_deadline
from .rules import (
    OFFICE_LABEL,
    blocking,
    chosen_direction,
    chosen_hosts,
    chosen_office,
    for_office,
    not_open_to,
    reference,
    snapshot,
    system_approves,
    window_dates,
)
from .service import Applications
from .status import Lifecycle, Status, photo_step


class Submissions:
    def __init__(self, applications: Applications, drafting: Drafting, effects: Effects):
        self.applications, self.drafting, self.effects = applications, drafting, effects

    @property
    def profile_data(self) -> dict:
        return self.applications.profile.data

    def overview(self, me: Identity) -> dict:
        """My application in the open batch (or None), and why the window is closed (or None)."""
        self.effects.settle(me.exam_no)            # anything an earlier request left owed is done first
        applications = self.applications
        batch = applications.batch()
        item = applications.item(me.exam_no, batch["id"])
        record = applications.record(me.exam_no)
        kind, seen = record.get("candidate_type"), for_office(batch, (item or {}).get("office") or record.get("office"))
        photo = self.drafting.uploads(me.exam_no).get("photo") if self.profile_data["application"][
            "photo_after_submit"] and item else None
        return {"application": applications.present(item, batch) if item else None,
                "photo_step": photo_step(Lifecycle.from_dict(item["lifecycle"]), self.profile_data, photo)
                if item else None,
                "record_office": record.get("office"),
                "address": contact_of(record, (item or {}).get("details")).get("address"),
                "window": window_dates(seen, kind),
                "window_closed": not_open_to(self.profile_data["application"], seen, kind, applications.clock()),
                **self._photo_window(batch)}

    def _photo_window(self, batch: dict) -> dict:
        """安徽 (application.photo_window): the photo's deadline, and why no photo is taken now (window not open)."""
        if not self.profile_data["application"]["photo_window"]:
            return {"photo_deadline": None, "photo_closed": None}
        return {"photo_deadline": photo_deadline(batch),
                "photo_closed": photo_closed(batch, self.applications.clock())}

    def choose(self, me: Identity, plan_id: str, host_universities: list[str], office: str | None = None,
               address: str | None = None, direction: str | None = None) -> dict:
        """Start (or change, while a draft) the application for a major, refused with the engine's reason when a
        gate blocks it (停办, a ban, already graduated in it); where the profile lets candidates choose it, with the
        office that handles it (rules.chosen_office: kept when not asked for again)."""
        applications = self.applications
        batch, now = applications.batch(), applications.clock()
        record = applications.record(me.exam_no)
        item = applications.item(me.exam_no, batch["id"])
        self._window_open(batch, record, (item or {}).get("office") or record.get("office"), now)
        self._identity_checked(me.exam_no)
        self._not_merged(me.exam_no)
        plan = applications.eligibility.plan(plan_id)
        hosts = chosen_hosts(plan, host_universities, self.profile_data["application"]["host_universities_max"])
        chosen_way = chosen_direction(plan, direction)    # before the audit: the 方向 decides the courses judged
        audit = applications.eligibility.audit(me.exam_no, plan_id, record, batch, direction=direction)
        gates = [f for f in audit["findings"] if f["code"] in GATE_CODES]
        if gates:   # missing courses or prior education are fixed inside the application (顶替, 学信网), not here
            raise Conflict(blocking({**audit, "findings": gates}), field="plan_id")
        if item and Lifecycle.from_dict(item["lifecycle"]).status != Status.DRAFT:
            what = f"专业或{OFFICE_LABEL}" if self.profile_data["application"]["choose_office"] else "专业"
            raise Conflict(f"您已提交本批次的毕业申请，不能更换{what}；如需更换请先撤回")
        chosen = chosen_office(self.profile_data, office, (item or {}).get("office"), record["office"])
        new = {**applications.store.started(item, me.exam_no, batch["id"]), "plan_id": plan_id,
               "office": chosen, "name": record["name"], "candidate_type": record.get("candidate_type"),
               "major_name": plan.get("major_name"), "level": plan.get("level"), "host_universities": hosts,
               "direction": None, "direction_name": None, **(chosen_way or {}),
               # A draft's `since` is when it was started: its place in the staff lists (review/rules.since_of) then
               # stays put while the candidate saves sections, which would otherwise move its list entries (two
               # index writes each, delete and put) at every save.
               "lifecycle": (item or {}).get("lifecycle") or Lifecycle(since=now).as_dict(),
               "version": int((item or {}).get("version", 0)) + 1, "updated_at": iso(now)}
        extra = self._office_change(new, item, record, me)
        contact = None if address is None else contact_with_address(record, new.get("details"), address)
        if contact and contact["address"] != contact_of(record, new.get("details")).get("address", ""):
            # 山西's first step: 选择毕业申请区县、填写地址 (the contact's 通讯地址), stored as 填写联系方式 stores it
            printable(self.profile_data, contact["address"], "address")
            new["details"] = {**(new.get("details") or {}), "contact": contact}
            extra.append(applications.store.logged(new, me, "details.contact", now, after=["address"]))
        applications.write(new, item, me, "application_started" if not item else "major_changed",
                           before=item and item["plan_id"], after=plan_id, extra=extra)
        return applications.present(new, batch)

    def _office_change(self, new: dict, item: dict | None, record: dict, me: Identity) -> list[dict]:
        """A chosen office (it decides whose staff review): the history's entry (from which office to which; an
        application starts at the record's), and the photo moved with its review to that office."""
        before = (item or {}).get("office") or record["office"]
        if not self.profile_data["application"]["choose_office"] or before == new["office"]:
            return []
        store = self.applications.store
        return [store.logged(new, me, "office_chosen", self.applications.clock(), before=before, after=new["office"]),
                *store.photo_moved(new["exam_no"], new["office"])]

    def _window_open(self, batch: dict, record: dict, office: str | None, now: int) -> None:
        """Refused when the window of the candidate's office (its own where it set one, else the province's) is not
        open: the office is the application's, or the record's before there is one."""
        closed = not_open_to(self.profile_data["application"], for_office(batch, office), record.get("candidate_type"),
                             now)
        if closed:
            raise Conflict(closed)

    def _identity_checked(self, exam_no: str) -> None:
        """山西: the identity check by photos comes before applying (seed 004: 系统认证通过后即获取报名资格)."""
        if self.profile_data["login"]["identity_check"] == "photos" and \
                not self.applications.store.identity_verified(exam_no):
            raise Conflict("请先完成身份认证：上传身份证人像面照和手持身份证照，认证通过后才能申请毕业",
                           field="identity")

    def _not_merged(self, exam_no: str) -> None:
        """A 准考证 added to another one (准考证管理, 其他准考证号) applies no more: its passes count under the other
        (安徽 seed 002: 成功提交毕业申请后，不得再使用其他准考证号再次办理毕业申请手续)."""
        into = ExamNumberStore(self.applications.eligibility.store.table).merged_into(exam_no)
        if into:
            raise Conflict(f"这个准考证已添加到准考证 {into}，成绩合并到那里：请用准考证 {into} 办理毕业申请",
                           field="plan_id")

    def submit(self, me: Identity, idempotency_key: str, version: int, pair: str = "", paired=None) -> dict:
        """Submit exactly once: the same key always gets the same answer, whatever happened in between. `pair`: the
        batch's second application (paired.py, whose `for_submit` refuses it or gives it the 专科's details)."""
        store = self.applications.store
        try:
            answer = store.receipt(me.exam_no, idempotency_key) or self._submit(me, idempotency_key, version, pair,
                                                                                 paired)
        except (Conflict, lifecycle.TransitionRefused):
            # A concurrent request with the same key may have won after our first look (we then read its new
            # version, or lost the write): its answer is ours too.
            won = store.receipt(me.exam_no, idempotency_key)
            if won:
                return won
            raise
        self.effects.settle(me.exam_no)
        return answer

    def _submit(self, me: Identity, idempotency_key: str, version: int, pair: str = "", paired=None) -> dict:
        applications = self.applications
        batch, stored = applications.mine(me.exam_no, "请先选择申请毕业的专业", pair)
        item = paired.for_submit(me.exam_no, batch, stored) if paired else stored
        now = applications.clock()
        record = applications.record(me.exam_no)
        self._window_open(batch, record, item.get("office"), now)
        if int(item["version"]) != version:
            raise Conflict("申请内容已在别处修改，请刷新后核对再提交", field="version")
        self._identity_checked(me.exam_no)
        self._not_merged(me.exam_no)
        audit = applications.eligibility.audit(me.exam_no, item["plan_id"], record, batch,
                                               direction=item.get("direction"))
        if audit["verdict"] not in SUBMITTABLE:
            raise Conflict(blocking(audit), field="plan_id")
        uploads = self.drafting.uploads(me.exam_no)
        missing = self.drafting.missing(item, record, audit, uploads)
        if missing:
            raise BadInput("还有未完成的内容：" + "；".join(m["message"] for m in missing), field=missing[0]["field"],
                           problems=missing)
        state = Lifecycle.from_dict(item["lifecycle"])
        submit = lifecycle.Submit(at=now, clean=self._clean(me.exam_no, audit, uploads))
        outcome = lifecycle.transition(state, submit, self.profile_data)
        new, owed = applications.changed(item, outcome, now)
        new.setdefault("reference", reference(batch["id"], me.exam_no, pair))
        new.update(submitted_at=iso(now), audit=snapshot(audit, iso(now)))
        answer = {"ok": True, "reference": new["reference"], "application": applications.present(new, batch)}
        applications.write(new, stored, me, "submitted", before=state.status, after=outcome.state.status,
                           owed=replace(owed, receipt=(idempotency_key, answer)),
                           extra=applications.system_entry(new, outcome.state, now))
        return answer

    def _no_paired_in_review(self, exam_no: str, batch_id: str) -> None:
        """安徽 本、专科专业一并申请: the 专科 stays submitted while the 本科 resting on it is (paired.py)."""
        if not bundles(self.profile_data):
            return
        paired = self.applications.item(exam_no, batch_id, keys.PAIRS[0])
        if paired and Lifecycle.from_dict(paired["lifecycle"]).status == Status.IN_REVIEW:
            major = paired.get("major_name") or paired["plan_id"]
            raise Conflict(f"一并申请的本科专业（{major}）正在审核，以本次专科专业为前提：请先撤回本科专业的申请，"
                           "再撤回专科专业的申请")

    def _clean(self, exam_no: str, audit: dict, uploads: dict) -> bool:
        """The submit's reading of rules.system_approves, where the first stage lets the system pass it (山西):
        the audit just run, the photo as uploaded, the identity check as it stands."""
        if not self.profile_data["review"]["stages"][0].get("system_approval"):
            return False
        photo = (uploads.get("photo") or {}).get("status")
        return system_approves(audit, photo, self.applications.store.identity_status(exam_no), self.profile_data)

    def withdraw(self, me: Identity, version: int, pair: str = "") -> dict:
        applications = self.applications
        batch, item = applications.mine(me.exam_no, pair=pair)
        if int(item["version"]) != version:
            raise Conflict("申请状态已变化，请刷新后再操作", field="version")
        if not pair:
            self._no_paired_in_review(me.exam_no, batch["id"])
        new = applications.transition(item, lifecycle.Withdraw(at=applications.clock()), me, "withdrawn")
        self.effects.settle(me.exam_no)
        return applications.present(new, batch)
