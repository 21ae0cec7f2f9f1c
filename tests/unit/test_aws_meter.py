"""What bench cost's meter (bench/aws_meter.py) counts of a function's S3 calls, as S3 bills them: a DELETE is free
(Amazon S3 pricing: "DELETE and CANCEL requests are free"), so deleting a checked upload's raw file costs nothing."""
from __future__ import annotations

import contextvars
from types import SimpleNamespace

from bench.aws_meter import Meter
from infra.local.router import CURRENT_FUNCTION


def counted(*operations: str) -> dict:
    meter = Meter()

    def calls():
        CURRENT_FUNCTION.set("PhotoFunction")
        for name in operations:
            meter._s3(SimpleNamespace(name=name), {"body": b"x" * 10 if name == "PutObject" else b""})
    contextvars.copy_context().run(calls)
    return {what: amount for (_, what), amount in meter.counts.items()}


def test_s3_requests_are_counted_in_the_class_they_are_billed_in():
    assert counted("HeadObject", "GetObject", "PutObject", "DeleteObject", "DeleteObjects") == {
        "S3 GET-class": 2, "S3 PUT-class": 1, "S3 bytes stored": 10, "S3 free (DELETE)": 2}
