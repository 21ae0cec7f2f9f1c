"""The FastAPI app every function starts from: Chinese errors, body limits, no stack traces, no docs UI."""
from __future__ import annotations

import json
import logging

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

_FIELD_NAMES = {"missing": "缺少必填项", "string_type": "应为文本", "int_type": "应为整数", "int_parsing": "应为整数",
                "bool_type": "应为是/否", "bool_parsing": "应为是/否", "list_type": "应为列表", "dict_type": "应为对象",
                "string_too_long": "过长", "string_too_short": "过短", "too_long": "项数过多", "too_short": "项数过少",
                "string_pattern_mismatch": "格式不正确", "literal_error": "不是允许的取值", "enum": "不是允许的取值",
                "json_invalid": "不是合法的 JSON", "model_attributes_type": "应为对象",
                "extra_forbidden": "不是可接受的字段", "float_type": "应为数字", "float_parsing": "应为数字",
                "greater_than_equal": "过小", "less_than_equal": "过大", "value_error": "不符合要求",
                "date_from_datetime_parsing": "应为日期 YYYY-MM-DD", "date_parsing": "应为日期 YYYY-MM-DD",
                "date_type": "应为日期 YYYY-MM-DD"}

# What a page calls each field the API may name in a validation error, so the message reads "新密码过短", not
# "new_password: 过短" (a field not listed keeps its path).
FIELD_LABELS = {"identifier": "账号", "password": "密码", "new_password": "新密码", "old_password": "原密码",
                "captcha": "验证码", "captcha_id": "验证码", "code": "一次性验证码", "answer": "密保答案",
                "email": "邮箱", "name": "姓名", "id_number": "身份证号", "exam_no": "准考证号", "kind": "登录方式",
                "security_question": "密保问题", "security_answer": "密保答案", "plan_id": "专业",
                "host_universities": "主考院校", "version": "版本号", "text": "填写的内容", "phone": "手机号",
                "address": "通讯地址", "postcode": "邮政编码", "entries": "简历", "school": "毕业学校",
                "certificate_no": "证书编号", "graduated_on": "毕业时间", "stage": "审核阶段", "decision": "审核结果",
                "reason": "退回原因", "filename": "文件名", "size": "文件大小", "order_id": "订单号",
                "outcome": "支付结果", "online_code": "在线验证码"}


def field_label(where: str) -> str:
    """The Chinese name of a field path: its last named part (entries.0.unit → 简历), else the path itself."""
    named = [p for p in where.split(".") if not p.isdigit()]
    return next((FIELD_LABELS[p] for p in reversed(named) if p in FIELD_LABELS), where)


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
    async def invalid(_: Request, err: RequestValidationError):
        problems = []
        for e in err.errors()[:10]:
            where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path"))
            what = _FIELD_NAMES.get(e.get("type"), "不符合要求")
            problems.append({"field": where or "(请求)", "message": f"{field_label(where) if where else '请求'}{what}"})
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
