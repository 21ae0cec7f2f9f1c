"""What the candidate types into an application, checked against the province's profile, and what still stops a
submission (the check-answers page and the submit read `missing_for_submit`).

Each `check_*` answers the cleaned value or raises BadInput with a Chinese message and a dotted field path. The
basic information is basic_rules.py's, the resume resume_rules.py's, typed text text_rules.py's, the prior
education prior_rules.py's. Pure: `today` and `birth_date` are arguments.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from functions.apply.application.status import (
    PHOTO_AFTER_SUBMIT,
    Lifecycle,
    Status,
    changes_refused,
    corrections,
)
from functions.common.errors import BadInput, Problems
from functions.eligibility.engine import SUBMITTABLE
from functions.photo.statuses import PHOTO_PASSED, UploadStatus
from functions.profiles.vocabulary import CONTACT_FIELDS, DOCUMENT_NAMES, PRINTED_FIELDS, is_bachelor

from . import prior_rules as prior
from .basic_rules import LABELS, MAX_CHARS
from .resume_rules import check_resume
from .text_rules import bounded, count_chars, phone, plain, postcode

__all__ = ["STATEMENT_MAX", "check_contact", "check_self_assessment", "check_signature", "check_statement",
           "contact_of", "contact_with_address", "count_chars", "missing_for_submit", "printed_missing",
           "documents_asked", "required_documents", "tasks"]

STATEMENT_MAX = 500                      # 情况说明 (重庆: 非必填项)


def check_contact(contact: object) -> dict:
    """联系方式: the mobile phone is required, address (≤ 100 字) and postcode (6 digits) may be left empty; every
    problem at once."""
    if not isinstance(contact, dict):
        raise BadInput("请填写联系方式：手机号必填，通讯地址和邮政编码可不填", field="contact")
    problems = Problems()
    checked = {"phone": problems.attempt(phone, contact.get("phone"), "contact.phone"),
               "address": problems.attempt(bounded, contact.get("address"), "contact.address", "通讯地址",
                                           MAX_CHARS["address"], required=False),
               "postcode": problems.attempt(postcode, contact.get("postcode"), "contact.postcode")}
    problems.answer()
    return checked


def contact_of(record: dict, details: dict | None) -> dict:
    """The one contact record (issue 20 item 5): what the candidate saved on 填写联系方式, else what the exam record
    holds. The basic information shows it; the forms, the SMS notices and the staff's view use it."""
    saved = (details or {}).get("contact")
    if saved:
        return {k: saved.get(k) or "" for k in CONTACT_FIELDS}
    return {k: record[k] for k in CONTACT_FIELDS if record.get(k)}


def contact_with_address(record: dict, details: dict | None, address: object) -> dict:
    """The contact record with the 通讯地址 typed on the first step (山西: 选择毕业申请区县、填写地址), the rest as
    contact_of has it (every field, as 填写联系方式 stores them); the address as that page checks it (≤ 100 字, may
    be empty)."""
    cleaned = bounded(address, "address", LABELS["address"], MAX_CHARS["address"], required=False)
    return {**dict.fromkeys(CONTACT_FIELDS, ""), **contact_of(record, details), "address": cleaned}


def printed_missing(profile_data: dict, basic: dict) -> list[dict]:
    """民族 and 政治面貌 (what the forms and the 学信网 CSV print) that the basic information lacks, each with what to
    do: choose it on 核对基本信息 where the profile lets candidates edit it, else have the office complete the
    record."""
    editable = profile_data["application"]["editable_fields"]
    missing = []
    for key in PRINTED_FIELDS:
        if not basic.get(key):
            label = LABELS[key]
            missing.append({"field": f"basic.{key}", "message": (
                f"请在“核对基本信息”中选择{label}（毕业表格和学信网上报都要用到）" if key in editable
                else f"考籍档案中没有您的{label}，请到报名所在的考试机构补全后再提交")})
    return missing


def check_self_assessment(profile_data: dict, text: object) -> str:
    """自我鉴定 within `self_assessment.min_chars..max_chars` 字 (count_chars); whitespace normalised: each
    paragraph trimmed, runs of spaces made one, empty lines dropped."""
    rules = profile_data["application"]["self_assessment"]
    if not rules:
        raise BadInput(f"{profile_data['province']}的毕业申请不填写自我鉴定", field="self_assessment")
    cleaned = plain(text, "self_assessment", "自我鉴定", lines=True)
    low, high, n = rules["min_chars"], rules["max_chars"], count_chars(cleaned)
    span = f"{low}–{high} 字" if low else f"不超过 {high} 字"
    if n == 0 and low:
        raise BadInput(f"请填写自我鉴定（{span}）", field="self_assessment")
    if not low <= n <= high:
        limit = f"应为 {span}" if low else f"最多 {high} 字"     # not "应为 不超过 1000 字"
        raise BadInput(f"自我鉴定{limit}，现有 {n} 字（汉字、字母、数字、标点各计 1 字，空格和换行不计）",
                       field="self_assessment")
    return cleaned


def check_statement(text: object) -> str:
    """情况说明: optional free text for the reviewers, at most 500 字."""
    cleaned = plain(text, "statement", "情况说明", lines=True)
    if count_chars(cleaned) > STATEMENT_MAX:
        raise BadInput(f"情况说明最多 {STATEMENT_MAX} 字，现有 {count_chars(cleaned)} 字", field="statement")
    return cleaned


def check_signature(profile_data: dict, present: object) -> bool:
    """The signature-present flag, set once the signature image is stored; only where `application.signature`."""
    if not profile_data["application"]["signature"]:
        raise BadInput(f"{profile_data['province']}的毕业申请不需要电子签名", field="signature")
    if not isinstance(present, bool):
        raise BadInput("签名标记应为 true 或 false", field="signature")
    return present


def required_documents(profile_data: dict, application: dict) -> list[str]:
    """Uploads that block submission. The profiles say which uploads a province takes, not which are required;
    this is judged from the seeds:
    - id_front, id_back where taken (重庆: 上传有效身份证正反面), except where login.identity_check is "photos"
      (山西): there id_front and id_holding belong to the sign-up identity check, not to the application;
    - appraisal where the profile's application.internship_appraisal names the major (安徽: 护理 本科);
    - old_course_cards when the candidate adds 旧计划课程 (`old_plan_courses`; 山西: 不上传扫描件…毕业申请无效);
    - the manual prior-education path's documents are prior_rules.submit_problem's (the record names them),
      signature is application.signature's, and "other" never (documents_asked says what is asked)."""
    taken = profile_data["documents"]
    by_photos = profile_data["login"]["identity_check"] == "photos"
    needed = [k for k in ("id_front", "id_back") if k in taken and not by_photos]
    appraisal = profile_data["application"]["internship_appraisal"]
    if appraisal and _appraisal_needed(appraisal, application):
        needed.append("appraisal")
    if "old_course_cards" in taken and application.get("old_plan_courses"):
        needed.append("old_course_cards")
    return needed


OPTIONAL_DOCUMENTS = ("other",)          # 重庆: 其它材料上传 为非必填项


def documents_asked(profile_data: dict, application: dict) -> list[dict]:
    """The one answer to "which documents is this candidate asked for" (the documents page, check answers and the
    staff's view read it), as [{"kind", "required"}] in the profile's order: required_documents; the signature image
    where application.signature; on the manual 前置学历 path of a 本科 application (prior_rules.on_manual_path), its
    documents (毕业证书, 备案表, and the statement of a changed name or ID number only when the candidate said they
    differ from the diploma); "other" as optional. Any other kind the profile takes is not asked of this candidate
    (a 专科 candidate, or one whose 前置学历 学信网 verified, is not asked for the diploma)."""
    required = set(required_documents(profile_data, application))
    if profile_data["application"]["signature"]:
        required.add("signature")
    record = application.get("prior_education")
    if is_bachelor(application.get("level")) and prior.on_manual_path(profile_data, record):
        required.update(prior.manual_documents(profile_data, bool((record or {}).get("identity_changed"))))
    return [{"kind": kind, "required": kind in required} for kind in profile_data["documents"]
            if kind in required or kind in OPTIONAL_DOCUMENTS]


def _appraisal_needed(rule: dict, application: dict) -> bool:
    """安徽: 申请护理专业本科毕业的考生需上传毕业实习鉴定材料 (the profile names the majors and whether 本科 only)."""
    major = application.get("major_name") or ""
    level_fits = is_bachelor(application.get("level")) or not rule["bachelor_only"]
    return level_fits and any(name in major for name in rule["majors"])


def missing_for_submit(profile_data: dict, application: dict, *, today: date | None = None,
                       birth_date: date | None = None) -> list[dict]:
    """Everything that still stops a submission, as [{"field", "message"}] in task-list order. `application` holds
    contact, resume, self_assessment, signature (bool), level (专科, 本科 or 专升本), major_name, old_plan_courses,
    prior_education (a stored prior_education record) and uploads ({kind: status or {"status": …}}, the photo as
    kind "photo"). With `today` and `birth_date` a saved resume is checked again (it must still reach this month)."""
    app, uploads = profile_data["application"], application.get("uploads") or {}
    missing: list[dict] = []

    def attempt(check: Callable[..., object], *args: object, **kwargs: object) -> None:
        try:
            check(*args, **kwargs)
        except BadInput as err:
            missing.append({"field": err.field, "message": err.message})

    attempt(check_contact, application.get("contact"))
    if app["resume"]:
        if not application.get("resume"):
            continuous = "时间连续，" if app["resume"]["continuous"] else ""
            missing.append({"field": "resume",
                            "message": f"请填写简历（最多 {app['resume']['max_entries']} 条，{continuous}写到现在）"})
        elif today and birth_date:
            attempt(check_resume, profile_data, application["resume"], today=today, birth_date=birth_date)
    if app["self_assessment"] and app["self_assessment"]["min_chars"] > 0:
        attempt(check_self_assessment, profile_data, application.get("self_assessment"))
    if app["signature"] and not (application.get("signature") is True or prior.uploaded(uploads, "signature")):
        missing.append({"field": "signature", "message": "请完成电子签名：上传签名图片并截取签名"})
    if is_bachelor(application.get("level")):
        problem = prior.submit_problem(profile_data, application.get("prior_education"), uploads)
        if problem:
            missing.append({"field": "prior_education", "message": problem})
    photo = uploads.get("photo")
    photo = photo.get("status") if isinstance(photo, dict) else photo
    # 山西 (seed 004 step 4): the photo comes after submitting, so it does not stop the submit
    if profile_data["photo"] is not None and photo not in PHOTO_PASSED and \
            not profile_data["application"]["photo_after_submit"]:
        waiting = photo == UploadStatus.PENDING_REVIEW
        missing.append({"field": "photo", "message": "照片正在等待审核，审核通过后才能提交" if waiting
                        else "请上传符合要求的毕业证书照片"})
    for kind in required_documents(profile_data, application):
        if not prior.uploaded(uploads, kind):
            missing.append({"field": f"uploads.{kind}", "message": f"请上传{DOCUMENT_NAMES[kind]}"})
    return missing


AFTER_SUBMIT = "提交后上传"      # a draft's task that is asked for only once it is submitted (山西's photo)


def tasks(profile_data: dict, item: dict, missing: list[dict], verdict: str, photo_owed: bool = False) -> list[dict]:
    """The task list: each task with its status (已完成, 未完成, 选填, 待核对, 提交后上传, 已提交), in the order of
    the pages, and what the candidate can do with the whole (可以提交, 还不能提交; 已提交 in review or approved;
    不能再提交 once a rejection is final). A submitted application's tasks are 已提交 until a return opens them
    again, but for the photo where it comes after submitting (山西) while `photo_owed`
    (application.status.photo_owed)."""
    saved = item.get("details") or {}
    fields = {m["field"].split(".")[0].split("[")[0] for m in missing}
    if verdict not in SUBMITTABLE:
        fields.add("eligibility")
    state = Lifecycle.from_dict(item["lifecycle"])
    closed = changes_refused(state) is not None
    correctable = (corrections(state, profile_data) or {}).get("sections", ())
    out = []
    for task_id, name, required in _task_rows(profile_data, item.get("level")):
        blocked = task_id in fields or (task_id == "uploads" and "signature" in fields)
        if closed and task_id == "photo" and photo_owed:
            status = "未完成"                       # the one task a submitted application still asks for
        elif closed:
            status = "可更正" if task_id in correctable else "已提交"
        elif blocked:
            status = "未完成"
        elif task_id == "photo" and not required:
            status = AFTER_SUBMIT                   # 山西's photo: not optional, only later (seed 004 step 4)
        elif required or task_id in saved:
            status = "已完成"
        else:
            status = "待核对" if task_id == "basic" else "选填"
        out.append({"id": task_id, "name": name, "status": status})
    if closed:
        whole = "不能再提交" if state.status == Status.REJECTED else "已提交"
    else:
        whole = "可以提交" if not fields else "还不能提交"
    out.append({"id": "check", "name": "核对并提交", "status": whole})
    return out


def _task_rows(profile_data: dict, level: str | None) -> list[tuple[str, str, bool]]:
    """(id, name, required) of the tasks this province's application has, in the order of the pages."""
    app = profile_data["application"]
    # A province without 课程顶替 (重庆: 课程免试 is filed with the 区县 ahead) is not promised one.
    audit = "毕业条件审核" + ("（课程顶替）" if app["substitution"] != "none" else "")
    rows = [("major", "选择申请专业", True), ("eligibility", audit, True),
            ("basic", "核对基本信息", False), ("contact", "填写联系方式", True)]
    if is_bachelor(level):
        rows.append(("prior_education", "前置学历", True))
    if app["resume"]:
        rows.append(("resume", "填写简历", True))
    if app["self_assessment"]:
        rows.append(("self_assessment", "填写自我鉴定", app["self_assessment"]["min_chars"] > 0))
    rows.append(("statement", "情况说明", False))
    if profile_data["photo"] is not None:
        rows.append(("photo", PHOTO_AFTER_SUBMIT, False) if app["photo_after_submit"] else ("photo", "上传照片", True))
    if profile_data["documents"] or app["signature"]:
        rows.append(("uploads", "上传材料" + ("和电子签名" if app["signature"] else ""), True))
    return rows
