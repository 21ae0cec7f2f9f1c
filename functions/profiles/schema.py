"""What a province profile may say: every key, its type and its allowed values, and the rules across keys.

A wrong profile stops start-up with one line naming the file, the key and what was expected (ConfigError). A key
that nothing reads is a bug: add a key here only with the code that reads it.
"""
from __future__ import annotations

from functions.common.jurisdiction import REVIEW_ROLES

from .checked import (
    Checked,
    ConfigError,
    boolean,
    custom,
    integer,
    list_of,
    mapping,
    one_of,
    optional,
    refuse,
    text,
)
from .photo_rules import PhotoRules
from .record_columns import RecordColumns
from .sms_templates import SmsTemplates
from .vocabulary import (
    CANDIDATE_LOGIN_KINDS,
    CONTACT_FIELDS,
    DOCUMENT_KINDS,
    EDITABLE_FIELDS,
    FORM_SECTION_NAMES,
    IDENTITY_FIELDS,
    ClaimKind,
    RefundWhen,
    StageKind,
)


def _photo_rules(value):
    # The photo function owns the meaning of these keys; a profile is wrong exactly when it would refuse them.
    return PhotoRules.from_profile({"photo": value, "documents": {}}) and value


def _record_columns(value):
    # `biye import` reads the province's spreadsheets through this map (record_columns.py owns its meaning).
    RecordColumns.from_profile(value)
    return value


def _editable_field(value, path):
    # An identity field is refused with its reason, not only as "not one of": a province must not list it.
    if value in IDENTITY_FIELDS:
        return refuse(path, "不含身份信息（姓名、身份证号、性别、出生日期、准考证号只能由考试机构办理考籍更正）",
                      value)
    if value in CONTACT_FIELDS:      # one contact record, edited on 填写联系方式 only (issue 20 item 5)
        return refuse(path, "不含联系方式（手机号、通讯地址、邮政编码只在“填写联系方式”中填写）", value)
    return one_of(*EDITABLE_FIELDS)(value, path)


def _document_rules(value):
    return PhotoRules.from_profile({"photo": None, "documents": value}) and value


_stage = mapping({
    "id": text,
    "kind": one_of(*StageKind),
    "name": text,
}, extra=lambda v, p: v)

_SCHEMA = Checked(mapping({
    "province": text,
    "code": text,
    "full_name": text,
    "authority": text,
    "province_office": text,    # what candidates and staff call the province-level office (重庆: 市自考办)
    "login": mapping({
        "identifiers": list_of(one_of(*CANDIDATE_LOGIN_KINDS), min_items=1),
        "security_question": boolean,
        "max_accounts_per_exam_no": integer(1, 10),
        "identity_check": one_of("none", "photos"),
    }),
    "application": mapping({
        "candidate_types": list_of(text, min_items=1),
        # Types of candidate who apply somewhere else (重庆: 助学考生 through their 主考学校), and what they are told.
        "apply_elsewhere": optional(mapping({}, extra=text)),
        # What a candidate of a discontinued (停考) major is told instead of the engine's words, where the province
        # says what to do (湖北's FAQ: apply on site at the record's office).
        "discontinued_major": optional(text),
        # What the candidate is told once approved, where the province says more than to wait for the certificate
        # (重庆 须知 10: at least 30 working days, issued by the 主考学校).
        "after_approval": optional(text),
        "host_universities_max": integer(1, 3),
        # 山西: the candidate chooses the 县(市、区) office that handles the application (seed 004 step 1: 选择毕业申请
        # 区县); elsewhere the office of the exam record handles it.
        "choose_office": boolean,
        # 安徽 (seed 002: 合肥市自考生应按照合肥市教育考试院相关通知要求办理): the staff of an office of the first
        # review stage may set their own application window, within the province's, for their office's candidates.
        "office_windows": boolean,
        "resubmission_limit": optional(integer(0, 10)),
        "onsite_confirmation": boolean,
        "editable_fields": list_of(_editable_field),
        # 安徽 (seed 002: 已受理 … 若发现填写的个人信息有误，可根据页面提示返回修改): the personal-information sections
        # the candidate may still correct after submitting, while nobody has decided at the first stage.
        "corrections_after_submit": list_of(one_of("basic", "contact")),
        "self_assessment": optional(mapping({"min_chars": integer(0, 5000), "max_chars": integer(1, 5000)})),
        "resume": optional(mapping({"max_entries": integer(1, 20), "continuous": boolean})),
        "signature": boolean,
        "prior_education": mapping({
            "method": one_of("xuexin", "filing", "certificate_number"),
            "fallback_documents": list_of(one_of(*DOCUMENT_KINDS)),
            # The office that records what 学信网 showed for a manual claim (verified, or refused with a reason).
            "decided_by": one_of(*REVIEW_ROLES),
        }, extra=lambda v, p: boolean(v, p)),
        "photo_review": optional(one_of(*REVIEW_ROLES)),
        # 安徽 (seed 002: 因电子相片需要市级审核，因此相片上传截止时间早于毕业申请提交时间): the province sets a photo
        # upload window per batch, closing before the application's; photos are refused outside it.
        "photo_window": boolean,
        # 山西 (seed 004 step 4): the photo is collected after submitting, passed by its automatic check (毕业照片系统
        # 线上认证); only a candidate whose photo keeps failing asks photo_review's office for 人工审核.
        "photo_after_submit": boolean,
        # 安徽: 申请护理专业本科毕业的考生需上传毕业实习鉴定材料 (majors whose name contains one of `majors`)
        "internship_appraisal": optional(mapping({"majors": list_of(text, min_items=1), "bachelor_only": boolean})),
        "substitution": one_of("candidate_rules", "per_course", "credit_pool", "none"),
        # Claims the candidate makes with evidence (安徽: 免考 with a CET certificate), and who verifies them.
        "claims": optional(mapping({"kinds": list_of(one_of(*ClaimKind), min_items=1),
                                    "decided_by": one_of(*REVIEW_ROLES)})),
        # Another 准考证's passes merged into the application's (湖北 准考证管理, 安徽 其他准考证号), confirmed by the
        # office named here: apply/exam_numbers/.
        "other_exam_numbers": optional(mapping({"decided_by": one_of(*REVIEW_ROLES)})),
    }),
    "review": mapping({
        "stages": list_of(_stage, min_items=1),
        "reject_reasons": list_of(text, min_items=1),
        # Who asks for and approves staff exceptions (force-complete, waive, substitute), four eyes: apply/exceptions/.
        "exceptions_by": one_of(*REVIEW_ROLES),
    }),
    "fee": optional(mapping({
        "amount_yuan": integer(1, 10000),
        "name": text,
        "after_stage": text,
        # What becomes of the fee when the application is rejected after it was paid (vocabulary.RefundWhen).
        "refund_when": one_of(*RefundWhen),
    })),
    "photo": optional(custom(_photo_rules, "照片规则")),
    "documents": custom(_document_rules, "材料规则"),
    "forms": list_of(mapping({"id": text, "name": text, "after": text}, extra=lambda v, p: v)),
    "offices": list_of(mapping({"code": custom(lambda v: _digits(v, 6), "6 位行政区划代码"),
                                "name": text}), min_items=1),
    "records_import": optional(custom(_record_columns, "导入考籍表格的列对照")),
    "sms": custom(lambda v: SmsTemplates.from_profile(v) and v, "短信签名与模板"),
}))


def _digits(value, n):
    if not (isinstance(value, str) and len(value) == n and value.isdigit()):
        raise ValueError(f"{n} 位数字")
    return value


def _check_references(data: dict, file: str) -> None:
    """Cross-key rules a per-key check cannot see."""
    stages = data["review"]["stages"]
    ids = [s["id"] for s in stages]
    for i, stage in enumerate(stages):
        if ids.count(stage["id"]) > 1:
            raise ConfigError(file, f"review.stages[{i}].id", "不重复的阶段编号", stage["id"])
        if stage["kind"] in ("review", "form_return") and stage.get("role") not in REVIEW_ROLES:
            raise ConfigError(file, f"review.stages[{i}].role", "之一: " + ", ".join(REVIEW_ROLES), stage.get("role"))
        if stage["kind"] == "payment" and not data["fee"]:
            raise ConfigError(file, f"review.stages[{i}]", "fee 已设置 (有缴费阶段)")
        _check_system_approval(data, stage, i, file)
        _check_joint(stage, i, file)
        _check_received_as(stage, i, file)
    if stages[-1]["kind"] != "review":
        raise ConfigError(file, "review.stages", "以审核阶段结束", stages[-1]["kind"])
    if data["fee"]:
        if data["fee"]["after_stage"] not in ids:
            raise ConfigError(file, "fee.after_stage", "review.stages 中的阶段编号", data["fee"]["after_stage"])
        if not any(s["kind"] == "payment" for s in stages):
            raise ConfigError(file, "review.stages", "含一个 kind: payment 阶段 (已设置 fee)")
    roles = [s.get("role") for s in stages if s["kind"] == "review"]
    if data["application"]["prior_education"]["decided_by"] not in roles:
        raise ConfigError(file, "application.prior_education.decided_by", "审核阶段中的角色之一: " + ", ".join(roles),
                          data["application"]["prior_education"]["decided_by"])
    allowed_after = {"submitted", "approved", *ids}
    for i, form in enumerate(data["forms"]):
        if form["after"] not in allowed_after:
            raise ConfigError(file, f"forms[{i}].after", "submitted、approved 或阶段编号", form["after"])
        # 山西 (seed 004): the sections the candidate fills in on the form after submitting, while the form_return
        # stage naming the form waits for it (application/status.py form_fill)
        for section in form.setdefault("fill", []):
            if section not in FORM_SECTION_NAMES:
                raise ConfigError(file, f"forms[{i}].fill", "之一: " + ", ".join(FORM_SECTION_NAMES), section)
        if form["fill"] and not any(s.get("form") == form["id"] for s in stages if s["kind"] == "form_return"):
            raise ConfigError(file, f"forms[{i}].fill", "一个交回该表格的 form_return 阶段 (form: 表格编号)",
                              form["id"])
    if data["login"]["identity_check"] == "photos":
        for kind in ("id_front", "id_holding"):
            if kind not in data["documents"]:
                raise ConfigError(file, f"documents.{kind}", "已设置 (login.identity_check: photos 需要这两种照片)")
    for kind in data["application"]["prior_education"]["fallback_documents"]:
        if kind not in data["documents"]:
            raise ConfigError(file, f"documents.{kind}",
                              "已设置 (application.prior_education.fallback_documents 需要上传它)")
    if data["application"]["internship_appraisal"] and "appraisal" not in data["documents"]:
        raise ConfigError(file, "documents.appraisal", "已设置 (application.internship_appraisal 需要上传实习鉴定材料)")
    if data["application"]["signature"] and "signature" not in data["documents"]:
        raise ConfigError(file, "documents.signature", "已设置 (application.signature: true 需要上传签名图片)")
    if data["application"]["photo_window"] and not data["application"]["photo_review"]:
        raise ConfigError(file, "application.photo_window", "false (相片上传时间只用于审核照片的省份)", True)
    if data["application"]["photo_after_submit"] and not (data["photo"] and data["application"]["photo_review"]):
        raise ConfigError(file, "application.photo_after_submit",
                          "false (提交后上传照片需有 photo 照片规则和 application.photo_review 人工审核机构)", True)
    sa = data["application"]["self_assessment"]
    if sa and sa["min_chars"] > sa["max_chars"]:
        raise ConfigError(file, "application.self_assessment.min_chars", "不大于 max_chars", sa["min_chars"])



def _check_system_approval(data: dict, stage: dict, i: int, file: str) -> None:
    """`system_approval` (山西: 系统审核通过或招办全部审批通过后才可进行支付): a review stage the system passes by
    itself for a clean application (application/rules.system_approves). Off unless the stage says true; never at a
    stage that is not a review, nor before 现场确认, which a person records."""
    approval = stage.setdefault("system_approval", False)
    path = f"review.stages[{i}].system_approval"
    if not isinstance(approval, bool):
        raise ConfigError(file, path, "true 或 false", approval)
    if approval and stage["kind"] != "review":
        raise ConfigError(file, path, "只用于审核阶段 (kind: review)", approval)
    if approval and i == 0 and data["application"]["onsite_confirmation"]:
        raise ConfigError(file, path, "false (第一阶段前须现场确认)", approval)


def _check_joint(stage: dict, i: int, file: str) -> None:
    """`joint_with` (安徽 seed 002: 由各主考院校和省级教育考试机构进行会审): a review stage another office takes part
    in, giving its opinion before the stage's own office decides (application/lifecycle.py: _joint_agreed)."""
    joint = stage.get("joint_with")
    if joint is None:
        return
    path = f"review.stages[{i}].joint_with"
    if stage["kind"] != "review":
        raise ConfigError(file, path, "只用于审核阶段 (kind: review)", joint)
    if joint not in REVIEW_ROLES or joint == stage.get("role"):
        raise ConfigError(file, path, "本阶段角色以外的审核角色之一: " + ", ".join(REVIEW_ROLES), joint)


def _check_received_as(stage: dict, i: int, file: str) -> None:
    """`received_as` (安徽 seed 002: 保存申请后，审核状态显示"已受理"): the word the candidate's status begins with
    while the application waits at this stage, where the seed names one."""
    word = stage.setdefault("received_as", None)
    if word is not None and (not isinstance(word, str) or not word.strip()):
        raise ConfigError(file, f"review.stages[{i}].received_as", "非空的文字，或不写", word)


def check_profile(raw, file: str) -> dict:
    """The profile's data, checked key by key and across keys; ConfigError names the first problem."""
    data = _SCHEMA(raw, file)
    _check_references(data, file)
    return data
