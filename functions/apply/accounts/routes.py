"""Candidates' accounts: register, activate the exam record (在籍注册), my account, change and reset passwords."""
from __future__ import annotations

from fastapi import APIRouter, Response

from functions.apply.deps import AccountsDep, CurrentIdentity
from functions.common.models import Ok

from .models import (
    Activated,
    ActivationBody,
    BindingCodeSent,
    CodeCheck,
    CodeReset,
    MyAccount,
    PasswordChange,
    QuestionFinish,
    QuestionStart,
    RegisterBody,
    Registered,
    ResetQuestion,
    ResetTicket,
)
from .session_routes import session_cookies

router = APIRouter(prefix="/api/apply", tags=["accounts"])


@router.post("/accounts", status_code=201, response_model=Registered)
def register(body: RegisterBody, accounts: AccountsDep):
    """Register a candidate account with the identifiers the province uses (and 在籍注册 where it binds at once)."""
    return accounts.register(body.model_dump(exclude={"captcha_id", "captcha"}), body.captcha_id, body.captcha)


@router.post("/accounts/me/activation", response_model=Activated | BindingCodeSent)
def activate(body: ActivationBody, me: CurrentIdentity, response: Response, accounts: AccountsDep):
    """在籍注册: bind this account to the exam record whose name, ID number and 准考证 match. A record that already
    has an account first answers 202 with a code sent to the record's phone; the same request with `code` binds."""
    started = accounts.activate(me, body.name, body.id_number, body.exam_no, body.code)
    if isinstance(started, dict):
        response.status_code = 202
        return started
    return session_cookies(response, started)


@router.get("/accounts/me", response_model=MyAccount, response_model_exclude_unset=True)
def my_account(me: CurrentIdentity, accounts: AccountsDep):
    """My account: identifiers shown whole (this is my own page), the bound record and whether it is locked."""
    return accounts.my_account(me)


@router.post("/accounts/me/password", response_model=Ok, response_model_exclude_none=True)
def change_password(body: PasswordChange, me: CurrentIdentity, accounts: AccountsDep):
    """Change my password (the current one is required); every other session of mine ends."""
    accounts.change_password(me, body.password, body.new_password)
    return Ok()


@router.post("/password-reset/question", response_model=ResetTicket)
def reset_question(body: QuestionStart, accounts: AccountsDep):
    """找回密码 step 1 (provinces with security questions): a ticket, and a six-digit code by SMS to the account's
    phone; the same answer for an e-mail that has no account (no question is shown before the code)."""
    return accounts.start_reset_question(body.email, body.captcha_id, body.captcha)


@router.post("/password-reset/verify", response_model=ResetQuestion)
def reset_verify(body: CodeCheck, accounts: AccountsDep):
    """找回密码 step 2: the code from the SMS; answers the account's security question."""
    return accounts.reset_question(body.ticket, body.code)


@router.post("/password-reset/answer", response_model=Ok)
def reset_answer(body: QuestionFinish, accounts: AccountsDep):
    """找回密码 step 3: the answer and a new password; every session of the account ends, no browser stays trusted."""
    accounts.finish_reset_question(body.ticket, body.answer, body.new_password)
    return Ok(next="密码已重设，请用新密码登录")


@router.post("/password-reset/code", response_model=Ok)
def reset_by_code(body: CodeReset, accounts: AccountsDep):
    """Set a new password with a one-time code issued by staff (also a new staff member's first password)."""
    accounts.reset_by_code(body.kind, body.identifier, body.code, body.new_password, body.captcha_id, body.captcha)
    return Ok(next="密码已设置，请用新密码登录")
