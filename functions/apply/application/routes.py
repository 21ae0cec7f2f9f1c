"""The candidate's application: read it, choose the major, check answers, submit, withdraw, forms, messages."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path
from pydantic import BaseModel, Field

from functions.apply.deps import ApplicationsDep, ApplicationStoreDep, CurrentCandidate, DraftingDep, FormsDep, TableDep
from functions.apply.effects.notices import portal_messages

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


@router.get("/application")
def my_application(me: CurrentCandidate, applications: ApplicationsDep):
    """My application in the open batch: status, next step, what I may do; and whether the window is open."""
    return applications.mine(me)


@router.put("/application/major")
def choose_major(body: MajorChoice, me: CurrentCandidate, applications: ApplicationsDep):
    """Choose (or change, before submitting) the major and host university; refused with the audit's reason."""
    return applications.choose(me, body.plan_id, body.host_universities)


@router.get("/application/check")
def check_answers(me: CurrentCandidate, drafting: DraftingDep):
    """Everything I am about to submit, what is still missing, and the task list."""
    return drafting.check_answers(me)


@router.post("/application/submit")
def submit(body: Version, me: CurrentCandidate, applications: ApplicationsDep, idempotency_key: IdempotencyKey):
    """Submit exactly once: a double click or a retry with the same Idempotency-Key gets the same answer."""
    return applications.submit(me, idempotency_key, body.version)


@router.post("/application/withdraw")
def withdraw(body: Version, me: CurrentCandidate, applications: ApplicationsDep):
    """Withdraw while nobody has decided yet; the application becomes a draft again."""
    return applications.withdraw(me, body.version)


@router.get("/application/forms/{form_id}")
def my_form(form_id: FormId, me: CurrentCandidate, store: ApplicationStoreDep, forms: FormsDep):
    """A short-lived link (5 minutes) to my printed form, made again first if my data changed."""
    _, item = store.mine(me.exam_no)
    return forms.link(item, form_id)


@router.get("/messages")
def my_messages(me: CurrentCandidate, table: TableDep):
    """The status messages of my application, newest first."""
    return {"messages": portal_messages(table, me.exam_no)}
