"""Sign in, who am I, sign out."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from functions.common import keys
from functions.common.errors import NotSignedIn
from functions.common.session import COOKIE, SESSION_SECONDS, CurrentIdentity, new_session_item

from .accounts import verify_sign_in

router = APIRouter(prefix="/api/apply/session", tags=["session"])


class SignIn(BaseModel):
    kind: Literal["id_number", "exam_no", "email", "staff"] = Field(description="登录方式")
    identifier: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=128)


def _set_cookie(response: Response, token: str, max_age: int) -> None:
    response.set_cookie(COOKIE, token, max_age=max_age, path="/api", secure=True, httponly=True, samesite="strict")


@router.post("")
def sign_in(body: SignIn, request: Request, response: Response):
    """Sign in with an identifier and a password; sets the session cookie and returns the CSRF token."""
    table, now = request.app.state.table, request.app.state.clock()
    identity = verify_sign_in(table, body.kind, body.identifier.strip(), body.password)
    if identity is None:
        raise NotSignedIn("账号或密码不正确")
    token, item = new_session_item(identity, now)
    table.put_item(Item=item)
    _set_cookie(response, token, SESSION_SECONDS)
    return {"who": identity.public(), "csrf": item["csrf"], "expires_at": item[keys.TTL_ATTRIBUTE]}


@router.get("")
def who_am_i(identity: CurrentIdentity, request: Request):
    """The signed-in person and the CSRF token to send with changes."""
    return {"who": identity.public(), "csrf": request.app.state.sessions.csrf(request)}


@router.delete("")
def sign_out(identity: CurrentIdentity, request: Request, response: Response):
    """Revoke this session (the record is deleted, so a copied cookie stops working too)."""
    request.app.state.table.delete_item(Key=keys.session(identity.session_hash))
    _set_cookie(response, "", 0)
    return {"ok": True}
