"""boto3 clients, created once per container and shared by every request.

Locally AWS_ENDPOINT_URL points boto3 at the embedded moto server; on AWS it is unset.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import cache
from typing import Any

import boto3
from boto3.dynamodb.transform import TransformationInjector
from botocore.config import Config

# Short timeouts and standard retries: a Lambda should fail fast rather than hang to its own timeout.
_TIMEOUTS = {"retries": {"max_attempts": 4, "mode": "standard"}, "connect_timeout": 3, "read_timeout": 10}


@cache
def dynamodb_table(name: str):
    resource = boto3.resource("dynamodb", config=Config(**_TIMEOUTS))
    _build_conditions_one_at_a_time(resource.meta.client.meta.events)
    return resource.Table(name)


def _build_conditions_one_at_a_time(events) -> None:
    """boto3 numbers a condition's placeholders (#n0, :v0) with counters on the resource's one builder, reset at each
    call: two threads sharing the Table (the local stack runs requests at once in threads) could take each other's
    numbers, and a query went out naming SK twice and PK never. The same step, under a lock; it stays first, before
    the values it made are serialized."""
    injector, lock = TransformationInjector(), threading.Lock()

    def inject_condition_expressions(params, model, **kwargs) -> None:
        with lock:
            injector.inject_condition_expressions(params, model, **kwargs)
    events.unregister("before-parameter-build.dynamodb", unique_id="dynamodb-condition-expression")
    events.register_first("before-parameter-build.dynamodb", inject_condition_expressions,
                          unique_id="dynamodb-condition-expression")


@cache
def dynamodb_client():
    return boto3.client("dynamodb", config=Config(**_TIMEOUTS))


@cache
def s3_client():
    # s3v4 signatures: presigned POSTs and GETs must work in the China regions, which accept only v4.
    # On AWS every link names the bucket by its regional name (<bucket>.s3.<region>.amazonaws.com[.cn]), the name the
    # template gives CloudFront's file origins and the page's CSP: left to itself botocore signs some regions' links
    # for the global name, which those origins would not match. Locally the endpoint is moto's, addressed by path.
    regional = {} if os.environ.get("AWS_ENDPOINT_URL") else {
        "s3": {"addressing_style": "virtual", "us_east_1_regional_endpoint": "regional"}}
    return boto3.client("s3", config=Config(signature_version="s3v4", **regional, **_TIMEOUTS))


class OnFirstUse:
    """A client made when a request first uses it, not when the handler is imported: building the S3 client parses
    its service model, ~5% of a bare handler's cold import, and most requests never touch S3."""

    def __init__(self, make: Callable[[], Any]):
        self._make = make  # a @cache'd factory: every use after the first gets the same client

    def __getattr__(self, name: str) -> Any:
        return getattr(self._make(), name)


@cache
def ssm_client():
    return boto3.client("ssm", config=Config(**_TIMEOUTS))
