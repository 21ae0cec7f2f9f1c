"""The candidate's application: read it, choose the major, check answers, submit, withdraw, forms, messages."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Request
from pydantic import BaseModel, Field

from functions.apply.effects.notices import portal_messages
from functions.apply.sections.service import Drafting
from functions.common.session import CurrentCandidate

router = APIRouter(prefix="/api/apply", tags=["applications"])
ExamNo = Annotated[str, Path(pattern=r"^\d{12}$", description="准考证号")]
FormId = Annotated[str, Path(pattern=r"^[a-z_]{1,40}$", description="表格编号，如 application_form")]
IdempotencyKey = Annotated[str, Header(alias="Idempotency-Key", pattern=r"^[A-Za-z0-9_-]{16,64}$",
                                       description="每次提交页面生成一个；重试时保持不变")]


class MajorChoice(BaseModel):
    plan_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="专业考试计划编号")
    host_universities: list[Annotated[str, Field(min_length=2, max_length=50)]] = Field(default=[], max_length=3)


class Version(BaseModel):
    version: int = Field(ge=1, le=10**9, strict=True, description="读取时的版本号：防止覆盖别处的修改")


def services(request: Request):
    return request.app.state.services


@router.get("/application")
def my_application(me: CurrentCandidate, request: Request):
    """My application in the open batch: status, next step, what I may do; and whether the window is open."""
    return services(request).applications.mine(me)


@router.put("/application/major")
def choose_major(body: MajorChoice, me: CurrentCandidate, request: Request):
    """Choose (or change, before submitting) the major and host university; refused with the audit's reason."""
    return services(request).applications.choose(me, body.plan_id, body.host_universities)


@router.get("/application/check")
def check_answers(me: CurrentCandidate, request: Request):
    """Everything I am about to submit, what is still missing, and the task list."""
    return Drafting(services(request).store).check_answers(me)


@router.post("/application/submit")
def submit(body: Version, me: CurrentCandidate, request: Request, idempotency_key: IdempotencyKey):
    """Submit exactly once: a double click or a retry with the same Idempotency-Key gets the same answer."""
    return services(request).applications.submit(me, idempotency_key, body.version)


@router.post("/application/withdraw")
def withdraw(body: Version, me: CurrentCandidate, request: Request):
    """Withdraw while nobody has decided yet; the application becomes a draft again."""
    return services(request).applications.withdraw(me, body.version)


@router.get("/application/forms/{form_id}")
def my_form(form_id: FormId, me: CurrentCandidate, request: Request):
    """A short-lived link (5 minutes) to my printed form, made again first if my data changed."""
    found = services(request)
    _, item = found.store.mine(me.exam_no)
    return found.forms.link(item, form_id)


@router.get("/messages")
def my_messages(me: CurrentCandidate, request: Request):
    """The status messages of my application, newest first."""
    return {"messages": portal_messages(services(request).store.table, me.exam_no)}
