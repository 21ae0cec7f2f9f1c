"""The HTTP shapes of the sections, the 前置学历 check and the check-answers page. Answers keep exactly the keys the
service gives (the routes serialise with `response_model_exclude_unset`): a section not saved yet is absent, not
null."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool, create_model

from functions.apply.application.models import ApplicationView
from functions.common.models import Answer
from functions.eligibility.engine import Verdict
from functions.eligibility.models import Finding

from .basic_rules import LABELS
from .prior_rules import PriorStatus

# Typed text is not capped here: each field's rules (basic_rules, rules, resume_rules, prior_rules) check its length
# and answer "通讯地址最多 100 字" under the field's own name; the body's size is capped for every route (web.py).
Short = str
Number = int | float


# Requests ---------------------------------------------------------------------------------------------------------
class BasicChanges(BaseModel):
    """Only the fields the province lets candidates edit; never the name."""
    changes: dict[Annotated[str, Field(max_length=30)], Short | StrictBool | None] = Field(max_length=20)


class Contact(BaseModel):
    phone: Short | None = None
    address: Short | None = None
    postcode: Short | None = None


class ResumeEntry(BaseModel):
    start: Short | None = Field(default=None, alias="from", description="开始年月，如 2019-06")
    to: Short | None = Field(default=None, description="结束年月，或“至今”")
    unit: Short | None = None
    role: Short | None = None


class Resume(BaseModel):
    entries: list[ResumeEntry]


class Text(BaseModel):
    text: str


class CertificateCheck(BaseModel):
    certificate_no: str | None = None


class ManualClaim(BaseModel):
    school: Short | None = None
    certificate_no: str | None = None
    graduated_on: str | None = None
    online_code: str | None = Field(default=None, description="学信网备案表或认证报告的在线验证码")
    identity_changed: bool = Field(default=False, description="毕业证书上的姓名或身份证号与现在的不同")


# Answers ----------------------------------------------------------------------------------------------------------
# The basic information: the exam record's fields (as imported: text, or a yes/no or a number) with the
# candidate's accepted edits over them, each field named as basic_rules.LABELS names it.
Basic = create_model("Basic", __base__=Answer, **{  # type: ignore[call-overload]
    key: (str | bool | Number | None, Field(default=None, description=label)) for key, label in LABELS.items()})


class SavedContact(Answer):
    phone: str = Field(description="手机号")
    address: str = Field(description="通讯地址")
    postcode: str = Field(description="邮政编码")


class ResumeLine(Answer):
    start: str = Field(alias="from", description="开始年月")
    to: str = Field(description="结束年月，或“至今”")
    unit: str = Field(description="单位或学校")
    role: str = Field(description="职务或身份")


class Details(Answer):
    """What the candidate saved, section by section (a section not saved yet is absent)."""
    basic: Basic | None = None                # type: ignore[valid-type]
    contact: SavedContact | None = None
    resume: list[ResumeLine] | None = None
    self_assessment: str | None = Field(default=None, description="自我鉴定")
    statement: str | None = Field(default=None, description="情况说明")


class Saved(Answer):
    version: int = Field(description="版本号：提交时带回")
    details: Details
    basic: Basic                              # type: ignore[valid-type]


class PriorCheck(Answer):
    method: Literal["xuexin", "certificate_number", "filing", "record"] = Field(
        description="核验方式（record：考籍档案中已核验的学历）")
    status: PriorStatus
    message: str = Field(description="前置学历核验结果")
    school: str | None = Field(description="毕业学校")
    level: str | None = Field(description="层次")
    graduated_on: str | None = Field(description="毕业时间")
    certificate_no: str | None = Field(description="证书编号")
    documents: list[str] = Field(description="人工核查的材料")
    online_code: str | None = Field(default=None, description="学信网在线验证码（工作人员在学信网核对）")
    checked_by: str | None = Field(default=None, description="在学信网核对的工作人员")
    checked_at: str | None = Field(default=None, description="核对时间（UTC）")
    reason: str | None = Field(default=None, description="核对不通过的原因")
    identity_changed: bool = Field(default=False, description="毕业证书上的姓名或身份证号与现在的不同")


class AuditSummary(Answer):
    verdict: Verdict
    message: str = Field(description="毕业条件审核结果")
    findings: list[Finding]


class UploadState(Answer):
    status: str
    status_text: str = Field(description="材料状态")


class DocumentAsked(Answer):
    kind: str
    name: str = Field(description="材料")
    required: bool = Field(description="必须上传（否则为选填）")
    uploaded: bool = Field(description="已上传")


class DocumentsAsked(Answer):
    documents: list[DocumentAsked] = Field(description="需要上传的材料")


class Problem(Answer):
    field: str
    message: str


class Task(Answer):
    id: Literal["major", "eligibility", "basic", "contact", "prior_education", "resume", "self_assessment",
                "statement", "photo", "uploads", "check"]
    name: str = Field(description="任务")
    status: Literal["已完成", "未完成", "选填", "待核对", "提交后上传", "已提交", "可更正", "可以提交", "还不能提交",
                    "不能再提交"]


class CheckAnswers(Answer):
    application: ApplicationView
    basic: Basic                              # type: ignore[valid-type]
    details: Details
    prior_education: PriorCheck | None
    audit: AuditSummary
    uploads: dict[str, UploadState]
    documents: list[DocumentAsked] = Field(description="需要上传的材料")
    missing: list[Problem] = Field(description="还不能提交的原因")
    tasks: list[Task]
