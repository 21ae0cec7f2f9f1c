"""boto3 clients, created once per container and shared by every request.

Locally AWS_ENDPOINT_URL points boto3 at the embedded moto server; on AWS it is unset.
"""
from __future__ import annotations

from functools import cache

import boto3
from botocore.config import Config

# Short timeouts and standard retries: a Lambda should fail fast rather than hang to its own timeout.
_TIMEOUTS = {"retries": {"max_attempts": 4, "mode": "standard"}, "connect_timeout": 3, "read_timeout": 10}


@cache
def dynamodb_table(name: str):
    return boto3.resource("dynamodb", config=Config(**_TIMEOUTS)).Table(name)


@cache
def dynamodb_client():
    return boto3.client("dynamodb", config=Config(**_TIMEOUTS))


@cache
def s3_client():
    # s3v4 signatures: presigned POSTs and GETs must work in the China regions, which accept only v4.
    return boto3.client("s3", config=Config(signature_version="s3v4", **_TIMEOUTS))


@cache
def ssm_client():
    return boto3.client("ssm", config=Config(**_TIMEOUTS))
