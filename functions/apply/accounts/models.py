"""What the account routes take and answer (their OpenAPI schema): request bodies, and the answers as
functions.common.models.Answer, so a field the code returns but a model does not declare fails the tests."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from functions.common.jurisdiction import Role
from functions.common.models import Answer
from functions.profiles.vocabulary import LoginKind

from .rules import AccountKind, AccountStatus

# Declared last in each body, so a request missing everything is told about its own fields first.
CaptchaId = Annotated[str, Field(min_length=1, max_length=64, description="验证码编号（GET /api/apply/captcha）")]
CaptchaText = Annotated[str, Field(min_length=1, max_length=16, description="图片上的字符")]
Password = Annotated[str, Field(min_length=1, max_length=128, description="密码")]
NewPassword = Annotated[str, Field(min_length=1, max_length=128, description="新密码")]
Expires = Annotated[int, Field(description="失效时间（Unix 秒）")]


# -- bodies ----------------------------------------------------------------------------------------------------------
class SignInBody(BaseModel):
    kind: LoginKind = Field(description="登录方式")
    identifier: str = Field(min_length=1, max_length=254)
    password: Password
    captcha_id: CaptchaId
    captcha: CaptchaText


# Registration and 在籍注册 take their text as typed, uncapped here: their rules (rules.py check_registration,
# check_activation) judge every field and answer every problem at once, and a length cap here would answer alone
# before them (a long name hiding a wrong ID number). The body's size is capped for every route (common/web.py).
class RegisterBody(BaseModel):
    password: str = Field(default="", description="密码")
    email: str | None = None
    security_question: str | None = None
    security_answer: str | None = None
    name: str | None = None
    id_number: str | None = None
    exam_no: str | None = None
    phone: str | None = None
    agreement: bool = Field(default=False, description="使用协议：已阅读并同意（agreement.html）")
    captcha_id: str = Field(default="", description="验证码编号（GET /api/apply/captcha）")
    captcha: str = Field(default="", description="图片上的字符")


class ActivationBody(BaseModel):
    name: str = ""
    id_number: str = ""
    exam_no: str = ""
    code: str | None = Field(default=None, min_length=1, max_length=10, description="短信验证码")


class PasswordChange(BaseModel):
    password: str = Field(min_length=1, max_length=128, description="当前密码")
    new_password: NewPassword


class QuestionStart(BaseModel):
    email: str = Field(min_length=1, max_length=254)
    captcha_id: CaptchaId
    captcha: CaptchaText


class CodeCheck(BaseModel):
    ticket: str = Field(min_length=1, max_length=64)
    code: str = Field(min_length=1, max_length=16, description="短信验证码")


class QuestionFinish(BaseModel):
    ticket: str = Field(min_length=1, max_length=64)
    answer: str = Field(min_length=1, max_length=50)
    new_password: NewPassword


class CodeReset(BaseModel):
    kind: LoginKind
    identifier: str = Field(min_length=1, max_length=254)
    code: str = Field(min_length=1, max_length=16)
    new_password: NewPassword
    captcha_id: CaptchaId
    captcha: CaptchaText


class NewStaff(BaseModel):
    login: str = Field(pattern=r"^[A-Za-z0-9._-]{3,40}$", description="登录名：字母、数字、._-，3–40 位")
    name: str = Field(min_length=1, max_length=30)
    role: Role
    offices: list[Annotated[str, Field(pattern=r"^\d{6}$")]] = Field(default=[], max_length=50)
    universities: list[Annotated[str, Field(min_length=2, max_length=50)]] = Field(default=[], max_length=20)


class Reason(BaseModel):
    reason: str = Field(min_length=2, max_length=200, description="原因（记入日志）")


# -- answers ---------------------------------------------------------------------------------------------------------
class Who(Answer):
    """The signed-in person, as every page shows them."""
    kind: AccountKind
    name: str = Field(description="姓名")
    exam_no: str | None = Field(description="准考证号（尚未在籍注册时为空）")
    role: Role | None = Field(description="工作人员的角色")
    offices: list[str] = Field(description="管辖的考办代码")
    universities: list[str] = Field(description="管辖的主考院校")


class Captcha(Answer):
    captcha_id: str
    image: str = Field(description="验证码图片（data:image/png;base64 URL）")
    expires_at: Expires


class Session(Answer):
    """A new session (its cookie is set with the answer)."""
    who: Who
    csrf: str = Field(description="修改数据时放在 X-CSRF-Token 请求头中")
    expires_at: Expires


class CurrentSession(Answer):
    who: Who
    csrf: str


class BoundRecord(Answer):
    exam_no: str = Field(description="准考证号")
    name: str = Field(description="考籍档案中的姓名")


class Activated(Session):
    activated: BoundRecord


class BindingCodeSent(Answer):
    """The record already has an account: a code went to the phone on the record."""
    code_sent: Literal[True]
    phone_tail: str = Field(description="接收验证码的手机尾号")
    expires_in: int = Field(description="验证码有效秒数")


class Registered(Answer):
    activated: bool = Field(description="注册时已核对考籍（在籍注册）")
    next: str = Field(description="下一步")


class MyAccount(Answer):
    kind: AccountKind
    name: str = Field(description="姓名")
    logins: dict[LoginKind, str] = Field(description="登录账号")
    phone: str | None = Field(description="手机号")
    exam_no: str | None = Field(description="准考证号")
    security_question: str | None = Field(description="安全问题")
    role: Role | None
    offices: list[str]
    universities: list[str]
    record_locked: bool = Field(description="考籍因注册账号过多被锁定")
    # functions/photo/identity's status of the identity check, in provinces that check identity by photos.
    identity: dict[str, Any] | None = Field(default=None, description="身份认证")


class ResetTicket(Answer):
    """The same whether or not the e-mail is an account's: the code went to the account's phone, if there is one."""
    ticket: str
    next: str = Field(description="下一步")
    expires_at: Expires


class ResetQuestion(Answer):
    """Only after the code sent to the account's phone: the security question."""
    question: str = Field(description="安全问题")


class SignedOutEverywhere(Answer):
    sessions: int = Field(description="结束的登录数（含本机）")
    trusted_devices: int = Field(description="不再受信任的浏览器数")


class ResetCode(Answer):
    code: str = Field(description="一次性验证码")
    expires_at: Expires


class ResetCodeSent(Answer):
    """A candidate's code went by SMS to the candidate's phone: staff see only where it went."""
    sent: Literal[True]
    phone_tail: str = Field(description="接收验证码的手机尾号")
    expires_at: Expires


class PendingApproval(Answer):
    """Asked for: a second admin approves it on the page of acts waiting for approval."""
    pending: Literal[True]
    request_id: str
    action: str = Field(description="操作")
    next: str = Field(description="下一步")


class PendingRequest(Answer):
    request_id: str
    action: str = Field(description="操作")
    params: dict[str, Any] = Field(description="内容")
    what: str = Field(description="内容（文字，页面显示这一项）")
    requested_by: str = Field(description="提交人")
    requested_at: str = Field(description="提交时间")


class PendingRequests(Answer):
    requests: list[PendingRequest]


class Approved(ResetCode):
    """The approved act, done: the code to hand over in person to the staff member it is for."""
    account_id: str
    login: str | None = Field(default=None, description="登录名")


class NewStaffAccount(ResetCode):
    account_id: str
    login: str = Field(description="登录名")


class StaffAccount(Answer):
    account_id: str
    login: str = Field(description="登录名")
    name: str = Field(description="姓名")
    role: Role | None = Field(description="角色")
    offices: list[str] = Field(description="管辖的考办")
    universities: list[str] = Field(description="管辖的主考院校")
    status: AccountStatus = Field(description="状态")


class StaffAccounts(Answer):
    accounts: list[StaffAccount]


class BoundAccount(Answer):
    account_id: str
    created_at: int | None = Field(description="注册时间（Unix 秒）")
    status: AccountStatus
    logins: dict[LoginKind, str] = Field(description="登录账号（部分隐藏）")


class RecordAccounts(Answer):
    exam_no: str = Field(description="准考证号")
    locked: bool = Field(description="考籍已锁定")
    accounts: list[BoundAccount]
