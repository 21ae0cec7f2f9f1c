"""The judgements of accounts, pure: what a password, a registration, an identifier or a staff member's
jurisdiction must be, how answers and identifiers compare and are masked, and the limits of the abuse guards.

No table, clock or request here: callers pass the time, the profile and what they read.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from functions.common.errors import BadInput, Forbidden, Problems
from functions.common.ids import (
    email_problem,
    exam_no_problem,
    id_number_problem,
    mask_id_number,
    phone_problem,
)
from functions.common.jurisdiction import ALL_OF_PROVINCE, OFFICE_ROLES, Role
from functions.profiles.vocabulary import LOGIN_NAMES, LoginKind

from .common_passwords import is_common


class Profile(Protocol):
    """What these rules read of a province's profile (functions/profiles/loader.py's Profile)."""
    @property
    def data(self) -> dict[str, Any]: ...

    def office(self, code: str) -> dict | None: ...


class AccountKind(StrEnum):
    CANDIDATE = "candidate"
    STAFF = "staff"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"     # a staff account the admin stopped


# Identifiers that are an exam record's: a province that signs in by them binds the record at registration.
RECORD_KINDS = (LoginKind.ID_NUMBER, LoginKind.EXAM_NO)
MISMATCH = "姓名、身份证号、准考证号与考籍档案不一致，请核对（须与报名时登记的一致）"
# Office staff help the candidates in their jurisdiction; the province and the admin help anyone's.
CANDIDATE_HELPERS = OFFICE_ROLES + ALL_OF_PROVINCE


# -- the abuse guards: limits per client address (a school's NAT is shared, so only failures count) and per subject
@dataclass(frozen=True)
class Rule:
    scope: str
    limit: int          # failures allowed within the window
    window: int         # seconds
    message: str        # Chinese; "{until}" becomes the Beijing time the wait ends


CLIENT = Rule("client", 30, 15 * 60, "来自您网络的错误尝试过多，请于 {until}（北京时间）后再试")
CAPTCHAS = Rule("captcha", 300, 15 * 60, "验证码请求过于频繁，请于 {until}（北京时间）后再试")
SIGN_IN = Rule("signin", 5, 15 * 60, "密码连续错误 5 次，该账号暂停登录至 {until}（北京时间）。"
                                     "在本机登录过的浏览器不受影响；也可以用“找回密码”重设密码。")
DEVICE = Rule("device", 5, 15 * 60, "密码连续错误次数过多，请于 {until}（北京时间）后再试")
ACTIVATE = Rule("activate", 5, 60 * 60, "核对失败次数过多，请于 {until}（北京时间）后再试，或到档案所在地自考办办理")
RESET = Rule("reset", 5, 60 * 60, "找回密码失败次数过多，请于 {until}（北京时间）后再试，或请自考办发放一次性验证码")

# A security-question ticket lives an hour (the SMS says "1小时内有效"), takes 5 tries of its six-digit code and
# then 3 answers; a staff code is single use, lives 24 hours and is burned after 5 wrong tries.
TICKET_SECONDS = 60 * 60
TICKET_ANSWERS = 3
RESET_CODE_DIGITS = 6
RESET_CODE_TRIES = 5
RESET_CODE_NEUTRAL = (f"如果该邮箱注册了账号并留有手机号（或已绑定考籍），验证码已用短信发送到该手机，"
                      f"{TICKET_SECONDS // 3600} 小时内有效。"
                      "收不到的，请携带身份证到档案所在地自考办领取一次性验证码。")
RESET_EXPIRED = "找回密码的页面已过期，请重新开始"
CODE_SECONDS = 24 * 60 * 60
CODE_TRIES = 5
CODE_ALPHABET = "346789ACDEFGHJKMNPQRTUVWXY"   # no look-alikes: read out over the phone
CODE_LENGTH = 10                               # 26^10 ≈ 2^47, and only 5 tries
DEVICE_SECONDS = 180 * 24 * 60 * 60            # a browser stays trusted for half a year


def wrong_password(kind: str, left: int) -> str:
    """Never which part was wrong; a warning once few tries are left before the lock."""
    hint = f"（再错 {left} 次将暂停登录 15 分钟）" if left and left <= 3 else ""
    return f"{LOGIN_NAMES[LoginKind(kind)]}或密码不正确{hint}"


# -- passwords and secrets -------------------------------------------------------------------------------------------
COMMON_PASSWORD = "密码过于常见（在常用密码或泄露密码清单中），很容易被猜中，请换一个"
PERSONAL_PASSWORD = "密码不能包含您的身份证号或准考证号（也不能包含其中连续 6 位，如身份证号后 6 位、出生日期）"
# Why six: the last six digits of the ID card are the habitual Chinese password, and any six in a row of the ID
# number hold most of the birth date; shorter runs would refuse ordinary years such as 2026. Both numbers are
# printed on the 准考证 that a classmate, a school or a copy shop has seen.
PERSONAL_RUN = 6


def _personal_runs(identifiers: tuple[str | None, ...]) -> set[str]:
    runs = set()
    for value in identifiers:
        value = (value or "").strip().casefold()
        runs |= {value[i:i + PERSONAL_RUN] for i in range(len(value) - PERSONAL_RUN + 1)}
    return runs


def password_problem(password: str, personal: tuple[str | None, ...] = ()) -> str | None:
    """What is wrong with a password, or None. `personal`: the account's ID number and 准考证号 (where known).
    The one password rule: registration, reset, change and staff passwords all come here (via require_password)."""
    if not isinstance(password, str) or len(password) < 8:
        return "密码至少 8 位"
    if len(password) > 128:
        return "密码不能超过 128 位"
    kinds = sum(any(test(c) for c in password) for test in (str.isdigit, str.islower, str.isupper))
    kinds += any(not c.isalnum() for c in password)
    if kinds < 2:
        return "密码须包含字母、数字、符号中的至少两类"
    if len(set(password)) < 4:
        return "密码过于简单，请不要重复同一个字符"
    if is_common(password):
        return COMMON_PASSWORD
    lowered = password.casefold()
    if any(run in lowered for run in _personal_runs(personal)):
        return PERSONAL_PASSWORD
    return None


def require_password(password: str, field: str, personal: tuple[str | None, ...] = ()) -> None:
    """A 422 naming `field` (as the page calls it) when the password is too weak."""
    problem = password_problem(password, personal)
    if problem:
        raise BadInput(problem, field=field)


def normalise_answer(answer: str) -> str:
    """Security answers compare without regard to width, case or spaces (“北京 ” = “北京”, “Ａ” = “a”)."""
    return "".join(unicodedata.normalize("NFKC", answer).casefold().split())


def code_digest(code: str) -> str:
    """A staff code as stored: typed with any case, spaces or the dash it was shown with."""
    return hashlib.sha256(code.strip().upper().replace("-", "").replace(" ", "").encode()).hexdigest()


def shown_code(code: str) -> str:
    """A ten-letter code as handed over: two groups of five."""
    return f"{code[:5]}-{code[5:]}"


def subject(*parts: str) -> str:
    """Whom a throttle counts (a hash: the table never holds an address or an identifier in a throttle key)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]


# -- identifiers -----------------------------------------------------------------------------------------------------
def clean_name(name: str | None) -> str:
    return unicodedata.normalize("NFKC", name or "").strip()


def normalise_identifier(profile: Profile, kind: str, identifier: str, today: date | None = None) -> str:
    """The identifier as stored, or a 422 saying what is wrong (the kind must be one the province uses)."""
    identifiers = profile.data["login"]["identifiers"]
    if kind != LoginKind.STAFF and kind not in identifiers:
        allowed = "、".join(LOGIN_NAMES[k] for k in identifiers)
        raise BadInput(f"本省考生请用{allowed}登录", field="kind")
    value = identifier.strip()
    problem = None
    if kind == LoginKind.ID_NUMBER:
        value = value.upper()
        problem = id_number_problem(value, today)
    elif kind == LoginKind.EXAM_NO:
        problem = exam_no_problem(value)
    else:
        value = value.lower()
        problem = email_problem(value) if kind == LoginKind.EMAIL else None
    if problem:
        raise BadInput(problem, field="identifier")
    return value


def mask_identifier(kind: str, value: str) -> str:
    """For logs and lists: 420***********1234, 3601****0012, z***@qq.com; staff logins are not personal."""
    if kind == LoginKind.ID_NUMBER:
        return mask_id_number(value)
    if kind == LoginKind.EXAM_NO:
        return value[:4] + "****" + value[-2:] if len(value) >= 8 else "***"
    if kind == LoginKind.EMAIL:
        name, _, domain = value.partition("@")
        return (name[:1] + "***@" + domain) if domain else "***"
    return value


# -- registration ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Registration:
    password: str
    email: str | None = None
    security_question: str | None = None
    security_answer: str | None = None
    name: str | None = None
    id_number: str | None = None
    exam_no: str | None = None
    phone: str | None = None
    agreement: bool = False             # the 使用协议 (agreement.html) read and agreed to


NAME_MAX = 30                           # 字 of a name (the pages' maxlength)


def name_problem(name: str | None) -> str | None:
    cleaned = clean_name(name)
    if not cleaned:
        return "请填写姓名（与准考证上一致）"
    return f"姓名最多 {NAME_MAX} 个字" if len(cleaned) > NAME_MAX else None


def binds_at_registration(profile: Profile) -> bool:
    return any(kind in RECORD_KINDS for kind in profile.data["login"]["identifiers"])


def check_registration(profile: Profile, r: Registration, today: date) -> Registration:
    """The registration with identifiers normalised, or a 422 naming every field that is wrong."""
    login = profile.data["login"]
    problems: list[tuple[str, str | None]] = []
    if LoginKind.EMAIL in login["identifiers"]:
        problems.append(("email", email_problem((r.email or "").strip())))
    if login["security_question"]:
        if not (2 <= len((r.security_question or "").strip()) <= 50):
            problems.append(("security_question", "请填写安全问题（2–50 个字）"))
        if not (2 <= len((r.security_answer or "").strip()) <= 50):
            problems.append(("security_answer", "请填写安全问题答案（2–50 个字）"))
    if binds_at_registration(profile):
        problems += [("name", name_problem(r.name)),
                     ("id_number", id_number_problem((r.id_number or "").strip().upper(), today)),
                     ("exam_no", exam_no_problem((r.exam_no or "").strip()))]
    if r.phone:
        problems.append(("phone", phone_problem(r.phone.strip())))
    problems.append(("password", password_problem(r.password, (r.id_number, r.exam_no))))
    problems.append(("agreement", None if r.agreement is True else "请阅读并同意使用协议"))
    found = Problems()
    for field, problem in problems:
        if problem:
            found.add(field, problem)
    found.answer()
    return Registration(password=r.password, email=(r.email or "").strip().lower() or None,
                        security_question=(r.security_question or "").strip() or None,
                        security_answer=r.security_answer, name=clean_name(r.name) or None,
                        id_number=(r.id_number or "").strip().upper() or None,
                        exam_no=(r.exam_no or "").strip() or None, phone=(r.phone or "").strip() or None,
                        agreement=True)


def check_activation(name: str, id_number: str, exam_no: str) -> None:
    """在籍注册's name and identifiers, every problem at once, before any record is read (the birth date is not
    judged: the record decides)."""
    found = Problems()
    for field, problem in (("name", name_problem(name)), ("id_number", id_number_problem(id_number, None)),
                           ("exam_no", exam_no_problem(exam_no))):
        if problem:
            found.add(field, problem)
    found.answer()


def record_matches(record: dict | None, name: str, id_number: str) -> bool:
    """Whether the exam record is the one these typed name and ID number describe."""
    return record is not None and clean_name(record["name"]) == name and str(record["id_number"]).upper() == id_number


def too_many_accounts(limit: int) -> str:
    # Refused without locking: a stranger who knows the 准考证 must not lock the owner out (the lock is an office
    # action on a record staff judge abused).
    return (f"同一准考证最多绑定 {limit} 个账号，该考籍已绑定 {limit} 个，不能再绑定。如需解除旧账号的绑定，"
            "请携带身份证到档案所在地自考办办理。")


RECORD_LOCKED = "该考籍已被考试机构锁定，暂不能绑定新账号：请携带身份证到档案所在地自考办办理"

# A record that already has an account binds one more only with a code sent to the phone on the record: knowing
# the name, ID number and 准考证号 (all printed on the 准考证) is not enough.
BINDING_CODE_SECONDS = 10 * 60
BINDING_CODE_TRIES = 5
BINDING_CODE_DIGITS = 6
BINDING_CODE_WRONG = "验证码不正确或已过期，请重新获取"


def phone_tail(phone: str) -> str:
    """The last four digits, all a page shows of the phone a code went to."""
    return phone[-4:]


def tries_left(message: str, left: int) -> str:
    """The message, and how many tries remain once only a few do."""
    return message + (f"（还可尝试 {left} 次）" if left <= 3 else "")


# -- staff -----------------------------------------------------------------------------------------------------------
def staff_problem(profile: Profile, role: str, offices: tuple[str, ...], universities: tuple[str, ...]) -> str | None:
    """What is wrong with a staff member's jurisdiction (shared by `biye staff add` and the admin page)."""
    if role in OFFICE_ROLES:
        if not offices:
            return "县(市、区)或市(州)自考办的工作人员须指定管辖的考办"
        unknown = [o for o in offices if profile.office(o) is None]
        if unknown:
            return f"本省没有这些考办代码：{'、'.join(unknown)}"
    elif offices:
        return "只有县、市自考办的工作人员需要指定考办"
    if role == Role.UNIVERSITY and not universities:
        return "主考院校的工作人员须指定院校"
    if role != Role.UNIVERSITY and universities:
        return "只有主考院校的工作人员需要指定院校"
    return None


def require_admin(role: str | None) -> None:
    if role != Role.ADMIN:
        raise Forbidden("只有省级管理员可以管理工作人员账号")


def require_candidate_helper(role: str | None) -> None:
    if role not in CANDIDATE_HELPERS:
        raise Forbidden("只有自考办的工作人员可以处理考生账号")
