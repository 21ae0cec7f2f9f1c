"""The closed vocabularies every province shares, each defined once: file formats, the kinds of document a
candidate uploads and their Chinese names, how people sign in, the kinds of review stage, the fields a profile may
let candidates edit, and the plan levels that graduate to a 本科 certificate. Staff roles are
common/jurisdiction.py's."""
from __future__ import annotations

from enum import StrEnum

FORMATS = ("jpeg", "png", "pdf", "zip")
IMAGE_FORMATS = ("jpeg", "png")


class DocumentKind(StrEnum):
    ID_FRONT = "id_front"
    ID_BACK = "id_back"
    ID_HOLDING = "id_holding"
    DIPLOMA = "diploma"
    FILING_FORM = "filing_form"
    # 重庆 须知 9b: 有身份信息变更还需派出所盖鲜章的改名或身份证号的情况说明 (only when they differ from the diploma)
    IDENTITY_CHANGE = "identity_change"
    SIGNATURE = "signature"
    OLD_COURSE_CARDS = "old_course_cards"
    APPRAISAL = "appraisal"
    CERTIFICATE = "certificate"
    OTHER = "other"


DOCUMENT_KINDS = tuple(k.value for k in DocumentKind)
# What pages, messages and staff call each kind (and the graduation photo), in one place.
DOCUMENT_NAMES = {"photo": "毕业照片", "id_front": "身份证人像面", "id_back": "身份证国徽面",
                  "id_holding": "手持身份证照", "diploma": "前置学历毕业证书",
                  "filing_form": "教育部学历证书电子注册备案表",
                  "identity_change": "改名或身份证号变更情况说明（派出所盖章）", "signature": "签名图片",
                  "old_course_cards": "旧计划课程（实践课考核卡）扫描件压缩包", "appraisal": "毕业实习鉴定材料",
                  "certificate": "免考证书（如大学英语四、六级合格证书）", "other": "其他材料"}


class ClaimKind(StrEnum):
    """What a candidate may claim for a course they have not passed, for staff to verify or refuse."""
    EXEMPTION = "exemption"          # 免考: a certificate an exemption rule accepts (安徽: CET-4/6 for 13000)


CLAIM_NAMES = {ClaimKind.EXEMPTION: "免考"}

class LoginKind(StrEnum):
    """How a person signs in: candidates by what their province uses (profile `login.identifiers`), staff by login."""
    ID_NUMBER = "id_number"
    EXAM_NO = "exam_no"
    EMAIL = "email"
    STAFF = "staff"


# What a profile's `login.identifiers` may name: the candidates' ways in (staff sign in by login everywhere).
CANDIDATE_LOGIN_KINDS = (LoginKind.ID_NUMBER, LoginKind.EXAM_NO, LoginKind.EMAIL)
# What the sign-in page and the messages call each way in.
LOGIN_NAMES = {LoginKind.ID_NUMBER: "身份证号", LoginKind.EXAM_NO: "准考证号", LoginKind.EMAIL: "邮箱",
               LoginKind.STAFF: "工作人员登录名"}


class StageKind(StrEnum):
    """What happens at a stage of the profile's `review.stages`."""
    REVIEW = "review"              # an office approves or rejects
    PAYMENT = "payment"            # the fee is paid (the system moves on when the provider confirms)
    FORM_RETURN = "form_return"    # the signed form is handed in and its receipt recorded


class RefundWhen(StrEnum):
    """When a fee paid for an application rejected afterwards goes back (profile `fee.refund_when`)."""
    NEVER = "never"                # the system refunds nothing: the order stays paid
    ON_REJECT = "on_reject"        # at once, with the rejection
    ROUND_END = "round_end"        # once the batch's processing is over (重庆 须知 9: 在当次毕业办理结束后退回)


# The identity of a record: never corrected online in any province (a correction is a 考籍更正 the office decides:
# 湖北 "姓名错误…由档案所在地自考办报省自考办统一修改", 重庆 "应提前向区县考试机构申请考籍更正"); forms and exports
# print the record's values of these, whatever an application's details hold.
IDENTITY_FIELDS = ("name", "id_number", "gender", "birth_date", "exam_no")
# Fields of the basic information a profile may let candidates correct (identity fields are never among them).
# The phone, address and postcode are not among them: they are the one contact record (填写联系方式), which the
# basic information shows read-only, and the form, the SMS and the staff's view use.
EDITABLE_FIELDS = ("ethnicity", "political_status", "hukou_type", "hukou_place", "education",
                   "education_type", "studying", "school", "employer")
CONTACT_FIELDS = ("phone", "address", "postcode")
# What the printed forms and the 学信网 CSV carry besides identity: required before a submit, from the exam record,
# or chosen by the candidate where the profile's editable_fields let them.
PRINTED_FIELDS = ("ethnicity", "political_status")
# The sections a form filled in after submitting may open again (a profile's forms[].fill; 山西's 毕业生登记表), by the
# names the candidate reads.
FORM_SECTION_NAMES = {"basic": "基本信息", "contact": "联系方式", "resume": "简历", "self_assessment": "自我鉴定"}


def is_bachelor(level: str | None) -> bool:
    """Whether a plan of this level graduates to a 本科 certificate (and so needs prior education). The plans name
    such levels 本科, 专升本, 本科(专升本), 本科(独立本科段): every one has 本 in it, and no 专科 level does."""
    return bool(level) and "本" in str(level)


def level_name(level: str | None) -> str:
    """本科 or 专科, as forms and messages say it."""
    return "本科" if is_bachelor(level) else "专科"
