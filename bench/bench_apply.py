"""Applying benchmarks on the embedded stack, through the apply function's real Lambda handler: a whole submit
(receipt check, audit, what is missing, one transaction with the audit entry, message and owed effects, then the
quick effects done: the SMS queued; the 湖北 申请表 is left to the sweeper), reading my application, and a bare
moto PutItem measured in the same run as the baseline.

    .venv/bin/python -m bench apply
"""
from __future__ import annotations

import json
import secrets
import statistics
import time

from bench import lambda_calls
from bench.people import signed_in_candidates
from bench.timing import median_ms

ROUNDS = 21


def run() -> list[tuple[str, float, str]]:
    from functions.common.aws import dynamodb_table
    from functions.common.settings import Settings
    from infra.local import stack as local_stack
    from infra.local.run import prepare_data

    stack = local_stack.start("hubei", "http://127.0.0.1:8000")
    try:
        prepare_data("hubei")
        from functions.apply.handler import handler
        table = dynamodb_table(Settings.from_env().table)
        people = signed_in_candidates(table, ROUNDS + 1)

        def call(who, method, path, body=None, headers=None):
            answer = lambda_calls.call(handler, method, path, body, {**who["headers"], **(headers or {})})
            assert answer["statusCode"] == 200, answer["body"]
            return json.loads(answer["body"])

        for who in people:
            call(who, "PUT", "/api/apply/application/major", {"plan_id": who["record"]["majors"][0]})
            call(who, "PUT", "/api/apply/application/contact", {"phone": who["record"]["phone"]})
        waiting = list(people)

        def submit():
            who = waiting.pop()
            version = call(who, "GET", "/api/apply/application")["application"]["version"]
            started = time.perf_counter()
            call(who, "POST", "/api/apply/application/submit", {"version": version},
                 {"idempotency-key": secrets.token_urlsafe(16)})
            return (time.perf_counter() - started) * 1000

        submit()                                   # warm: the first form loads fpdf2 and the font
        submits = [submit() for _ in range(ROUNDS)]
        read = median_ms(lambda: call(people[0], "GET", "/api/apply/application"), ROUNDS)
        n = iter(range(10**6))
        bare = median_ms(lambda: table.put_item(Item={"PK": f"BENCH#{next(n)}", "SK": "BENCH", "v": 1}), 51)
    finally:
        stack.stop()
    submit_ms = statistics.median(submits)
    return [("submit (SMS queued; the form is made in the background), handler", submit_ms, "ms median"),
            ("submit p95", sorted(submits)[int(0.95 * (len(submits) - 1))], "ms"),
            ("read my application (GET /application)", read, "ms median"),
            ("bare moto PutItem (baseline, same run)", bare, "ms median"),
            ("submit / PutItem", submit_ms / bare, "× baseline")]
