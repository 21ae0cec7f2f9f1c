"""The HTTP shapes of the candidate's application: what the routes take and answer."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel, Field

from functions.common.models import Answer

from .events import Notice
from .status import Status

Action = Literal["submit", "resubmit", "pay", "withdraw"]
Section = Literal["basic", "contact", "resume", "self_assessment"]     # vocabulary.FORM_SECTION_NAMES
FormId = Annotated[str, Path(pattern=r"^[a-z_]{1,40}$", description="表格编号，如 application_form")]


class PairedChoice(BaseModel):
    """The 本科 of 本、专科专业一并申请 (安徽): office and 通讯地址 are the 专科's."""
    plan_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="一并申请的本科专业考试计划编号")
    host_universities: list[Annotated[str, Field(min_length=2, max_length=50)]] = Field(default=[], max_length=3)
    direction: str | None = Field(default=None, max_length=64, description="专业毕业方向（专业有多个方向时必选）")


class MajorChoice(BaseModel):
    plan_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="专业考试计划编号")
    host_universities: list[Annotated[str, Field(min_length=2, max_length=50)]] = Field(default=[], max_length=3)
    office: str | None = Field(default=None, max_length=20, description="毕业申请区县（考试机构代码；不选则不变）")
    address: str | None = Field(default=None, max_length=200, description="通讯地址（山西第一步填写；不填则不变）")
    direction: str | None = Field(default=None, max_length=64, description="专业毕业方向（专业有多个方向时必选）")


class Version(BaseModel):
    version: int = Field(ge=1, le=10**9, strict=True, description="读取时的版本号：防止覆盖别处的修改")


class BatchName(Answer):
    id: str
    name: str | None = Field(description="批次，如 2025年上半年")


class Standing(Answer):
    """Where an application stands (status.describe): what its candidate reads and what staff see. A staff list
    shows an application the profile no longer fits (review/rules.py's `described`) with no next step."""
    status: Status
    stage: str | None = Field(description="正在等待的审核阶段（审核中），或退回申请的阶段")
    status_text: str = Field(description="申请状态")
    next_step: str | None = Field(description="下一步")
    reason: str | None = Field(description="退回原因")
    actions: list[Action] = Field(description="考生现在可以做的事")
    staff_stage: str = Field(description="审核阶段")
    office: str | None = Field(description="正在办理的考试机构")


class Corrections(Answer):
    sections: list[Section] = Field(description="提交后还可以更正的部分")
    note: str = Field(description="页面上的提示")


class FormFill(Answer):
    """The form filled in after submitting (山西: 毕业生登记表 after paying), open until the office records it."""
    form_id: str
    name: str = Field(description="表格名称")
    sections: list[Section] = Field(description="可以修改的部分")
    note: str = Field(description="页面上的提示")
    locked: str | None = Field(description="已交回、不能再修改和导出新版本的说明（还可以修改时为空）")


class ApplicationView(Standing):
    """An application as its candidate reads it, and as a staff decision or 现场确认 answers it (status.view)."""
    batch: BatchName
    exam_no: str = Field(description="准考证号")
    plan_id: str
    major_name: str | None = Field(description="申请专业")
    level: str | None = Field(description="层次")
    host_universities: list[str] = Field(description="主考院校")
    direction: str | None = Field(default=None, description="所选专业毕业方向的编号（页面再次保存专业时带回）")
    direction_name: str | None = Field(default=None, description="专业毕业方向（专业没有多个方向时为空）")
    reference: str | None = Field(description="申请编号（提交后才有）")
    version: int = Field(description="版本号：修改或提交时带回")
    updated_at: str | None
    forms: list[str] = Field(description="现在可以打印的表格")
    changes_refused: str | None = Field(description="已提交的内容为什么不能再修改（可以修改时为空）")
    corrections: Corrections | None = Field(description="已提交但还可以更正的个人信息（没有时为空）")
    form_fill: FormFill | None = Field(description="提交后填写的登记表（没有时为空）")
    office_code: str | None = Field(description="办理申请的考试机构的代码（页面按它预选毕业申请区县）")
    office_name: str | None = Field(description="毕业申请区县（办理申请的考试机构）")


class PhotoStep(BaseModel):
    title: str = Field(description="这一步的名称：提交后上传毕业照片")
    why: str = Field(description="为什么要上传")
    message: str = Field(description="照片现在的情况和要做的事")
    status: Literal["missing", "ok", "pending_review", "approved", "rejected"] = Field(
        description="当前照片：missing 未上传或未通过认证，pending_review 等待人工审核，rejected 人工审核未通过")


class MyApplication(Answer):
    application: ApplicationView | None = Field(description="本批次的毕业申请（还没有时为空）")
    window: str | None = Field(description="本批次毕业申请的开始和截止时间（北京时间；没有为这类考生开放时为空）")
    window_closed: str | None = Field(description="申请时间未开放或已结束的原因（开放时为空）")
    photo_deadline: str | None = Field(default=None, description="相片上传截止时间（北京时间；不另设时为空）")
    photo_closed: str | None = Field(default=None, description="现在不能上传照片的原因（相片上传未开始或已截止时）")
    record_office: str | None = Field(description="考籍所在考试机构的代码（还没有申请时预选为毕业申请区县）")
    address: str | None = Field(description="通讯地址（联系方式中的，或考籍中的）")
    photo_step: PhotoStep | None = Field(default=None, description="提交后还要上传的毕业照片（山西；不需要时为空）")
    pairs: bool = Field(default=False, description="本省可以本、专科专业一并申请（安徽）")
    paired: ApplicationView | None = Field(default=None, description="一并申请的本科专业（还没有时为空）")
    paired_closed: str | None = Field(default=None, description="现在还不能申请一并申请的本科专业的原因")


class Submitted(Answer):
    ok: Literal[True]
    reference: str = Field(description="申请编号")
    application: ApplicationView


class FormLink(Answer):
    """A short-lived link to a printed form (the candidate's own, or one staff open for a candidate)."""
    form_id: str
    name: str = Field(description="表格名称")
    url: str = Field(description="下载链接（5 分钟内有效）")
    expires_in: int = Field(description="链接有效秒数")
    generated_on: str = Field(description="表格日期")
    bytes: int


class Message(Answer):
    event: Notice
    stage: str | None
    status_text: str = Field(description="申请状态")
    next_step: str | None = Field(description="下一步")
    reason: str | None = Field(description="退回原因")
    at: str = Field(description="时间")


class Messages(Answer):
    messages: list[Message]
