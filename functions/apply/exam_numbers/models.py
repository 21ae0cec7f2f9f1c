"""HTTP shapes of the candidate's other 准考证 (准考证管理 / 其他准考证号)."""
from __future__ import annotations

from pydantic import BaseModel, Field

from functions.apply.claims.models import Reviewed
from functions.common.models import Answer
from functions.common.params import EXAM_NO_PATTERN


class NewExamNumber(BaseModel):
    name: str = Field(min_length=1, max_length=40, description="准考证上的姓名")
    id_number: str = Field(min_length=1, max_length=40, description="准考证上的证件号码")
    exam_no: str = Field(pattern=EXAM_NO_PATTERN, description="准考证号")


class Sitting(Answer):
    code: str
    name: str
    session: str | None = None
    score: int | float | str | None = None


class OtherExamNumber(Reviewed):
    exam_no: str = Field(description="其他准考证号")
    sittings: list[Sitting] = Field(description="该准考证下的考试成绩")


class ExamNumbers(Answer):
    others: list[OtherExamNumber]
    decided_by: str = Field(description="审核机构的角色")
    decided_by_name: str = Field(description="审核机构")
    open: bool = Field(description="考生：现在能否新增或撤回；工作人员：能否审核")
