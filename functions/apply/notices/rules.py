"""Notices (公告): what an office writes for its own candidates, shown on their start page.

The seeds ask for three kinds: the provincial office's 毕业申请须知, read before starting (重庆 seed 003 step 7: "考生
申请毕业须认真阅读《毕业申办须知》"); a host university's 公告 for the candidates of its plans (seed 003 step 4: "查看
主考学校公告…按照公告要求申请毕业"); and a city's notice where its office adds its own rules (安徽: 合肥市的考生请按
合肥市教育考试院的通知办理). Where the profile has 现场确认 (湖北), an office also says when and where it is held,
shown to its candidates once they have submitted (seed 001: 现场确认 at the office that keeps the record). Each is
one text, written and changed by that office's staff, kept with who and when.
Pure: who may write which, what a candidate is shown, and what a text may be.
"""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from functions.common.errors import BadInput, Forbidden

if TYPE_CHECKING:                  # pure: the session module brings the web framework
    from functions.common.session import Identity

PROVINCE, OFFICE, UNIVERSITY, ONSITE = "province", "office", "university", "onsite"
SCOPES = (PROVINCE, OFFICE, UNIVERSITY, ONSITE)
MAX_CHARS = 2000               # a page of 须知 (重庆's is ~1,400 characters)
TEXT_FIELD = "text"
NOT_YOURS = "只能编写本单位的公告"


def title(scope: str, key: str, profile_data: dict) -> str:
    """What the notice is called where it is shown and edited."""
    if scope == PROVINCE:
        return f"{profile_data['authority']}：毕业申请须知"
    if scope in (OFFICE, ONSITE):
        names = {o["code"]: o["name"] for o in profile_data["offices"]}
        return f"{names.get(key, key)}：" + ("公告" if scope == OFFICE else "现场确认的时间和地点")
    return f"{key}：公告"


def writable(staff: Identity, profile_data: dict) -> list[tuple[str, str]]:
    """(scope, key) of each notice this member of staff writes: the provincial office the 须知, an office of a city
    or county its own (and its 现场确认 arrangements where the profile has 现场确认), a host university its own; the
    administrator manages accounts and writes none."""
    if staff.role == PROVINCE:
        return [(PROVINCE, "")]
    if staff.role in ("city", "county"):
        onsite = profile_data["application"]["onsite_confirmation"]
        return [(scope, code) for code in staff.offices for scope in ((OFFICE, ONSITE) if onsite else (OFFICE,))]
    if staff.role == UNIVERSITY:
        return [(UNIVERSITY, name) for name in staff.universities]
    return []


def may_write(staff: Identity, profile_data: dict, scope: str, key: str) -> None:
    if (scope, key) not in writable(staff, profile_data):
        raise Forbidden(NOT_YOURS)


def for_candidate(office: str, host_universities: list[str], submitted: bool) -> list[tuple[str, str]]:
    """What a candidate is shown, in reading order: the 须知 first, then their office's, then their universities';
    once submitted, where and when their office holds 现场确认."""
    return [(PROVINCE, ""), (OFFICE, office), *((UNIVERSITY, h) for h in host_universities),
            *([(ONSITE, office)] if submitted else [])]


def checked_text(text: str) -> str:
    """The text as kept: trimmed; empty takes the notice down. Control characters (but line breaks and tabs) and
    broken characters have no place in a notice every candidate of an office reads."""
    text = text.strip()
    problems = []
    if len(text) > MAX_CHARS:
        problems.append(f"公告内容最多 {MAX_CHARS} 字，现有 {len(text)} 字")
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\n\r\t" for c in text):
        problems.append("公告内容含有无法显示的字符，请删去后再保存")
    if problems:
        raise BadInput("；".join(problems), field=TEXT_FIELD)
    return text
