"""Who is asking: the one interface every function uses to learn the signed-in person.

Sessions are server-side records (revocable) found by the hash of an HttpOnly cookie; state-changing requests
must also carry the session's CSRF token in a header (the cookie alone proves nothing: SameSite is a second line).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from .dynamo import keys
from .errors import Forbidden, NotSignedIn

COOKIE = "biye_session"
CSRF_HEADER = "x-csrf-token"
SESSION_SECONDS = 2 * 60 * 60
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Identity:
    account_id: str
    kind: str                          # "candidate" | "staff"
    display_name: str
    exam_no: str | None = None         # candidates: the record they activated
    role: str | None = None            # staff: county, city, university, province, admin
    offices: tuple[str, ...] = ()      # staff jurisdiction: office codes
    universities: tuple[str, ...] = ()  # staff jurisdiction: host universities
    session_hash: str = field(default="", repr=False)

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    def public(self) -> dict:
        return {"kind": self.kind, "name": self.display_name, "exam_no": self.exam_no, "role": self.role,
                "offices": list(self.offices), "universities": list(self.universities)}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_session_item(identity: Identity, now: int) -> tuple[str, dict]:
    """(cookie token, item to store). Only the hash of the token is stored."""
    token = secrets.token_urlsafe(32)
    digest = token_hash(token)
    item = {**keys.session(digest), **keys.account_sessions(identity.account_id), keys.GSI1SK: str(now),
            "kind": "session", "account_id": identity.account_id, "who": identity.kind,
            "display_name": identity.display_name, "exam_no": identity.exam_no, "role": identity.role,
            "offices": list(identity.offices), "universities": list(identity.universities),
            "csrf": secrets.token_urlsafe(24), "created_at": now, keys.TTL_ATTRIBUTE: now + SESSION_SECONDS}
    return token, item


def identity_from_item(item: dict) -> Identity:
    return Identity(account_id=item["account_id"], kind=item["who"], display_name=item["display_name"],
                    exam_no=item.get("exam_no"), role=item.get("role"), offices=tuple(item.get("offices") or ()),
                    universities=tuple(item.get("universities") or ()), session_hash=item["PK"].split("#", 1)[1])


class SessionReader:
    """Reads the session for a request. Each function's app provides one via `app.state.sessions`."""

    def __init__(self, table, clock):
        self.table, self.clock = table, clock

    def identity(self, request: Request) -> Identity:
        token = request.cookies.get(COOKIE)
        if not token or len(token) > 128:
            raise NotSignedIn("请先登录")
        item = self.table.get_item(Key=keys.session(token_hash(token)), ConsistentRead=True).get("Item")
        # DynamoDB deletes expired items lazily, so the expiry is checked here too.
        if item is None or int(item[keys.TTL_ATTRIBUTE]) <= self.clock():
            raise NotSignedIn("登录已过期，请重新登录")
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not hmac.compare_digest(sent.encode(), str(item["csrf"]).encode()):
                raise Forbidden("页面已过期，请刷新后重试", code_hint="CSRF")
        return identity_from_item(item)

    def csrf(self, request: Request) -> str:
        token = request.cookies.get(COOKIE, "")
        if not token:
            return ""
        item = self.table.get_item(Key=keys.session(token_hash(token)), ConsistentRead=True).get("Item")
        return item["csrf"] if item else ""


def current_identity(request: Request) -> Identity:
    return request.app.state.sessions.identity(request)


def current_candidate(identity: Annotated[Identity, Depends(current_identity)]) -> Identity:
    if identity.kind != "candidate":
        raise Forbidden("此功能仅供考生使用")
    if not identity.exam_no:
        raise Forbidden("请先完成“在籍注册”（用姓名、身份证号和准考证号激活考籍）", code_hint="NOT_ACTIVATED")
    return identity


def current_staff(identity: Annotated[Identity, Depends(current_identity)]) -> Identity:
    if not identity.is_staff:
        raise Forbidden("此功能仅供工作人员使用")
    return identity


CurrentIdentity = Annotated[Identity, Depends(current_identity)]
CurrentCandidate = Annotated[Identity, Depends(current_candidate)]
CurrentStaff = Annotated[Identity, Depends(current_staff)]
