"""Notices: staff write their office's (the provincial office the 须知, a host university its 公告); a candidate
reads the ones for them on the start page."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from functions.apply.deps import CurrentCandidate, CurrentStaff, NoticesDep
from functions.common.models import AnswerRoute

from .models import Notice, Notices, NoticeText
from .rules import SCOPES

router = APIRouter(route_class=AnswerRoute, tags=["notices"])
Scope = Annotated[str, Path(pattern="^(" + "|".join(SCOPES) + ")$", description="公告的范围")]
# A 6-digit office code, a university's name, or "-" for the province's one 须知 (a path part cannot be empty).
Key = Annotated[str, Path(min_length=1, max_length=60, description="考试机构代码、主考院校名称，省级须知为 -")]


@router.get("/api/apply/notices", response_model=Notices)
def my_notices(me: CurrentCandidate, notices: NoticesDep):
    """The 须知, my office's notice and my host universities' 公告, those that are written."""
    return {"notices": notices.for_candidate(me)}


@router.get("/api/apply/staff/notices", response_model=Notices)
def our_notices(staff: CurrentStaff, notices: NoticesDep):
    """The notices I write (those not yet written, empty)."""
    return {"notices": notices.for_staff(staff)}


@router.put("/api/apply/staff/notices/{scope}/{key}", response_model=Notice)
def write_notice(scope: Scope, key: Key, body: NoticeText, staff: CurrentStaff, notices: NoticesDep):
    """Write or change one notice; an empty text takes it down. Logged with who, before and after."""
    return notices.write(staff, scope, "" if key == "-" else key, body.text)
