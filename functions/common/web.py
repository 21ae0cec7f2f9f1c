"""The FastAPI app every function starts from: Chinese errors, body limits, no stack traces, no docs UI."""
from __future__ import annotations

import json
import logging
import re

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import STATUS_MESSAGES, AppError, error_responses

log = logging.getLogger("biye")

# A JSON body larger than this is refused before parsing; files never pass through a function (presigned POST).
MAX_JSON_BODY = 256 * 1024
MAX_JSON_DEPTH = 32

# What each kind of validation error says after the field's name; {…} are filled from the error's context, so the
# message says what is allowed ("通讯地址最多 100 个字"), not only that something is wrong.
_WHAT = {"missing": "请填写{label}", "string_type": "{label}应为文字", "int_type": "{label}应为整数",
         "int_parsing": "{label}应为整数", "bool_type": "{label}应为“是”或“否”",
         "bool_parsing": "{label}应为“是”或“否”",
         "list_type": "{label}的格式不正确", "dict_type": "{label}的格式不正确",
         "model_attributes_type": "{label}的格式不正确", "model_type": "{label}的格式不正确",
         "string_too_long": "{label}最多 {max_length} 个字", "string_too_short": "{label}至少 {min_length} 个字",
         "too_long": "{label}最多 {max_length} 项", "too_short": "{label}至少 {min_length} 项",
         "string_pattern_mismatch": "{label}的格式不正确", "literal_error": "{label}不是可以选择的一项",
         "enum": "{label}不是可以选择的一项", "json_invalid": "提交的内容不是合法的 JSON",
         "extra_forbidden": "提交了页面上没有的项目", "float_type": "{label}应为数字",
         "float_parsing": "{label}应为数字",
         "greater_than_equal": "{label}不能小于 {ge}", "less_than_equal": "{label}不能大于 {le}",
         "greater_than": "{label}应大于 {gt}", "less_than": "{label}应小于 {lt}", "value_error": "{label}不符合要求",
         "date_from_datetime_parsing": "{label}应为“年-月-日”，如 2024-06-30",
         "date_parsing": "{label}应为“年-月-日”，如 2024-06-30", "date_type": "{label}应为“年-月-日”，如 2024-06-30"}
# A field with several allowed types (text or yes/no) fails once per alternative; the one that says what is allowed
# is kept, type complaints only when nothing better is known.
_TYPE_ERRORS = {"string_type", "bool_type", "int_type", "int_parsing", "float_type", "float_parsing", "bool_parsing",
                "list_type", "dict_type", "model_attributes_type", "model_type", "none_required"}
# pydantic's tags for a union's alternatives ("constrained-str", "bool", "function-after[...]") and a dict's key.
_UNION_TAG = re.compile(r"^(?:\[key\]|str|bool|int|float|none|bytes|list|dict|date|datetime|decimal|"
                        r"[a-z]+(?:-[a-z]+)+(?:\[.*\])?|[a-z-]+\[.*\])$")

# What a page calls each field the API may name in a validation error, so the message reads "新密码过短", not
# "new_password: 过短". A function adds its own (app.state.field_labels); a field no one named is "提交的内容",
# never its path.
FIELD_LABELS = {"identifier": "账号", "password": "密码", "new_password": "新密码", "old_password": "原密码",
                "captcha": "验证码", "captcha_id": "验证码", "code": "一次性验证码", "answer": "密保答案",
                "email": "邮箱", "name": "姓名", "id_number": "身份证号", "exam_no": "准考证号", "kind": "登录方式",
                "security_question": "密保问题", "security_answer": "密保答案", "plan_id": "专业",
                "host_universities": "主考院校", "version": "版本号", "text": "填写的内容", "phone": "手机号",
                "address": "通讯地址", "postcode": "邮政编码", "entries": "简历", "school": "毕业学校",
                "certificate_no": "证书编号", "graduated_on": "毕业时间", "stage": "审核阶段", "decision": "审核结果",
                "reason": "退回原因", "filename": "文件名", "size": "文件大小", "order_id": "订单号",
                "outcome": "支付结果", "online_code": "在线验证码", "changes": "基本信息", "from": "开始年月",
                "to": "结束年月", "unit": "单位或学校", "role": "职务或身份"}
UNNAMED = "提交的内容"


def field_path(loc: tuple) -> tuple:
    """The error's location without where it came from (body, query) and without a union's alternative tags."""
    return tuple(p for p in loc if p not in ("body", "query", "path", "header", "cookie")
                 and not (isinstance(p, str) and _UNION_TAG.match(p)))


def field_label(where: str | tuple, extra: dict | None = None) -> str:
    """The Chinese name of a field path: its last named part (entries.0.unit → 简历第 1 条的单位或学校), else
    "提交的内容" (a path is never shown)."""
    labels = {**FIELD_LABELS, **(extra or {})}
    parts = [str(p) for p in (where.split(".") if isinstance(where, str) else where)]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i] in labels:
            label = labels[parts[i]]
            if i >= 2 and parts[i - 1].isdigit() and parts[i - 2] in labels:
                return f"{labels[parts[i - 2]]}第 {int(parts[i - 1]) + 1} 条的{label}"
            return label
    return UNNAMED


def validation_problems(errors: list[dict], labels: dict | None = None) -> list[dict]:
    """One problem per field, in the order of the form, each a Chinese sentence saying what is allowed."""
    grouped: dict[tuple, list[dict]] = {}
    for e in errors:
        grouped.setdefault(field_path(tuple(e.get("loc", ()))), []).append(e)
    problems = []
    for where, found in grouped.items():
        best = next((e for e in found if e.get("type") not in _TYPE_ERRORS), found[0])
        if any(p == "[key]" for p in best.get("loc", ())):
            message = "提交了页面上没有的项目"
        else:
            context = {k: v for k, v in (best.get("ctx") or {}).items() if isinstance(v, (int, float, str))}
            template = _WHAT.get(best.get("type", ""), "{label}不符合要求")
            if best.get("type") == "string_too_short" and context.get("min_length") == 1:
                template = "请填写{label}"
            try:
                message = template.format(label=field_label(where, labels) if where else "提交的内容", **context)
            except (KeyError, IndexError):
                message = f"{field_label(where, labels)}不符合要求"
        problems.append({"field": ".".join(str(p) for p in where) or "(请求)", "message": message})
    return problems[:20]


_TRANSIENT = {"ThrottlingException", "Throttling", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
              "TransactionConflictException", "InternalServerError", "ServiceUnavailable", "SlowDown",
              "RequestTimeout", "RequestTimeoutException"}


def _aws_code(err: Exception) -> str:
    return err.response.get("Error", {}).get("Code", "") if isinstance(err, ClientError) else type(err).__name__


def _transient(err: Exception) -> bool:
    """Whether an AWS error is worth trying again (as opposed to a bug: a wrong key, a missing permission)."""
    if isinstance(err, BotoCoreError):
        return isinstance(err, (EndpointConnectionError, ConnectionClosedError, ReadTimeoutError, ConnectTimeoutError))
    if _aws_code(err) in _TRANSIENT:
        return True
    if _aws_code(err) == "TransactionCanceledException":
        reasons = {r.get("Code") for r in err.response.get("CancellationReasons", [])} - {"None", None}
        return bool(reasons) and reasons <= _TRANSIENT | {"TransactionConflict"}
    return err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) >= 500


def _error(status: int, code: str, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, **extra}}, status_code=status)


def _depth(value, limit: int) -> int:
    """Nesting depth, stopping early past the limit (hostile bodies can be deep but not long)."""
    depth, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        depth = max(depth, level)
        if depth > limit:
            return depth
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return depth


def create_function_app(name: str) -> FastAPI:
    """A function's app with what every handler needs on app.state: settings, the table, a clock, sessions.
    Built once per container (at import of the handler module)."""
    import time

    from .aws import dynamodb_table
    from .session import SessionReader
    from .settings import Settings

    app = create_app(name)
    app.state.settings = Settings.from_env()
    app.state.table = dynamodb_table(app.state.settings.table)
    app.state.clock = lambda: int(time.time())
    app.state.sessions = SessionReader(app.state.table, app.state.clock)
    if app.state.settings.origin_secret_parameter:
        _only_through_cloudfront(app, app.state.settings.origin_secret_parameter)
    return app


def _only_through_cloudfront(app: FastAPI, parameter: str) -> None:
    """Refuse what did not come through CloudFront (common/origin.py); the secret is read on the first request."""
    from .aws import ssm_client
    from .origin import NOT_VIA_SITE, ORIGIN_HEADER, from_ssm
    origin = from_ssm(ssm_client(), parameter)

    @app.middleware("http")
    async def through_cloudfront(request: Request, call_next):
        if not origin.admits(request.headers.get(ORIGIN_HEADER)):
            refused = _error(403, "NOT_VIA_SITE", NOT_VIA_SITE)
            refused.headers["cache-control"] = "no-store"
            return refused
        return await call_next(request)


def create_app(name: str) -> FastAPI:
    # No slash redirects: a 307 to another path is no answer to a malformed one.
    app = FastAPI(title=f"biye-{name}", docs_url=None, redoc_url=None, openapi_url=f"/api/{name}/openapi.json",
                  redirect_slashes=False, responses=error_responses())

    @app.middleware("http")
    async def guard_body(request: Request, call_next):
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            body = await request.body()
            if len(body) > MAX_JSON_BODY:
                return _error(413, "TOO_LARGE", f"提交的内容过大（上限 {MAX_JSON_BODY // 1024} KB）")
            if body and "json" in request.headers.get("content-type", ""):
                try:
                    parsed = json.loads(body.decode("utf-8"))
                except UnicodeDecodeError:
                    return _error(400, "BAD_ENCODING", "提交的内容不是 UTF-8 编码")
                except (ValueError, RecursionError):
                    return _error(400, "BAD_JSON", "提交的内容不是合法的 JSON")
                if _depth(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
                    return _error(400, "TOO_DEEP", "提交的内容嵌套过深")
        return await call_next(request)

    @app.middleware("http")
    async def never_cached(request: Request, call_next):
        # Added last, so it runs first and last: even the body guard's refusals get the header.
        # Answers carry personal data: no browser, proxy or CDN keeps a copy (CloudFront's /api/* TTL is 0 too).
        response = await call_next(request)
        response.headers.setdefault("cache-control", "no-store")
        return response

    @app.exception_handler(AppError)
    async def app_error(_: Request, err: AppError):
        return JSONResponse(err.body(), status_code=err.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError):
        problems = validation_problems(list(err.errors()), getattr(request.app.state, "field_labels", None))
        first = problems[0] if problems else {"field": "(请求)", "message": "提交的内容不符合要求"}
        return _error(422, "INVALID", first["message"], field=first["field"], problems=problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, err: StarletteHTTPException):
        message = STATUS_MESSAGES.get(err.status_code, "请求无法处理")
        return _error(err.status_code, f"HTTP_{err.status_code}", message)

    @app.exception_handler(ClientError)
    @app.exception_handler(BotoCoreError)
    async def aws_trouble(request: Request, err: Exception):
        # Throttling, a service having a bad moment, a dropped connection: nothing was stored half-way (every
        # change is one transaction), so the honest answer is "try again", not a crash.
        if not _transient(err):
            return await crash(request, err)
        log.warning("AWS unavailable on %s %s: %s", request.method, request.url.path, _aws_code(err))
        response = _error(503, "UNAVAILABLE", "系统繁忙，本次操作未生效，请稍后重试")
        response.headers["Retry-After"] = "2"
        return response

    @app.exception_handler(Exception)
    async def crash(request: Request, err: Exception):
        # The trace goes to the log (without the body, which may hold personal data), never to the user.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, "INTERNAL", STATUS_MESSAGES[500])

    @app.get(f"/api/{name}/health", include_in_schema=False)
    def health():
        return {"ok": True}

    return app
