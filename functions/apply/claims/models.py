"""HTTP shapes of claims."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from functions.common.models import Answer

CourseCode = Field(min_length=1, max_length=10, pattern=r"^[0-9A-Za-z]+$", description="课程代码")


class NewClaim(BaseModel):
    kind: Literal["exemption"] = Field(description="申请类型：exemption（免考）")
    course: str = CourseCode
    certificate: str = Field(min_length=1, max_length=60, description="证书")


class ClaimDecision(BaseModel):
    decision: Literal["verified", "refused"] = Field(description="审核结果")
    reason: str = Field(default="", max_length=200, description="不通过的原因")


class Reviewed(Answer):
    """What every item a candidate asks and an office decides carries (a claim, another 准考证)."""
    id: str
    status: str
    status_name: str
    reason: str | None = None
    made_at: str
    made_at_text: str = Field(description="申请时间（北京时间）")
    decided_at: str | None = None
    decided_at_text: str | None = Field(default=None, description="审核时间（北京时间）")
    decided_by: str | None = None


class Claim(Reviewed):
    kind: str
    kind_name: str
    plan_id: str
    course: str
    course_name: str
    certificate: str
    certificate_name: str
    evidence: str | None = None
    evidence_url: str | None = Field(default=None, description="证书查看链接（5 分钟内有效，工作人员）")


class Option(Answer):
    course: str
    course_name: str
    certificates: list[dict[str, str]]


class Claims(Answer):
    claims: list[Claim]
    options: list[Option] = Field(default_factory=list, description="可以申请免考的未通过课程及其接受的证书")
    decided_by: str = Field(description="审核机构的角色")
    decided_by_name: str = Field(description="审核机构")
    open: bool = Field(description="考生：现在能否新增或撤回；工作人员：能否审核")
