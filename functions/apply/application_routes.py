"""The candidate's application (major, submit, withdraw) and the staff decisions on it."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Request
from pydantic import BaseModel, Field

from functions.common.session import CurrentCandidate, CurrentStaff

router = APIRouter(prefix="/api/apply", tags=["applications"])
ExamNo = Annotated[str, Path(pattern=r"^\d{12}$", description="准考证号")]
IdempotencyKey = Annotated[str, Header(alias="Idempotency-Key", pattern=r"^[A-Za-z0-9_-]{16,64}$",
                                       description="每次提交页面生成一个；重试时保持不变")]


class MajorChoice(BaseModel):
    plan_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="专业考试计划编号")
    host_universities: list[Annotated[str, Field(min_length=2, max_length=50)]] = Field(default=[], max_length=3)


class Version(BaseModel):
    version: int = Field(ge=1, description="读取时的版本号：防止覆盖别处的修改")


class Decision(BaseModel):
    stage: str = Field(pattern=r"^[a-z_]{1,40}$", description="审核阶段编号")
    decision: Literal["approve", "reject"]
    reason: str | None = Field(default=None, max_length=200)


def _applications(request: Request):
    return request.app.state.applications


@router.get("/application")
def my_application(me: CurrentCandidate, request: Request):
    """My application in the open batch: status, next step, what I may do; and whether the window is open."""
    return _applications(request).mine(me)


@router.put("/application/major")
def choose_major(body: MajorChoice, me: CurrentCandidate, request: Request):
    """Choose (or change, before submitting) the major and host university; refused with the audit's reason."""
    return _applications(request).choose(me, body.plan_id, body.host_universities)


@router.post("/application/submit")
def submit(body: Version, me: CurrentCandidate, request: Request, idempotency_key: IdempotencyKey):
    """Submit exactly once: a double click or a retry with the same Idempotency-Key gets the same answer."""
    return _applications(request).submit(me, idempotency_key, body.version)


@router.post("/application/withdraw")
def withdraw(body: Version, me: CurrentCandidate, request: Request):
    """Withdraw while nobody has decided yet; the application becomes a draft again."""
    return _applications(request).withdraw(me, body.version)


@router.post("/staff/applications/{exam_no}/decision")
def decide(exam_no: ExamNo, body: Decision, staff: CurrentStaff, request: Request):
    """Approve or reject at the named stage (the stage makes a stale second decision fail, not overwrite)."""
    return _applications(request).decide(staff, exam_no, body.stage, body.decision == "approve", body.reason)


@router.post("/staff/applications/{exam_no}/onsite")
def confirm_onsite(exam_no: ExamNo, staff: CurrentStaff, request: Request):
    """现场确认 (湖北): recorded by the office; locks the candidate's data."""
    return _applications(request).confirm_onsite(staff, exam_no)
