"""Candidates' accounts: register, activate the exam record (在籍注册), my account, change and reset passwords."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from functions.apply.deps import CurrentIdentity, GuardDep, ProfileDep, TableDep
from functions.common.dynamo import keys
from functions.common.errors import BadInput, NotSignedIn
from functions.photo.identity import store as identity_status

from . import recovery, registration
from .session_routes import CaptchaId, CaptchaText, start_session
from .signin import normalise_identifier
from .store import load_account, secret_matches, set_password

router = APIRouter(prefix="/api/apply", tags=["accounts"])
Text50 = Field(default=None, max_length=50)


class RegisterBody(BaseModel):
    password: str = Field(min_length=1, max_length=128)
    email: str | None = Field(default=None, max_length=254)
    security_question: str | None = Text50
    security_answer: str | None = Text50
    name: str | None = Text50
    id_number: str | None = Field(default=None, max_length=18)
    exam_no: str | None = Field(default=None, max_length=12)
    phone: str | None = Field(default=None, max_length=11)
    captcha_id: CaptchaId
    captcha: CaptchaText


class ActivationBody(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    id_number: str = Field(min_length=1, max_length=18)
    exam_no: str = Field(min_length=1, max_length=12)


class PasswordChange(BaseModel):
    password: str = Field(min_length=1, max_length=128, description="当前密码")
    new_password: str = Field(min_length=1, max_length=128)


class QuestionStart(BaseModel):
    email: str = Field(min_length=1, max_length=254)
    captcha_id: CaptchaId
    captcha: CaptchaText


class QuestionFinish(BaseModel):
    ticket: str = Field(min_length=1, max_length=64)
    answer: str = Field(min_length=1, max_length=50)
    new_password: str = Field(min_length=1, max_length=128)


class CodeReset(BaseModel):
    kind: Literal["id_number", "exam_no", "email", "staff"]
    identifier: str = Field(min_length=1, max_length=254)
    code: str = Field(min_length=1, max_length=16)
    new_password: str = Field(min_length=1, max_length=128)
    captcha_id: CaptchaId
    captcha: CaptchaText


@router.post("/accounts", status_code=201)
def register(body: RegisterBody, guard: GuardDep, profile: ProfileDep):
    """Register a candidate account with the identifiers the province uses (and 在籍注册 where it binds at once)."""
    guard.captcha(body.captcha_id, body.captcha)
    fields = registration.Registration(**body.model_dump(exclude={"captcha_id", "captcha"}))
    checked = registration.check_registration(profile, fields, date.fromtimestamp(guard.now))
    made = registration.register(guard, profile, checked)
    return {"activated": made["activated"],
            "next": "请登录" if made["activated"] else "请登录后完成“在籍注册”（激活考籍）"}


@router.post("/accounts/me/activation")
def activate(body: ActivationBody, me: CurrentIdentity, response: Response, guard: GuardDep, profile: ProfileDep):
    """在籍注册: bind this account to the exam record whose name, ID number and 准考证 match."""
    if me.kind != "candidate":
        raise NotSignedIn("请用考生账号登录")
    bound = registration.activate(guard, profile, me, registration.clean_name(body.name),
                                  body.id_number.strip().upper(), body.exam_no.strip())
    # The session carries the exam record: start a fresh one that knows it and end the old one.
    guard.table.delete_item(Key=keys.session(me.session_hash))
    identity = replace(me, exam_no=bound["exam_no"], display_name=bound["name"], session_hash="")
    return {**start_session(guard.table, guard.now, response, identity), "activated": bound}


@router.get("/accounts/me")
def my_account(me: CurrentIdentity, table: TableDep, profile: ProfileDep):
    """My account: identifiers shown whole (this is my own page), the bound record and whether it is locked."""
    account = load_account(table, me.account_id) or {}
    answer = {"kind": me.kind, "name": me.display_name, "logins": account.get("logins", {}), "phone": account.get("phone"),
              "exam_no": me.exam_no, "security_question": account.get("security_question"), "role": me.role,
              "offices": list(me.offices), "universities": list(me.universities), "record_locked": False}
    if me.exam_no:
        bound = table.get_item(Key=keys.record_accounts(me.exam_no)).get("Item") or {}
        answer["record_locked"] = bool(bound.get("locked"))
        if profile.data["login"]["identity_check"] == "photos":
            answer["identity"] = identity_status.current(table, me.exam_no)
    return answer


@router.post("/accounts/me/password")
def change_password(body: PasswordChange, me: CurrentIdentity, guard: GuardDep):
    """Change my password (the current one is required); every other session of mine ends."""
    guard.check_client()
    account = load_account(guard.table, me.account_id)
    if not secret_matches(account["password_hash"] if account else None, body.password):
        guard.failed()
        raise BadInput("当前密码不正确", field="password")
    set_password(guard.table, me.account_id, body.new_password, guard.now, me, "password_changed",
                 keep_session=me.session_hash)
    return {"ok": True}


@router.post("/password-reset/question")
def reset_question(body: QuestionStart, guard: GuardDep, profile: ProfileDep):
    """找回密码 step 1 (provinces with security questions): the question, and a ticket to answer it."""
    if not profile.data["login"]["security_question"]:
        raise BadInput("本省不使用安全问题找回密码，请联系自考办领取一次性验证码", field="email")
    guard.captcha(body.captcha_id, body.captcha)
    return recovery.start_question(guard, normalise_identifier(profile, "email", body.email))


@router.post("/password-reset/answer")
def reset_answer(body: QuestionFinish, guard: GuardDep):
    """找回密码 step 2: the answer and a new password; every session of the account ends."""
    guard.check_client()
    recovery.finish_question(guard, body.ticket, body.answer, body.new_password)
    return {"ok": True, "next": "密码已重设，请用新密码登录"}


@router.post("/password-reset/code")
def reset_by_code(body: CodeReset, guard: GuardDep, profile: ProfileDep):
    """Set a new password with a one-time code issued by staff (also a new staff member's first password)."""
    guard.captcha(body.captcha_id, body.captcha)
    identifier = normalise_identifier(profile, body.kind, body.identifier)
    recovery.reset_with_code(guard, body.kind, identifier, body.code, body.new_password)
    return {"ok": True, "next": "密码已设置，请用新密码登录"}
