"""What the candidate fills in before submitting, section by section, and the check-answers page.

details.py checks each value against the profile; this module stores it on the application (each save a version
bump with its audit entry, so a submit made from an older page is refused) and says what still stops a submit.
Sections can change only while the application is a draft or was sent back (and not locked by 现场确认).
"""
from __future__ import annotations

import json
from datetime import date

from functions.apply.application import lifecycle
from functions.apply.application.lifecycle import Lifecycle
from functions.apply.application.store import ApplicationStore
from functions.common.dynamo import keys
from functions.common.errors import BadInput, Conflict
from functions.common.ids import birth_date
from functions.common.session import Identity
from functions.common.time import beijing_day, iso
from functions.eligibility.engine import SUBMITTABLE
from functions.photo.uploads.store import current_uploads
from functions.profiles.vocabulary import is_bachelor

from . import prior_rules as prior
from . import rules as details

SECTIONS = ("basic", "contact", "resume", "self_assessment", "statement")
BASIC_SHOWN = ("name", "id_number", "gender", "ethnicity", "political_status", "hukou_type", "hukou_place",
               "education", "education_type", "studying", "school", "phone", "address", "postcode", "employer")
RECORD_PRIOR = {"method": "record", "status": prior.VERIFIED, "message": "考籍档案中的前置学历已核验"}
UPLOAD_STATUSES = {"ok": "已通过检查", "pending_review": "等待审核", "approved": "审核通过", "rejected": "审核未通过"}


def printable(profile_data: dict, text: str, field: str) -> None:
    """A province that prints forms must be able to print every character the candidate types."""
    if not profile_data.get("forms") or not text:
        return
    from functions.apply.forms.fonts import unsupported_characters
    missing = unsupported_characters(text)
    if missing:
        raise BadInput("“" + "”“".join(missing) + "”无法打印在毕业表格上，请换用常用字（生僻字请联系考试机构）",
                       field=field)


def _texts(value) -> str:
    if isinstance(value, dict):
        return "".join(_texts(v) for v in value.values())
    if isinstance(value, list):
        return "".join(_texts(v) for v in value)
    return value if isinstance(value, str) else ""


class Drafting:
    def __init__(self, store: ApplicationStore):
        self.store, self.table = store, store.table

    @property
    def profile_data(self) -> dict:
        return self.store.profile.data

    def basic_info(self, record: dict, item: dict | None) -> dict:
        """The record's basic information with the candidate's accepted edits over it."""
        shown = {k: record.get(k) for k in BASIC_SHOWN if record.get(k) is not None}
        return {**shown, **((item or {}).get("details") or {}).get("basic", {})}

    def save(self, me: Identity, section: str, value) -> dict:
        """Check one section against the profile and store it; answers the application's details."""
        batch, item = self.store.mine(me.exam_no, "请先选择申请专业，再填写申请信息")
        state = Lifecycle.from_dict(item["lifecycle"])
        if state.locked:
            raise Conflict("您的申请已现场确认，信息已锁定；如需更正，请联系现场确认的考试机构")
        if state.status not in (lifecycle.DRAFT, lifecycle.REJECTED) or state.final:
            raise Conflict("申请已提交，不能修改；如需修改，请在无人审核前撤回申请" if state.status == lifecycle.IN_REVIEW
                           else "申请已办结，不能修改")
        now = self.store.clock()
        record = self.store.record(me.exam_no)
        cleaned = self._check(section, value, record, item, beijing_day(now))
        printable(self.profile_data, _texts(cleaned), section)
        saved = dict(item.get("details") or {})
        saved[section] = {**saved.get("basic", {}), **cleaned} if section == "basic" else cleaned
        new = {**item, "details": saved, "version": int(item["version"]) + 1, "updated_at": iso(now)}
        self.store.write(new, item, me, f"details.{section}",
                         after=sorted(cleaned) if isinstance(cleaned, dict) else section)
        return {"version": new["version"], "details": saved, "basic": self.basic_info(record, new)}

    def _check(self, section: str, value, record: dict, item: dict, today: date):
        data = self.profile_data
        if section == "basic":
            return details.check_edits(data, value, today=today, current=self.basic_info(record, item))
        if section == "contact":
            return details.check_contact(value)
        if section == "resume":
            return details.check_resume(data, value, today=today, birth_date=birth_date(record["id_number"]))
        if section == "self_assessment":
            return details.check_self_assessment(data, value)
        if section == "statement":
            return details.check_statement(value)
        raise BadInput(f"没有“{section}”这一项，可填写：{'、'.join(SECTIONS)}", field="section")

    # what is still missing -----------------------------------------------------------------------------------
    def prior_record(self, exam_no: str) -> dict | None:
        item = self.table.get_item(Key=keys.prior_education(exam_no), ConsistentRead=True).get("Item")
        return json.loads(item["doc"]) if item else None

    def missing(self, item: dict, record: dict, audit: dict, uploads: dict | None = None) -> list[dict]:
        """What still stops this application's submission, in task-list order."""
        uploads = current_uploads(self.table, item["exam_no"]) if uploads is None else uploads
        saved = item.get("details") or {}
        stored_prior = self.prior_record(item["exam_no"])
        # The imported record may already prove the prior education (no PRIOR_EDU finding in the audit).
        from_record = not any(f.get("code", "").startswith("PRIOR_EDU") for f in audit.get("findings", []))
        application = {**saved, "level": item.get("level"), "major_name": item.get("major_name"),
                       "prior_education": stored_prior or (RECORD_PRIOR if from_record else None),
                       "uploads": {kind: {"status": u["status"]} for kind, u in uploads.items()}}
        return details.missing_for_submit(self.profile_data, application, today=beijing_day(self.store.clock()),
                                          birth_date=birth_date(record["id_number"]))

    def check_answers(self, me: Identity) -> dict:
        """Everything the candidate is about to submit, what is missing, and the task list."""
        batch, item = self.store.mine(me.exam_no)
        record = self.store.record(me.exam_no)
        audit = self.store.eligibility.audit(me.exam_no, item["plan_id"], record, batch)
        uploads = current_uploads(self.table, me.exam_no)
        missing = self.missing(item, record, audit, uploads)
        return {"application": self.store.present(item, batch), "basic": self.basic_info(record, item),
                "details": item.get("details") or {}, "prior_education": self.prior_record(me.exam_no),
                "audit": {"verdict": audit["verdict"], "message": audit["message"], "findings": audit["findings"]},
                "uploads": {k: {"status": u["status"], "status_text": UPLOAD_STATUSES.get(u["status"], u["status"])}
                            for k, u in uploads.items()},
                "missing": missing, "tasks": tasks(self.profile_data, item, missing, audit["verdict"])}


def tasks(profile_data: dict, item: dict, missing: list[dict], verdict: str) -> list[dict]:
    """The task list: each task with its status (已完成, 未完成, 选填, 待核对, 已提交), in the order of the pages."""
    app, saved = profile_data["application"], item.get("details") or {}
    fields = {m["field"].split(".")[0].split("[")[0] for m in missing}
    if verdict not in SUBMITTABLE:
        fields.add("eligibility")
    submitted = Lifecycle.from_dict(item["lifecycle"]).status not in (lifecycle.DRAFT, lifecycle.REJECTED)
    rows = [("major", "选择申请专业", True), ("eligibility", "毕业条件审核（课程顶替）", True),
            ("basic", "核对基本信息", False), ("contact", "填写联系方式", True)]
    if is_bachelor(item.get("level")):
        rows.append(("prior_education", "前置学历", True))
    if app["resume"]:
        rows.append(("resume", "填写简历", True))
    if app["self_assessment"]:
        rows.append(("self_assessment", "填写自我鉴定", app["self_assessment"]["min_chars"] > 0))
    rows.append(("statement", "情况说明", False))
    if profile_data["photo"] is not None:
        rows.append(("photo", "上传照片", True))
    if profile_data["documents"] or app["signature"]:
        rows.append(("uploads", "上传材料" + ("和电子签名" if app["signature"] else ""), True))
    out = []
    for task_id, name, required in rows:
        blocked = task_id in fields or (task_id == "uploads" and "signature" in fields)
        if submitted:
            status = "已提交"
        elif blocked:
            status = "未完成"
        elif required or task_id in saved:
            status = "已完成"
        else:
            status = "待核对" if task_id == "basic" else "选填"
        out.append({"id": task_id, "name": name, "status": status})
    out.append({"id": "check", "name": "核对并提交", "status": "已提交" if submitted else
                ("可以提交" if not fields else "无法开始")})
    return out
