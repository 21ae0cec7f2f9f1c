"""Captcha, sign in, who am I, sign out."""
from __future__ import annotations

from fastapi import APIRouter, Request, Response

from functions.apply.deps import AccountsDep, CurrentIdentity, SessionsDep
from functions.common.models import Ok
from functions.common.session import COOKIE, SESSION_SECONDS

from .models import Captcha, CurrentSession, Session, SignedOutEverywhere, SignInBody
from .rules import DEVICE_SECONDS
from .service import Started

router = APIRouter(prefix="/api/apply", tags=["session"])
DEVICE_COOKIE = "biye_device"


def set_cookie(response: Response, name: str, token: str, max_age: int, path: str = "/api") -> None:
    response.set_cookie(name, token, max_age=max_age, path=path, secure=True, httponly=True, samesite="strict")


def session_cookies(response: Response, started: Started) -> dict:
    """Set the cookies of a started session (and of a newly trusted browser); the answer the page reads."""
    if started.device:
        set_cookie(response, DEVICE_COOKIE, started.device, DEVICE_SECONDS, path="/api/apply/session")
    set_cookie(response, COOKIE, started.token, SESSION_SECONDS)
    return started.answer


@router.get("/captcha", response_model=Captcha)
def new_captcha(response: Response, accounts: AccountsDep):
    """A new captcha image (single use, 5 minutes)."""
    response.headers["Cache-Control"] = "no-store"
    return accounts.new_captcha()


@router.post("/session", response_model=Session)
def sign_in(body: SignInBody, request: Request, response: Response, accounts: AccountsDep):
    """Sign in with an identifier, a password and a captcha; sets the session cookie and returns the CSRF token."""
    started = accounts.sign_in(body.kind, body.identifier, body.password, request.cookies.get(DEVICE_COOKIE),
                               body.captcha_id, body.captcha, old_session=request.cookies.get(COOKIE))
    return session_cookies(response, started)


@router.get("/session", response_model=CurrentSession)
def who_am_i(identity: CurrentIdentity, request: Request, sessions: SessionsDep):
    """The signed-in person and the CSRF token to send with changes."""
    return {"who": identity.public(), "csrf": sessions.csrf(request)}


@router.delete("/session", response_model=Ok, response_model_exclude_none=True)
def sign_out(identity: CurrentIdentity, response: Response, accounts: AccountsDep):
    """Revoke this session (the record is deleted, so a copied cookie stops working too)."""
    accounts.sign_out(identity)
    set_cookie(response, COOKIE, "", 0)
    return Ok()


@router.delete("/sessions", response_model=SignedOutEverywhere)
def sign_out_everywhere(identity: CurrentIdentity, response: Response, accounts: AccountsDep):
    """退出所有设备 (the account page): every session of the account ends, this one too, and no browser stays
    trusted; the answer says how many, and the log names who did it."""
    done = accounts.sign_out_everywhere(identity)
    set_cookie(response, COOKIE, "", 0)
    set_cookie(response, DEVICE_COOKIE, "", 0, path="/api/apply/session")
    return done
