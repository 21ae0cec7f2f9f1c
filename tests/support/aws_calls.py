"""Every AWS API call a function makes during the tests, named as IAM names it, for iam_policies to check.

A botocore `before-parameter-build` hook (it sees the call's own parameters) on boto3's default session (every
client the code makes comes from it) records the call with the function whose handler is running
(infra/local/router.CURRENT_FUNCTION, set per invocation as a Lambda runs under its own role); calls the tests make
themselves (seeding, reading back) name no function and are not recorded. Physical names are turned back into the
template's logical ids through the environment the template gives the functions (BIYE_TABLE is MainTable's name,
...). Each worker writes its calls at the end of the session; the controlling process checks them all
(tests/conftest.py) and fails the run on a call no policy allows.
"""
from __future__ import annotations

import contextvars
import functools
import json
import os
from pathlib import Path

import boto3
import botocore.signers

from infra.local import template as tpl
from infra.local.router import CURRENT_FUNCTION

from .iam_policies import ACCOUNT, REGION, Call, denied

CALLS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "aws-calls"
RECORDED: set[Call] = set()
# A presigned POST is signed through CreateBucket's model (botocore/signers.py); what the browser then does with it
# is a PutObject of this key under the function's role.
_PRESIGNED_KEY: contextvars.ContextVar[str | None] = contextvars.ContextVar("presigned_key", default=None)
# API operations whose IAM action has another name, or that IAM checks as their parts.
S3_ACTIONS = {"HeadObject": "GetObject", "ListObjectsV2": "ListBucket", "ListObjects": "ListBucket",
              "DeleteObjects": "DeleteObject", "HeadBucket": "ListBucket"}
TRANSACT_PARTS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                  "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}


@functools.cache
def _referenced() -> dict[str, str]:
    """{environment variable: logical id} for every resource the functions' environment names by Ref. Parsed once:
    this runs on every AWS call of the run, and parsing the template each time was most of the suite's time."""
    variables = tpl.read_sam()["Globals"]["Function"]["Environment"]["Variables"]
    return {k: v["Ref"] for k, v in variables.items() if isinstance(v, dict) and "Ref" in v}


def _logical_names() -> dict[str, str]:
    """{physical name: logical id}, the physical names as the running stack exported them."""
    return {os.environ[k]: logical for k, logical in _referenced().items() if os.environ.get(k)}


def table_arn(name: str, index: str | None = None) -> str:
    logical = _logical_names().get(name, name)
    return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{logical}" + (f"/index/{index}" if index else "")


def iam_calls(service: str, operation: str, params: dict) -> list[tuple[str, str]]:
    """[(action, resource ARN)] that IAM checks for one API call."""
    if service == "dynamodb":
        if operation in ("TransactWriteItems", "TransactGetItems"):
            return [(f"dynamodb:{TRANSACT_PARTS[kind]}", table_arn(part["TableName"]))
                    for item in params.get("TransactItems", []) for kind, part in item.items()]
        if operation in ("BatchGetItem", "BatchWriteItem"):
            return [(f"dynamodb:{operation}", table_arn(name)) for name in params.get("RequestItems", {})]
        return [(f"dynamodb:{operation}", table_arn(params.get("TableName", "*"), params.get("IndexName")))]
    if service == "s3":
        bucket = _logical_names().get(params.get("Bucket", ""), params.get("Bucket", ""))
        action = S3_ACTIONS.get(operation, operation)
        if "Key" in params:
            return [(f"s3:{action}", f"arn:aws:s3:::{bucket}/{params['Key']}")]
        return [(f"s3:{action}", f"arn:aws:s3:::{bucket}")]
    if service == "ssm" and "Name" in params:
        name = params["Name"] if params["Name"].startswith("/") else "/" + params["Name"]
        return [(f"ssm:{operation}", f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter{name}")]
    return [(f"{service}:{operation}", "*")]


# Tests that watch the calls as they happen (test_audit_walk: the writes each request makes): each gets
# (service, operation, params) of every call a function makes.
WATCHERS: list = []


def _record(model, params, **_kwargs) -> None:
    function = CURRENT_FUNCTION.get()
    if function is None:
        return
    service, operation = model.service_model.signing_name, model.name
    for watch in WATCHERS:
        watch(service, operation, params)
    if operation == "CreateBucket" and _PRESIGNED_KEY.get():
        operation, params = "PutObject", {**params, "Key": _PRESIGNED_KEY.get()}
    for action, resource in iam_calls(service, operation, params):
        RECORDED.add(Call(function, action, resource))


def instrument() -> None:
    """Hook boto3's default session before any client is made (clients copy the session's hooks when made)."""
    boto3.setup_default_session() if boto3.DEFAULT_SESSION is None else None
    boto3.DEFAULT_SESSION.events.register("before-parameter-build.*.*", _record)
    real = botocore.signers.generate_presigned_post
    if getattr(real, "_biye_recorded", False):
        return

    def presigned_post(self, Bucket, Key, *args, **kwargs):  # noqa: N803 (botocore's own parameter names)
        token = _PRESIGNED_KEY.set(Key)
        try:
            return real(self, Bucket, Key, *args, **kwargs)
        finally:
            _PRESIGNED_KEY.reset(token)
    presigned_post._biye_recorded = True  # type: ignore[attr-defined]
    botocore.signers.generate_presigned_post = presigned_post


def save(worker: str) -> None:
    CALLS_DIR.mkdir(parents=True, exist_ok=True)
    rows = [[c.function, c.action, c.resource] for c in sorted(RECORDED)]
    (CALLS_DIR / f"{worker}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")


def clear() -> None:
    for old in CALLS_DIR.glob("*.json"):
        old.unlink()


def denied_in_run() -> tuple[int, list[Call]]:
    """(how many distinct calls the run's workers recorded, those no policy of their function allows)."""
    calls = {Call(*row) for f in sorted(CALLS_DIR.glob("*.json")) for row in json.loads(f.read_text(encoding="utf-8"))}
    return len(calls), denied(calls)
