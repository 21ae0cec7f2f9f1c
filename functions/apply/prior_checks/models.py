"""The HTTP shapes of staff's 学信网 checks of manual 前置学历 claims."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from functions.common.models import Answer

from .rules import MOST_BYTES, REASON_MAX


class PriorDecision(BaseModel):
    decision: Literal["verified", "refused"] = Field(description="核对结果：verified 通过，refused 不通过")
    reason: str = Field("", max_length=REASON_MAX, description="不通过的原因")


class PriorRecord(BaseModel):
    method: str
    status: str
    message: str
    school: str | None = None
    level: str | None = None
    graduated_on: str | None = None
    certificate_no: str | None = None
    documents: list[str] = []
    online_code: str | None = None
    checked_by: str | None = None
    checked_at: str | None = None
    reason: str | None = None


class StaffPriorCheck(Answer):
    record: PriorRecord | None = Field(description="考生的前置学历（没有则为空）")
    decided_by: str = Field(description="记录学信网核对结果的角色")
    decided_by_name: str
    open: bool = Field(description="我现在能否记录核对结果")


class PendingChecks(Answer):
    filename: str
    rows: int
    text: str = Field(description="CSV 文件内容（UTF-8，带 BOM）")


class AnswersFile(BaseModel):
    text: str = Field(max_length=MOST_BYTES, description="填好核对结果的 CSV 文件内容")


class AnswersImported(Answer):
    verified: int
    refused: int
    skipped: int = Field(description="未填核对结果、未导入的行数")
