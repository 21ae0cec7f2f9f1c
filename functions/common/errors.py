"""Errors every function answers with: a Chinese message naming the field, a 4xx status, never a stack trace."""
from __future__ import annotations


class AppError(Exception):
    """An answer other than success: `status` and `code` say which, the message (Chinese) and field say why."""
    status = 400
    code = "BAD_REQUEST"

    def __init_subclass__(cls, status: int | None = None, code: str | None = None, **kwargs):
        # `class NotFound(AppError, status=404, code="NOT_FOUND")`: a kind of error names its answer in its header;
        # a subclass that names neither keeps its parent's.
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status = status
        if code is not None:
            cls.code = code

    def __init__(self, message: str, field: str | None = None, **extra):
        super().__init__(message)
        self.message, self.field, self.extra = message, field, extra

    def body(self) -> dict:
        error = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        error.update(self.extra)
        return {"error": error}


class BadInput(AppError, status=422, code="INVALID"):
    """What was sent is wrong: the message names the field as the page calls it."""

    def problems(self) -> list[dict]:
        """Every problem this answer holds, [{"field", "message"}] (one, unless raised by Problems)."""
        return list(self.extra.get("problems") or [{"field": self.field, "message": self.message}])


class Problems:
    """Every problem of a form, so it is answered at once (GOV.UK's error summary) rather than the first alone:
    `checked = problems.attempt(check, value)` runs a check that raises BadInput and keeps its problems (answering
    None), `problems.add(field, message)` adds one, and `problems.answer()` raises them all as one BadInput."""

    def __init__(self) -> None:
        self.found: list[dict] = []

    def add(self, field: str, message: str) -> None:
        self.found.append({"field": field, "message": message})

    def attempt(self, check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except BadInput as err:
            self.found.extend(err.problems())
            return None

    def fields(self) -> set[str]:
        return {p["field"] for p in self.found}

    def answer(self) -> None:
        """Raise every problem found (the first as the message), or nothing when there is none."""
        if self.found:
            first = self.found[0]
            raise BadInput(first["message"], field=first["field"], problems=self.found)


class NotSignedIn(AppError, status=401, code="NOT_SIGNED_IN"):
    """No session, or one that has ended."""


class Forbidden(AppError, status=403, code="FORBIDDEN"):
    """Signed in, but this person may not do this."""


class NotFound(AppError, status=404, code="NOT_FOUND"):
    """Nothing there, or nothing this person may see (answered alike, so another's data is not revealed)."""


class Conflict(AppError, status=409, code="CONFLICT"):
    """Right in itself, but not now: the data changed meanwhile or the step does not fit the state."""


class TooLarge(AppError, status=413, code="TOO_LARGE"):
    """More than the endpoint takes."""


class TooMany(AppError, status=429, code="TOO_MANY"):
    """Too many attempts: the message says until when to wait."""


# Chinese answers for what FastAPI/Starlette raise on their own.
STATUS_MESSAGES = {
    400: "请求格式不正确",
    401: "请先登录",
    403: "无权访问",
    404: "找不到您要的内容",
    405: "不支持该请求方式",
    409: "操作与当前状态冲突，请刷新后重试",
    413: "提交的内容过大",
    415: "不支持的内容类型",
    422: "提交的内容不符合要求",
    429: "操作过于频繁，请稍后再试",
    500: "系统繁忙，请稍后再试",
    503: "系统繁忙，本次操作未生效，请稍后重试",
}


def error_responses() -> dict:
    """The error answers every route may give, for the OpenAPI schema (so a client, and the fuzzer, know them)."""
    from pydantic import BaseModel

    class Problem(BaseModel):
        field: str
        message: str

    class Error(BaseModel):
        code: str
        message: str
        field: str | None = None
        problems: list[Problem] | None = None
        model_config = {"extra": "allow"}      # e.g. why (payments), retry_at (locks), code_hint (sessions)

    class ErrorBody(BaseModel):
        error: Error

    return {status: {"model": ErrorBody, "description": message}
            for status, message in STATUS_MESSAGES.items() if status >= 400}
