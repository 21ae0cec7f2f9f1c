"""Captcha, sign in, who am I, sign out."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from functions.apply.deps import CurrentIdentity, GuardDep, ProfileDep, SessionsDep, TableDep
from functions.common.dynamo import keys
from functions.common.session import COOKIE, SESSION_SECONDS, new_session_item

from .signin import DEVICE_COOKIE, DEVICE_SECONDS, SignIn, normalise_identifier

router = APIRouter(prefix="/api/apply", tags=["session"])


# Declared last in each body, so a request missing everything is told about its own fields first.
CaptchaId = Annotated[str, Field(min_length=1, max_length=64, description="验证码编号（GET /api/apply/captcha）")]
CaptchaText = Annotated[str, Field(min_length=1, max_length=16, description="图片上的字符")]


class SignInBody(BaseModel):
    kind: Literal["id_number", "exam_no", "email", "staff"] = Field(description="登录方式")
    identifier: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=128)
    captcha_id: CaptchaId
    captcha: CaptchaText


def set_cookie(response: Response, name: str, token: str, max_age: int, path: str = "/api") -> None:
    response.set_cookie(name, token, max_age=max_age, path=path, secure=True, httponly=True, samesite="strict")


def start_session(table, now: int, response: Response, identity) -> dict:
    token, item = new_session_item(identity, now)
    table.put_item(Item=item)
    set_cookie(response, COOKIE, token, SESSION_SECONDS)
    return {"who": identity.public(), "csrf": item["csrf"], "expires_at": item[keys.TTL_ATTRIBUTE]}


@router.get("/captcha")
def new_captcha(response: Response, guard: GuardDep):
    """A new captcha image (single use, 5 minutes)."""
    response.headers["Cache-Control"] = "no-store"
    return guard.issue_captcha()


@router.post("/session")
def sign_in(body: SignInBody, request: Request, response: Response, guard: GuardDep, profile: ProfileDep):
    """Sign in with an identifier, a password and a captcha; sets the session cookie and returns the CSRF token."""
    guard.captcha(body.captcha_id, body.captcha)
    identifier = normalise_identifier(profile, body.kind, body.identifier)
    signing = SignIn(guard, profile)
    identity = signing.authenticate(body.kind, identifier, body.password, request.cookies.get(DEVICE_COOKIE))
    device = signing.trust_device(identity.account_id)
    if device:
        set_cookie(response, DEVICE_COOKIE, device, DEVICE_SECONDS, path="/api/apply/session")
    return start_session(guard.table, guard.now, response, identity)


@router.get("/session")
def who_am_i(identity: CurrentIdentity, request: Request, sessions: SessionsDep):
    """The signed-in person and the CSRF token to send with changes."""
    return {"who": identity.public(), "csrf": sessions.csrf(request)}


@router.delete("/session")
def sign_out(identity: CurrentIdentity, response: Response, table: TableDep):
    """Revoke this session (the record is deleted, so a copied cookie stops working too)."""
    table.delete_item(Key=keys.session(identity.session_hash))
    set_cookie(response, COOKIE, "", 0)
    return {"ok": True}
