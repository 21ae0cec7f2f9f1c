"""Applications: choosing the major, submitting exactly once, withdrawing, and decisions at each stage.

The lifecycle (functions/apply/lifecycle.py) decides; this module reads the application, asks the lifecycle,
and writes the new state conditionally on the version it read, with the audit entry in the same transaction.
A submit carries an idempotency key: its answer is stored with the change, so a retry gets the same answer.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from functions.common import identity_status, keys
from functions.common.audit_log import iso, log_item
from functions.common.errors import BadInput, Conflict, NotFound
from functions.common.jurisdiction import may_see
from functions.common.profiles import Profile
from functions.common.session import Identity
from functions.common.transact import put, write_all

from . import lifecycle
from .lifecycle import Lifecycle
from .review import index as review_index

RECEIPT_SECONDS = 24 * 60 * 60
_BEIJING = timezone(timedelta(hours=8))
SUBMITTABLE = ("ELIGIBLE", "ELIGIBLE_CONDITIONAL")


def _epoch(text: str) -> int:
    moment = datetime.fromisoformat(text)
    return int((moment if moment.tzinfo else moment.replace(tzinfo=_BEIJING)).timestamp())


def window_problem(batch: dict, candidate_type: str | None, now: int) -> str | None:
    """Why the batch's application window for this type of candidate is not open now (None when it is)."""
    windows = batch.get("windows") or {}
    window = windows.get(candidate_type or "") or windows.get("*")
    if not window:
        return f"{batch.get('name', '本批次')}没有为{candidate_type or '您这类考生'}开放毕业申请"
    opens, closes = _epoch(window["opens"]), _epoch(window["closes"])
    dates = f"（申请时间：{window['opens'][:16].replace('T', ' ')} 至 {window['closes'][:16].replace('T', ' ')}）"
    if now < opens:
        return "毕业申请尚未开始" + dates
    if now >= closes:
        return "毕业申请已经结束" + dates
    return None


class Applications:
    """Reads the profile and the clock from the app's state on every call, so tests can swap either."""

    def __init__(self, state, eligibility):
        self.state, self.table, self.eligibility = state, state.table, eligibility

    @property
    def profile(self) -> Profile:
        return self.state.profile

    def clock(self) -> int:
        return self.state.clock()

    # reading -------------------------------------------------------------------------------------------------
    def _batch(self) -> dict:
        return self.eligibility.cache.batch()

    def _item(self, exam_no: str, batch_id: str) -> dict | None:
        return self.table.get_item(Key=keys.application(exam_no, batch_id), ConsistentRead=True).get("Item")

    def _record(self, exam_no: str) -> dict:
        record = self.eligibility.store.candidate(exam_no)
        if record is None:
            raise NotFound("找不到该考生的考籍记录")
        return record

    def present(self, item: dict, batch: dict) -> dict:
        state = Lifecycle.from_dict(item["lifecycle"])
        return {"batch": {"id": batch["id"], "name": batch.get("name")}, "exam_no": item["exam_no"],
                "plan_id": item["plan_id"], "major_name": item.get("major_name"), "level": item.get("level"),
                "host_universities": item.get("host_universities", []), "reference": item.get("reference"),
                "version": int(item["version"]), "updated_at": item.get("updated_at"),
                **lifecycle.describe(state, self.profile.data)}

    def mine(self, me: Identity) -> dict:
        batch = self._batch()
        item = self._item(me.exam_no, batch["id"])
        window = window_problem(batch, self._record(me.exam_no).get("candidate_type"), self.clock())
        return {"application": self.present(item, batch) if item else None, "window_closed": window}

    # the candidate -------------------------------------------------------------------------------------------
    def choose(self, me: Identity, plan_id: str, host_universities: list[str]) -> dict:
        """Start (or change, while a draft) the application for a major, refused with the engine's reason."""
        batch, now = self._batch(), self.clock()
        record = self._record(me.exam_no)
        closed = window_problem(batch, record.get("candidate_type"), now)
        if closed:
            raise Conflict(closed)
        self._identity_checked(me.exam_no)
        plan = self.eligibility.plan(plan_id)
        hosts = self._hosts(plan, host_universities)
        audit = self.eligibility.audit(me.exam_no, plan_id, record)
        if audit["verdict"] not in SUBMITTABLE:
            raise Conflict(_blocking(audit), field="plan_id")
        item = self._item(me.exam_no, batch["id"])
        if item and Lifecycle.from_dict(item["lifecycle"]).status not in (lifecycle.DRAFT,):
            raise Conflict("您已提交本批次的毕业申请，不能更换专业；如需更换请先撤回")
        new = {**(item or {}), **keys.application(me.exam_no, batch["id"]), "kind": "application",
               "exam_no": me.exam_no, "batch_id": batch["id"], "plan_id": plan_id, "office": record["office"],
               "name": record["name"], "candidate_type": record.get("candidate_type"),
               "major_name": plan.get("major_name"), "level": plan.get("level"), "host_universities": hosts,
               "lifecycle": (item or {}).get("lifecycle") or Lifecycle().as_dict(),
               "version": int((item or {}).get("version", 0)) + 1, "updated_at": iso(now)}
        self._write(new, item, me, "application_started" if not item else "major_changed",
                    before=item and item["plan_id"], after=plan_id)
        return self.present(new, batch)

    def _identity_checked(self, exam_no: str) -> None:
        """山西: the identity check by photos comes before applying (seed 004: 系统认证通过后即获取报名资格)."""
        if self.profile.data["login"]["identity_check"] == "photos" and not identity_status.is_verified(self.table, exam_no):
            raise Conflict("请先完成身份认证：上传身份证人像面照和手持身份证照，认证通过后才能申请毕业", field="identity")

    def _hosts(self, plan: dict, chosen: list[str]) -> list[str]:
        offered = list(plan.get("host_universities") or [])
        limit = self.profile.data["application"]["host_universities_max"]
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
            return self._receipt(receipt_key) or self._submit(me, receipt_key, version)
        except (Conflict, lifecycle.TransitionRefused):
            # A concurrent request with the same key may have won after our first look (we then read its new
            # version, or lost the write): its answer is ours too.
            won = self._receipt(receipt_key)
            if won:
                return won
            raise

    def _receipt(self, receipt_key: dict) -> dict | None:
        earlier = self.table.get_item(Key=receipt_key, ConsistentRead=True).get("Item")
        return json.loads(earlier["answer"]) if earlier else None

    def _submit(self, me: Identity, receipt_key: dict, version: int) -> dict:
        batch, now = self._batch(), self.clock()
        item = self._item(me.exam_no, batch["id"])
        if item is None:
            raise Conflict("请先选择申请毕业的专业")
        record = self._record(me.exam_no)
        closed = window_problem(batch, record.get("candidate_type"), now)
        if closed:
            raise Conflict(closed)
        if int(item["version"]) != version:
            raise Conflict("申请内容已在别处修改，请刷新后核对再提交", field="version")
        self._identity_checked(me.exam_no)
        audit = self.eligibility.audit(me.exam_no, item["plan_id"], record)
        if audit["verdict"] not in SUBMITTABLE:
            raise Conflict(_blocking(audit), field="plan_id")
        outcome = lifecycle.transition(Lifecycle.from_dict(item["lifecycle"]), lifecycle.Submit(at=now), self.profile.data)
        new = self._apply(item, outcome, now)
        new.setdefault("reference", f"{batch['id']}-{me.exam_no}")
        new.update(submitted_at=iso(now), audit=_snapshot(audit, now))
        answer = {"ok": True, "reference": new["reference"], "application": self.present(new, batch)}
        receipt = {**receipt_key, "kind": "receipt", "answer": json.dumps(answer, ensure_ascii=False),
                   keys.TTL_ATTRIBUTE: now + RECEIPT_SECONDS}
        self._write(new, item, me, "submitted", before=item["lifecycle"]["status"], after=new["lifecycle"]["status"],
                    extra=[put(self.table, receipt, "attribute_not_exists(PK)")])
        return answer

    def withdraw(self, me: Identity, version: int) -> dict:
        batch, now = self._batch(), self.clock()
        item = self._item(me.exam_no, batch["id"])
        if item is None:
            raise NotFound("您还没有毕业申请")
        if int(item["version"]) != version:
            raise Conflict("申请状态已变化，请刷新后再操作", field="version")
        outcome = lifecycle.transition(Lifecycle.from_dict(item["lifecycle"]), lifecycle.Withdraw(at=now), self.profile.data)
        new = self._apply(item, outcome, now)
        self._write(new, item, me, "withdrawn", before=item["lifecycle"]["status"], after=new["lifecycle"]["status"])
        return self.present(new, batch)

    # staff ---------------------------------------------------------------------------------------------------
    def decide(self, staff: Identity, exam_no: str, stage: str, approve: bool, reason: str | None) -> dict:
        batch, now = self._batch(), self.clock()
        item = self._item(exam_no, batch["id"])
        hosts = item.get("host_universities", []) if item else []
        if item is None or not may_see(staff, item["office"], hosts):
            raise NotFound("找不到该考生的毕业申请")
        state = Lifecycle.from_dict(item["lifecycle"])
        kind = next((s["kind"] for s in self.profile.stages if s["id"] == stage), None)
        if kind == "form_return" and approve:
            event = lifecycle.FormReceived(stage=stage, role=staff.role, at=now)
        elif approve:
            event = lifecycle.Approve(stage=stage, role=staff.role, at=now)
        else:
            event = lifecycle.Reject(stage=stage, role=staff.role, reason=(reason or "").strip(), at=now)
        outcome = lifecycle.transition(state, event, self.profile.data)
        new = self._apply(item, outcome, now)
        self._write(new, item, staff, "approved" if approve else "rejected", before=f"{state.status}:{state.stage}",
                    after=f"{new['lifecycle']['status']}:{new['lifecycle'].get('stage')}", reason=reason)
        return self.present(new, batch)

    def confirm_onsite(self, staff: Identity, exam_no: str) -> dict:
        batch, now = self._batch(), self.clock()
        item = self._item(exam_no, batch["id"])
        if item is None or not may_see(staff, item["office"], item.get("host_universities", [])):
            raise NotFound("找不到该考生的毕业申请")
        outcome = lifecycle.transition(Lifecycle.from_dict(item["lifecycle"]),
                                       lifecycle.ConfirmOnsite(role=staff.role, at=now), self.profile.data)
        new = self._apply(item, outcome, now)
        self._write(new, item, staff, "onsite_confirmed")
        return self.present(new, batch)

    # writing -------------------------------------------------------------------------------------------------
    def _apply(self, item: dict, outcome: lifecycle.Outcome, now: int) -> dict:
        """The item after the outcome: the new state, the queue it waits in, and the effects still to perform."""
        state = outcome.state
        new = {**item, "lifecycle": state.as_dict(), "version": int(item["version"]) + 1, "updated_at": iso(now)}
        for name in (keys.GSI2PK, keys.GSI2SK):
            new.pop(name, None)
        if state.status == lifecycle.IN_REVIEW:
            new.update(keys.review_queue(state.stage, item["office"], iso(now), item["exam_no"]))
        pending = list(item.get("pending_effects", []))
        pending += [{"tag": e.tag, **vars(e)} for e in outcome.effects]
        new["pending_effects"] = pending
        return new

    def _write(self, new: dict, old: dict | None, who: Identity, action: str, *, before=None, after=None,
               reason: str | None = None, extra: list[dict] = ()) -> None:
        condition = ("attribute_not_exists(PK)", None) if old is None else ("version = :v", {":v": int(old["version"])})
        # The staff lists it shows up in, written with it (host entries last: the positions callers read stay).
        new = review_index.indexed(new)
        writes = [put(self.table, new, condition[0], condition[1]), *extra,
                  put(self.table, log_item(new[keys.PK], who, action, self.clock(), before=before, after=after,
                                           reason=reason)), *review_index.entry_writes(self.table, new, old)]
        write_all(self.table, writes, "申请状态已被他人更新，请刷新后查看")


def _snapshot(audit: dict, now: int) -> dict:
    """The audit as it stood when submitted: staff filter by its verdict, and bulk approval skips any finding."""
    return {"verdict": audit["verdict"], "at": iso(now),
            "findings": [{k: f[k] for k in ("code", "severity", "message") if k in f} for f in audit.get("findings", [])]}


def _blocking(audit: dict) -> str:
    """The engine's reason, in its own words, for a major the candidate cannot apply in now."""
    order = {"blocking": 0, "unmet": 1, "conditional": 2}
    ranked = sorted(audit.get("findings", []), key=lambda f: order.get(f.get("severity"), 3))
    findings = [f["message"] for f in ranked if f.get("severity") in ("blocking", "unmet") and f.get("message")]
    return audit["message"] + ("（" + "；".join(findings[:3]) + "）" if findings else "")
