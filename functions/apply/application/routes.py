"""The candidate's application: read it, choose the major, submit, withdraw, forms, messages."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header

from functions.apply.deps import ApplicationsDep, CurrentCandidate, FormsDep, PairedDep, SubmissionsDep

from .models import (
    ApplicationView,
    FormId,
    FormLink,
    MajorChoice,
    Messages,
    MyApplication,
    PairedChoice,
    Submitted,
    Version,
)
from .paired import MISSING, PAIR

router = APIRouter(prefix="/api/apply", tags=["applications"])
IdempotencyKey = Annotated[str, Header(alias="Idempotency-Key", pattern=r"^[A-Za-z0-9_-]{16,64}$",
                                       description="每次提交页面生成一个；重试时保持不变")]


@router.get("/application", response_model=MyApplication)
def my_application(me: CurrentCandidate, submissions: SubmissionsDep, paired: PairedDep):
    """My application in the open batch: status, next step, what I may do; and whether the window is open; where
    the province lets a 本科 be applied for beside a 专科 (安徽), that one too."""
    answer = submissions.overview(me)
    return {**answer, **paired.overview(me.exam_no, submissions.applications.batch())}


@router.put("/application/major", response_model=ApplicationView)
def choose_major(body: MajorChoice, me: CurrentCandidate, submissions: SubmissionsDep):
    """Choose (or change, before submitting) the major, host universities and, where the province lets candidates
    choose it, the office that handles the application (and the 通讯地址 typed beside it); refused with the audit's
    reason."""
    return submissions.choose(me, body.plan_id, body.host_universities, body.office, body.address, body.direction)


@router.post("/application/submit", response_model=Submitted)
def submit(body: Version, me: CurrentCandidate, submissions: SubmissionsDep, idempotency_key: IdempotencyKey):
    """Submit exactly once: a double click or a retry with the same Idempotency-Key gets the same answer."""
    return submissions.submit(me, idempotency_key, body.version)


@router.post("/application/withdraw", response_model=ApplicationView)
def withdraw(body: Version, me: CurrentCandidate, submissions: SubmissionsDep):
    """Withdraw while nobody has decided yet; the application becomes a draft again."""
    return submissions.withdraw(me, body.version)


@router.put("/application/paired", response_model=ApplicationView)
def choose_paired(body: PairedChoice, me: CurrentCandidate, paired: PairedDep):
    """本、专科专业一并申请 (安徽): choose (or change, before submitting) the 本科 applied for beside the 专科, once the
    专科 is submitted; refused where the province does not pair, the application is no 专科 or the plan no 本科."""
    return paired.choose(me, body.plan_id, body.host_universities, body.direction)


@router.post("/application/paired/submit", response_model=Submitted)
def submit_paired(body: Version, me: CurrentCandidate, paired: PairedDep, idempotency_key: IdempotencyKey):
    """Submit the 本科 exactly once (as /application/submit), refused while the 专科 is not submitted."""
    return paired.submit(me, idempotency_key, body.version)


@router.post("/application/paired/withdraw", response_model=ApplicationView)
def withdraw_paired(body: Version, me: CurrentCandidate, paired: PairedDep):
    """Withdraw the 本科 while nobody has decided yet; it becomes a draft again."""
    return paired.withdraw(me, body.version)


@router.get("/application/forms/{form_id}", response_model=FormLink)
def my_form(form_id: FormId, me: CurrentCandidate, forms: FormsDep):
    """A short-lived link (5 minutes) to my printed form, made again first if my data changed."""
    return forms.mine(me, form_id)


@router.get("/application/paired/forms/{form_id}", response_model=FormLink)
def my_paired_form(form_id: FormId, me: CurrentCandidate, forms: FormsDep):
    """A short-lived link (5 minutes) to the printed form of the 本科 applied for beside the 专科 (安徽)."""
    return forms.paired(me, form_id, PAIR, MISSING)


@router.post("/application/forms/{form_id}/export", response_model=FormLink)
def export_my_form(form_id: FormId, me: CurrentCandidate, forms: FormsDep):
    """Export my form from my data now, as often as I like; refused once the office recorded it handed in."""
    return forms.export(me, form_id)


@router.get("/messages", response_model=Messages)
def my_messages(me: CurrentCandidate, applications: ApplicationsDep):
    """The status messages of my application, newest first."""
    return {"messages": applications.messages(me.exam_no)}
