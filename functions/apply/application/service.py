"""The candidate's application: choosing the major, submitting exactly once, withdrawing.

The lifecycle (lifecycle.py) decides; ApplicationStore writes the change with its audit entry, messages and owed
effects in one transaction; Effects then performs what is owed. A submit carries an idempotency key: its answer
is stored in the same transaction, so a retry, a double click or a lost answer gets the same answer again.
"""
from __future__ import annotations

import json

from functions.apply.sections import service as drafting
from functions.common.dynamo import keys
from functions.common.dynamo.transact import put
from functions.common.errors import BadInput, Conflict
from functions.common.session import Identity
from functions.common.time import epoch_of, iso
from functions.eligibility.engine import GATE_CODES, NOT_MET, SUBMITTABLE, Severity
from functions.photo.identity import store as identity_status

from . import lifecycle
from .lifecycle import Lifecycle
from .store import ApplicationStore

RECEIPT_SECONDS = 24 * 60 * 60


def window_problem(batch: dict, candidate_type: str | None, now: int) -> str | None:
    """Why the batch's application window for this type of candidate is not open now (None when it is)."""
    windows = batch.get("windows") or {}
    window = windows.get(candidate_type or "") or windows.get("*")
    if not window:
        return f"{batch.get('name', '本批次')}没有为{candidate_type or '您这类考生'}开放毕业申请"
    opens, closes = epoch_of(window["opens"]), epoch_of(window["closes"])
    dates = f"（申请时间：{window['opens'][:16].replace('T', ' ')} 至 {window['closes'][:16].replace('T', ' ')}）"
    if now < opens:
        return "毕业申请尚未开始" + dates
    if now >= closes:
        return "毕业申请已经结束" + dates
    return None


class Applications:
    def __init__(self, store: ApplicationStore, effects):
        self.store, self.effects, self.table = store, effects, store.table

    @property
    def profile_data(self) -> dict:
        return self.store.profile.data

    def mine(self, me: Identity) -> dict:
        """My application in the open batch (or None), and why the window is closed (or None)."""
        self.effects.settle(me.exam_no)            # anything an earlier request left owed is done first
        batch = self.store.batch()
        item = self.store.item(me.exam_no, batch["id"])
        window = window_problem(batch, self.store.record(me.exam_no).get("candidate_type"), self.store.clock())
        return {"application": self.store.present(item, batch) if item else None, "window_closed": window}

    def choose(self, me: Identity, plan_id: str, host_universities: list[str]) -> dict:
        """Start (or change, while a draft) the application for a major, refused with the engine's reason when a
        gate blocks it (停办, a ban, already graduated in it)."""
        batch, now = self.store.batch(), self.store.clock()
        record = self.store.record(me.exam_no)
        self._window_open(batch, record, now)
        self._identity_checked(me.exam_no)
        plan = self.store.eligibility.plan(plan_id)
        hosts = self._hosts(plan, host_universities)
        audit = self.store.eligibility.audit(me.exam_no, plan_id, record, batch)
        gates = [f for f in audit["findings"] if f["code"] in GATE_CODES]
        if gates:   # missing courses or prior education are fixed inside the application (顶替, 学信网), not here
            raise Conflict(_blocking({**audit, "findings": gates}), field="plan_id")
        item = self.store.item(me.exam_no, batch["id"])
        if item and Lifecycle.from_dict(item["lifecycle"]).status != lifecycle.DRAFT:
            raise Conflict("您已提交本批次的毕业申请，不能更换专业；如需更换请先撤回")
        new = {**(item or {}), **keys.application(me.exam_no, batch["id"]), "kind": "application",
               "exam_no": me.exam_no, "batch_id": batch["id"], "plan_id": plan_id, "office": record["office"],
               "name": record["name"], "candidate_type": record.get("candidate_type"),
               "major_name": plan.get("major_name"), "level": plan.get("level"), "host_universities": hosts,
               "lifecycle": (item or {}).get("lifecycle") or Lifecycle().as_dict(),
               "version": int((item or {}).get("version", 0)) + 1, "updated_at": iso(now)}
        self.store.write(new, item, me, "application_started" if not item else "major_changed",
                         before=item and item["plan_id"], after=plan_id)
        return self.store.present(new, batch)

    def _window_open(self, batch: dict, record: dict, now: int) -> None:
        closed = window_problem(batch, record.get("candidate_type"), now)
        if closed:
            raise Conflict(closed)

    def _identity_checked(self, exam_no: str) -> None:
        """山西: the identity check by photos comes before applying (seed 004: 系统认证通过后即获取报名资格)."""
        if self.profile_data["login"]["identity_check"] == "photos" and not identity_status.is_verified(self.table, exam_no):
            raise Conflict("请先完成身份认证：上传身份证人像面照和手持身份证照，认证通过后才能申请毕业", field="identity")

    def _hosts(self, plan: dict, chosen: list[str]) -> list[str]:
        offered = list(plan.get("host_universities") or [])
        limit = self.profile_data["application"]["host_universities_max"]
        chosen = chosen or offered[:1]
        if len(chosen) > limit:
            raise BadInput(f"本省最多选择 {limit} 所主考院校", field="host_universities")
        unknown = [h for h in chosen if h not in offered]
        if unknown:
            raise BadInput(f"{'、'.join(unknown)} 不是该专业的主考院校（可选：{'、'.join(offered)}）", field="host_universities")
        return chosen

    def submit(self, me: Identity, idempotency_key: str, version: int) -> dict:
        """Submit exactly once: the same key always gets the same answer, whatever happened in between."""
        receipt_key = keys.submission_receipt(me.exam_no, idempotency_key)
        try:
            answer = self._receipt(receipt_key) or self._submit(me, receipt_key, version)
        except (Conflict, lifecycle.TransitionRefused):
            # A concurrent request with the same key may have won after our first look (we then read its new
            # version, or lost the write): its answer is ours too.
            won = self._receipt(receipt_key)
            if won:
                return won
            raise
        self.effects.settle(me.exam_no)
        return answer

    def _receipt(self, receipt_key: dict) -> dict | None:
        earlier = self.table.get_item(Key=receipt_key, ConsistentRead=True).get("Item")
        return json.loads(earlier["answer"]) if earlier else None

    def _submit(self, me: Identity, receipt_key: dict, version: int) -> dict:
        batch, item = self.store.mine(me.exam_no, "请先选择申请毕业的专业")
        now = self.store.clock()
        record = self.store.record(me.exam_no)
        self._window_open(batch, record, now)
        if int(item["version"]) != version:
            raise Conflict("申请内容已在别处修改，请刷新后核对再提交", field="version")
        self._identity_checked(me.exam_no)
        audit = self.store.eligibility.audit(me.exam_no, item["plan_id"], record, batch)
        if audit["verdict"] not in SUBMITTABLE:
            raise Conflict(_blocking(audit), field="plan_id")
        missing = drafting.Drafting(self.store).missing(item, record, audit)
        if missing:
            raise BadInput("还有未完成的内容：" + "；".join(m["message"] for m in missing), field=missing[0]["field"],
                           problems=missing)
        state = Lifecycle.from_dict(item["lifecycle"])
        outcome = lifecycle.transition(state, lifecycle.Submit(at=now), self.profile_data)
        new, owed = self.store.changed(item, outcome, now)
        new.setdefault("reference", f"{batch['id']}-{me.exam_no}")
        new.update(submitted_at=iso(now), audit=_snapshot(audit, now))
        answer = {"ok": True, "reference": new["reference"], "application": self.store.present(new, batch)}
        receipt = {**receipt_key, "kind": "receipt", "answer": json.dumps(answer, ensure_ascii=False),
                   keys.TTL_ATTRIBUTE: now + RECEIPT_SECONDS}
        self.store.write(new, item, me, "submitted", before=state.status, after=outcome.state.status,
                         extra=[put(self.table, receipt, "attribute_not_exists(PK)"),
                                *(put(self.table, i) for i in owed)])
        return answer

    def withdraw(self, me: Identity, version: int) -> dict:
        batch, item = self.store.mine(me.exam_no)
        if int(item["version"]) != version:
            raise Conflict("申请状态已变化，请刷新后再操作", field="version")
        new = self.store.transition(item, lifecycle.Withdraw(at=self.store.clock()), me, "withdrawn")
        self.effects.settle(me.exam_no)
        return self.store.present(new, batch)


def _snapshot(audit: dict, now: int) -> dict:
    """The audit as it stood when submitted: staff filter by its verdict, and bulk approval skips any finding."""
    return {"verdict": audit["verdict"], "at": iso(now),
            "findings": [{k: f[k] for k in ("code", "severity", "message") if k in f} for f in audit.get("findings", [])]}


def _blocking(audit: dict) -> str:
    """The engine's reason, in its own words, for a major the candidate cannot apply in now."""
    ranked = sorted(audit.get("findings", []), key=lambda f: -Severity(f["severity"]).rank)
    findings = [f["message"] for f in ranked if f["severity"] in NOT_MET and f.get("message")]
    return audit["message"] + ("（" + "；".join(findings[:3]) + "）" if findings else "")
