"""HTTP shapes of staff exceptions (four eyes)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from functions.common.models import Answer

Code = r"^[A-Za-z0-9_-]{1,40}$"
Kind = Literal["force_complete", "waive", "substitute"]


class NewException(BaseModel):
    kind: Kind = Field(description="处理方式")
    target: str | None = Field(default=None, pattern=Code, description="要认定或免除的要求")
    use: str | None = Field(default=None, pattern=r"^[0-9A-Za-z]{1,10}$", description="用来替代的已合格课程")
    replace: str | None = Field(default=None, pattern=r"^[0-9A-Za-z]{1,10}$", description="被替代的课程")
    reason: str = Field(default="", max_length=200, description="原因")


class ExceptionDecision(BaseModel):
    decision: Literal["approve", "reject", "withdraw"] = Field(description="办理结果")
    reason: str = Field(default="", max_length=200, description="不批准的原因")


class ExceptionRequest(Answer):
    id: str
    exam_no: str
    kind: str
    kind_name: str
    what: str = Field(description="特殊处理的内容（文字）")
    status: str
    status_name: str
    reason: str
    requested_by_name: str
    requested_at: str
    requested_at_text: str = Field(description="提出时间（北京时间）")
    decided_by_name: str | None = None
    decided_at_text: str | None = None
    decision_reason: str | None = None
    verdict_after: str | None = Field(default=None, description="批准后的审核结论（待批准的）")
    mine: bool = Field(default=False, description="由我提出（我只能撤回，不能批准）")
    name: str | None = Field(default=None, description="考生姓名（待批准列表）")


class Requirement(Answer):
    code: str
    name: str = Field(description="要求的名称（课程：名称和代码）")
    course: bool = Field(description="是课程（可被替代）")


class Exceptions(Answer):
    requests: list[ExceptionRequest]
    requirements: list[Requirement] = Field(description="可以认定或免除的要求，及可被替代的课程")
    decided_by_name: str = Field(description="办理特殊处理的机构")
    may_ask: bool = Field(description="我能否提出和批准")


class Preview(Answer):
    what: str
    verdict_now: str
    verdict_after: str = Field(description="批准后的审核结论")


class PendingExceptions(Answer):
    requests: list[ExceptionRequest]
